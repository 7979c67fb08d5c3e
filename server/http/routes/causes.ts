// Causes: root causes with a selector over timeline events, and the customers they touched.
import { z } from 'zod';
import {
  affectedPageSchema,
  affectedQuerySchema,
  causeInputSchema,
  causeListQuerySchema,
  causePageSchema,
  causeSchema,
  outreachInputSchema,
  outreachSchema,
  type AffectedQuery,
  type CauseInput,
  type CauseListQuery,
  type OutreachInput,
} from '../../../contract/causes.ts';
import { errorBodySchema } from '../../../contract/common.ts';
import { affectedCustomers, createCause, getCause, listCauses } from '../../domain/recovery/causes.ts';
import { getOutreach, listOutreach, startOutreach } from '../../domain/recovery/cause-outreach.ts';
import { defineRoute } from '../route.ts';
import { signalDeps } from '../services.ts';

const idParams = z.object({ id: z.string() });
const notFound = { description: 'No such cause in this workspace', schema: errorBodySchema };

export const causeRoutes = [
  defineRoute<undefined, undefined, CauseInput>({
    method: 'post',
    path: '/api/v1/causes',
    tag: 'Causes',
    summary: 'Record a root cause',
    description:
      'A cause has a selector over timeline events: an event type and conditions on `data`, e.g. `order.placed` ' +
      'where `batch` eq "B-42". A selector whose operators and values disagree is refused (400) and nothing is stored.',
    access: 'manager',
    body: causeInputSchema,
    responses: {
      201: { description: 'Created', schema: causeSchema },
      400: { description: 'The input or the selector is not valid; details.problems name the fields', schema: errorBodySchema },
    },
    handle: async ({ body, principal, services }) => ({
      status: 201,
      body: await createCause(services.db, services.clock, principal.workspaceId, principal.userId ?? null, body),
    }),
  }),
  defineRoute<undefined, CauseListQuery>({
    method: 'get',
    path: '/api/v1/causes',
    tag: 'Causes',
    summary: 'Causes, newest first',
    access: 'agent',
    query: causeListQuerySchema,
    responses: { 200: { description: 'A page of causes', schema: causePageSchema } },
    handle: async ({ query, principal, services }) => ({
      status: 200,
      body: await listCauses(services.db, principal.workspaceId, query),
    }),
  }),
  defineRoute<{ id: string }>({
    method: 'get',
    path: '/api/v1/causes/{id}',
    tag: 'Causes',
    summary: 'One cause, with the number of customers it touched',
    access: 'agent',
    params: idParams,
    responses: { 200: { description: 'The cause', schema: causeSchema }, 404: notFound },
    handle: async ({ params, principal, services }) => ({
      status: 200,
      body: await getCause(services.db, principal.workspaceId, params.id),
    }),
  }),
  defineRoute<{ id: string }, AffectedQuery>({
    method: 'get',
    path: '/api/v1/causes/{id}/customers',
    tag: 'Causes',
    summary: 'Every customer the cause touched',
    description:
      'Customers with at least one event matching the selector, including those who never complained, ordered by ' +
      'their first matching event; each with the number of matching events and their newest case.',
    access: 'agent',
    params: idParams,
    query: affectedQuerySchema,
    responses: { 200: { description: 'A page of affected customers', schema: affectedPageSchema }, 404: notFound },
    handle: async ({ params, query, principal, services }) => ({
      status: 200,
      body: await affectedCustomers(services.db, principal.workspaceId, params.id, query),
    }),
  }),
  defineRoute<{ id: string }, undefined, OutreachInput>({
    method: 'post',
    path: '/api/v1/causes/{id}/outreach',
    tag: 'Causes',
    summary: 'Contact everyone the cause touched: a proactive case and one apology each',
    description:
      'Runs in the background, a batch at a time (watch it with GET .../outreach/{outreachId}). Each customer the cause touched ' +
      'gets a proactive case linked to the cause (or their open case is linked), acknowledged, and one apology by e-mail; ' +
      'customers whose case is already linked to the cause are skipped. The apology must own the mistake (400 otherwise). ' +
      'One outreach per cause runs at a time (409).',
    access: 'manager',
    params: idParams,
    body: outreachInputSchema,
    responses: {
      202: { description: 'Started', schema: outreachSchema },
      400: { description: 'Invalid, or the apology does not own the mistake', schema: errorBodySchema },
      404: notFound,
      409: { description: 'An outreach for this cause is already running', schema: errorBodySchema },
    },
    handle: async ({ params, body, principal, services }) => ({
      status: 202,
      body: await startOutreach(signalDeps(services), principal, params.id, body),
    }),
  }),
  defineRoute<{ id: string }>({
    method: 'get',
    path: '/api/v1/causes/{id}/outreach',
    tag: 'Causes',
    summary: 'The cause’s outreach runs, newest first (the latest 20)',
    access: 'agent',
    params: idParams,
    responses: { 200: { description: 'Runs', schema: z.object({ items: z.array(outreachSchema) }) }, 404: notFound },
    handle: async ({ params, principal, services }) => ({
      status: 200,
      body: { items: await listOutreach(services.db, principal.workspaceId, params.id) },
    }),
  }),
  defineRoute<{ id: string; outreachId: string }>({
    method: 'get',
    path: '/api/v1/causes/{id}/outreach/{outreachId}',
    tag: 'Causes',
    summary: 'One outreach run and its progress',
    access: 'agent',
    params: z.object({ id: z.string(), outreachId: z.string() }),
    responses: { 200: { description: 'The run', schema: outreachSchema }, 404: notFound },
    handle: async ({ params, principal, services }) => ({
      status: 200,
      body: await getOutreach(services.db, principal.workspaceId, params.id, params.outreachId),
    }),
  }),
];
