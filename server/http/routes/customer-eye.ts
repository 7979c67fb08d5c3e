// "Be the customer" (seed 002): what one customer received and saw, in order, and each item's HTML
// as they saw it, for a sandboxed frame in the staff app.
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/common.ts';
import { customerEyePageSchema, customerEyeQuerySchema, type CustomerEyeQuery } from '../../../contract/customer-eye.ts';
import { customerEye } from '../../domain/one-voice/customer-eye.ts';
import { customerEyeHtml, customerEyeResponse } from '../customer-eye.ts';
import { defineRoute } from '../route.ts';

const notFound = { description: 'No such customer (or item) in this workspace', schema: errorBodySchema };

export const customerEyeRoutes = [
  defineRoute<{ id: string }, CustomerEyeQuery>({
    method: 'get',
    path: '/api/v1/customers/{id}/as-customer',
    tag: 'Customers',
    summary: 'Be the customer: every mail they received and every page of ours they saw, in order',
    description:
      'Oldest first. Mails from every department (sent, kept in the preview, or possibly delivered), the survey pages ' +
      'they answered and their thank-you pages, and their case page when they wrote from it. `view` gives each one’s ' +
      'HTML as the customer saw it.',
    access: 'agent',
    params: z.object({ id: z.string() }),
    query: customerEyeQuerySchema,
    responses: { 200: { description: 'A page of what they received and saw', schema: customerEyePageSchema }, 404: notFound },
    handle: async ({ params, query, principal, services }) => ({
      status: 200,
      body: await customerEye(services.db, principal.workspaceId, params.id, query),
    }),
  }),
  defineRoute<{ id: string; itemId: string }>({
    method: 'get',
    path: '/api/v1/customers/{id}/as-customer/{itemId}',
    tag: 'Customers',
    summary: 'One item of the customer’s-eye view, as HTML exactly as the customer saw it',
    description:
      'text/html for a sandboxed frame of the staff app: its Content-Security-Policy runs no script and lets no form ' +
      'submit; only images load. A mail is the stored HTML as it was sent; pages are rendered by the customer pages’ own renderers.',
    access: 'agent',
    params: z.object({ id: z.string(), itemId: z.string().max(200) }),
    responses: { 200: { description: 'The HTML (text/html)' }, 404: notFound },
    handle: async ({ params, principal, services, c }) =>
      customerEyeResponse(c, await customerEyeHtml(services, principal.workspaceId, params.id, params.itemId)),
  }),
];
