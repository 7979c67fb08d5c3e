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
import { timelinePageSchema, timelineQuerySchema, type TimelineQuery } from '../../../contract/events.ts';
import { customerAttributes, customerTimeline, getCustomer, searchCustomers } from '../../domain/core/customers.ts';
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
];
