// Customers and their timelines.
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/common.ts';
import {
  customerAttributesSchema,
  customerListQuerySchema,
  customerPageSchema,
  customerSchema,
  type CustomerListQuery,
} from '../../../contract/customers.ts';
import { customerErasureSchema, customerExportSchema } from '../../../contract/privacy.ts';
import { timelinePageSchema, timelineQuerySchema, type TimelineQuery } from '../../../contract/events.ts';
import { customerAttributes, customerTimeline, getCustomer, searchCustomers } from '../../domain/core/customers.ts';
import { eraseCustomer, exportCustomer } from '../../domain/core/privacy.ts';
import { clientAddress } from '../client-address.ts';
import { defineRoute } from '../route.ts';

const idParams = z.object({ id: z.string() });
const notFound = { description: 'No such customer in this workspace', schema: errorBodySchema };

export const customerRoutes = [
  defineRoute<undefined, CustomerListQuery>({
    method: 'get',
    path: '/api/v1/customers',
    tag: 'Customers',
    summary: 'List and search customers, newest first',
    access: 'agent',
    query: customerListQuerySchema,
    responses: { 200: { description: 'A page of customers', schema: customerPageSchema } },
    handle: async ({ query, principal, services }) => ({
      status: 200,
      body: await searchCustomers(services.db, principal.workspaceId, query),
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/customers/attributes',
    tag: 'Customers',
    summary: 'The attributes customers carry, with their most common values',
    description: 'The segments scores can be broken down by. Counted over the newest 10,000 customers.',
    access: 'agent',
    responses: { 200: { description: 'Attributes, most common first', schema: customerAttributesSchema } },
    handle: async ({ principal, services }) => ({ status: 200, body: await customerAttributes(services.db, principal.workspaceId) }),
  }),
  defineRoute<{ id: string }>({
    method: 'get',
    path: '/api/v1/customers/{id}',
    tag: 'Customers',
    summary: 'One customer',
    access: 'agent',
    params: idParams,
    responses: { 200: { description: 'The customer', schema: customerSchema }, 404: notFound },
    handle: async ({ params, principal, services }) => ({
      status: 200,
      body: await getCustomer(services.db, principal.workspaceId, params.id),
    }),
  }),
  defineRoute<{ id: string }, TimelineQuery>({
    method: 'get',
    path: '/api/v1/customers/{id}/timeline',
    tag: 'Customers',
    summary: 'A customer\u2019s timeline across departments, newest first',
    description: 'Keyset-paginated: pass `nextCursor` as `cursor` for the next page. Filters combine.',
    access: 'agent',
    params: idParams,
    query: timelineQuerySchema,
    responses: { 200: { description: 'A page of events', schema: timelinePageSchema }, 404: notFound },
    handle: async ({ params, query, principal, services }) => ({
      status: 200,
      body: await customerTimeline(services.db, principal.workspaceId, params.id, query),
    }),
  }),
  defineRoute<{ id: string }>({
    method: 'get',
    path: '/api/v1/customers/{id}/export',
    tag: 'Customers',
    summary: 'Everything Kept holds about one customer, in one JSON document',
    description:
      'For a request to see one\u2019s data: the customer, their events, invitations, answers, unsubscribe, mails, cases ' +
      '(with steps, assignments and messages), complaints, promises, outbox messages, tasks and webhook deliveries, each row as stored.',
    access: 'manager',
    params: idParams,
    responses: { 200: { description: 'The customer\u2019s data', schema: customerExportSchema }, 404: notFound },
    handle: async ({ params, principal, services }) => ({
      status: 200,
      body: await exportCustomer(services.db, services.clock.now(), principal.workspaceId, params.id),
      headers: { 'Content-Disposition': `attachment; filename="customer-${params.id}.json"` },
    }),
  }),
  defineRoute<{ id: string }>({
    method: 'delete',
    path: '/api/v1/customers/{id}',
    tag: 'Customers',
    summary: 'Erase a customer: every row about them is deleted',
    description:
      'Deletes the customer and everything linked to them (events, invitations, answers, mails, cases with their steps and ' +
      'messages, complaints, promises, outbox messages, tasks, webhook deliveries). An unsubscribe is kept as a hash of ' +
      'the address, so the address stays unsubscribed. Score rollups are rebuilt in the same transaction: scores no longer ' +
      'count their answers. The erasure is recorded in the audit log (ids and counts only). It cannot be undone.',
    access: 'manager',
    audit: 'self',
    params: idParams,
    responses: { 200: { description: 'Erased', schema: customerErasureSchema }, 404: notFound },
    handle: async ({ params, principal, services, c }) => ({
      status: 200,
      body: await eraseCustomer(services.db, services.clock.now(), principal.workspaceId, params.id, principal, {
        client: clientAddress(c, services.config.trustProxy),
        requestId: c.get('requestId'),
      }),
    }),
  }),
];
