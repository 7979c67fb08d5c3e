// Earned Growth: the revenue ledger's mappings, the growth settings, the EGR report and the
// customers behind each of its parts.
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/common.ts';
import {
  growthCustomerPageSchema,
  growthCustomersQuerySchema,
  growthQuerySchema,
  growthReportSchema,
  growthSettingsSchema,
  revenueMappingInputSchema,
  revenueMappingListSchema,
  revenueMappingSchema,
  type GrowthCustomersQuery,
  type GrowthQuery,
  type GrowthSettings,
  type RevenueMappingInput,
} from '../../../contract/growth.ts';
import { growthCustomers, growthReport } from '../../domain/measurement/growth.ts';
import {
  deleteRevenueMapping,
  growthSettingsOf,
  listRevenueMappings,
  saveGrowthSettings,
  saveRevenueMapping,
} from '../../domain/measurement/revenue.ts';
import { defineRoute } from '../route.ts';

const error = (description: string) => ({ description, schema: errorBodySchema });
const tag = 'Growth';

export const growthRoutes = [
  defineRoute<undefined, GrowthQuery>({
    method: 'get',
    path: '/api/v1/reports/growth',
    tag,
    summary: 'Earned Growth Rate by month or quarter, with NRR, ENC, the customers behind them and a 95 % interval',
    description:
      'Figures per period in the reporting currency (every customer, then each value of `segment`); revenue in other ' +
      'currencies is in otherCurrencies with the same figures, never converted. `method` explains the computation.',
    access: 'agent',
    query: growthQuerySchema,
    responses: { 200: { description: 'The report', schema: growthReportSchema }, 400: error('Invalid query') },
    handle: async ({ query, principal, services }) => ({
      status: 200,
      body: await growthReport(services.db, services.clock, principal.workspaceId, query),
    }),
  }),
  defineRoute<undefined, GrowthCustomersQuery>({
    method: 'get',
    path: '/api/v1/reports/growth/customers',
    tag,
    summary: 'The customers behind one part of a period’s figures, largest revenue first',
    access: 'agent',
    query: growthCustomersQuerySchema,
    responses: { 200: { description: 'Customers', schema: growthCustomerPageSchema }, 400: error('Invalid query') },
    handle: async ({ query, principal, services }) => ({
      status: 200,
      body: await growthCustomers(services.db, principal.workspaceId, query),
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/settings/growth',
    tag,
    summary: 'The reporting currency and how events tell a referred customer (404 until saved)',
    access: 'agent',
    responses: { 200: { description: 'Settings', schema: growthSettingsSchema }, 404: error('Not set yet') },
    handle: async ({ principal, services, c }) => {
      const s = await growthSettingsOf(services.db, principal.workspaceId);
      return s ? { status: 200, body: s } : c.json({ error: { code: 'not_found', message: 'The growth settings are not set yet' } }, 404);
    },
  }),
  defineRoute<undefined, undefined, GrowthSettings>({
    method: 'put',
    path: '/api/v1/settings/growth',
    tag,
    summary: 'Set the reporting currency and the acquisition events',
    access: 'manager',
    body: growthSettingsSchema,
    responses: { 200: { description: 'Saved', schema: growthSettingsSchema }, 400: error('Invalid, e.g. currency_not_iso4217') },
    handle: async ({ body, principal, services }) => ({
      status: 200,
      body: await saveGrowthSettings(services.db, services.clock, principal.workspaceId, body),
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/revenue-mappings',
    tag,
    summary: 'The event types that carry money, and where their amount and currency are',
    access: 'agent',
    responses: { 200: { description: 'Mappings', schema: revenueMappingListSchema } },
    handle: async ({ principal, services }) => ({
      status: 200,
      body: { items: await listRevenueMappings(services.db, principal.workspaceId) },
    }),
  }),
  defineRoute<undefined, undefined, RevenueMappingInput>({
    method: 'put',
    path: '/api/v1/revenue-mappings',
    tag,
    summary: 'Map an event type to an amount and a currency (replaces the type’s mapping)',
    description:
      'Checked against the newest events of the type: details.reason amount_path_not_found when none has a number at ' +
      'the path, currency_not_iso4217 for a code that is not ISO 4217. The ledger is read with the mappings at query ' +
      'time, so a change applies to past events too.',
    access: 'manager',
    body: revenueMappingInputSchema,
    responses: { 200: { description: 'Saved', schema: revenueMappingSchema }, 400: error('Invalid, with details.reason') },
    handle: async ({ body, principal, services }) => ({
      status: 200,
      body: await saveRevenueMapping(services.db, services.clock, principal.workspaceId, body),
    }),
  }),
  defineRoute<{ id: string }>({
    method: 'delete',
    path: '/api/v1/revenue-mappings/{id}',
    tag,
    summary: 'Remove a mapping: its events leave the ledger',
    access: 'manager',
    params: z.object({ id: z.string() }),
    responses: { 204: { description: 'Deleted' }, 404: error('No such mapping') },
    handle: async ({ params, principal, services, c }) => {
      await deleteRevenueMapping(services.db, principal.workspaceId, params.id);
      return c.body(null, 204);
    },
  }),
];
