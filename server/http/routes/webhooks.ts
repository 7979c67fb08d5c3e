// Webhooks (admins): subscriptions to timeline event types, their secrets, the delivery log,
// test pings and redelivery. Sending is domain/webhooks/delivery.ts.
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/common.ts';
import {
  deliveryListQuerySchema,
  webhookDeliveryPageSchema,
  webhookDeliverySchema,
  webhookInputSchema,
  webhookListSchema,
  webhookPatchSchema,
  webhookSchema,
  webhookWithSecretSchema,
  type DeliveryListQuery,
  type WebhookInput,
  type WebhookPatch,
} from '../../../contract/webhooks.ts';
import {
  createWebhook,
  deleteWebhook,
  getDelivery,
  getWebhook,
  listDeliveries,
  listWebhooks,
  redeliver,
  rotateWebhookSecret,
  sendTestPing,
  updateWebhook,
} from '../../domain/webhooks/subscriptions.ts';
import { defineRoute } from '../route.ts';

const tag = 'Webhooks';
const idParams = z.object({ id: z.string() });
const deliveryParams = z.object({ id: z.string(), deliveryId: z.string() });
const notFound = { description: 'No such webhook subscription (or delivery) in this workspace', schema: errorBodySchema };
const invalid = {
  description:
    'Not valid: `details.problems` names the field, e.g. `url` (not http(s), credentials in it, or refused: a private, loopback, ' +
    'link-local or multicast address, literal or resolved, not in KEPT_OUTBOUND_ALLOW) or the bad event type pattern',
  schema: errorBodySchema,
};

export const webhookRoutes = [
  defineRoute<undefined, undefined, WebhookInput>({
    method: 'post',
    path: '/api/v1/webhooks',
    tag,
    summary: 'Subscribe a URL to timeline events',
    description:
      'Every timeline event whose type matches one of `eventTypes` (`case.opened`, a prefix `case.*`, or `*`) is POSTed to ' +
      '`url`, signed per Standard Webhooks with the secret in the answer, which is shown only now. Deliveries are retried for ' +
      'about 27 hours; a 410 Gone answer disables the subscription. At most 50 per workspace.',
    access: 'admin',
    body: webhookInputSchema,
    responses: {
      201: { description: 'Created; the secret is shown only in this answer', schema: webhookWithSecretSchema },
      400: invalid,
      409: { description: 'The workspace has 50 subscriptions already', schema: errorBodySchema },
    },
    handle: async ({ body, principal, services }) => ({
      status: 201,
      body: await createWebhook(services.db, services.clock, principal, body, services.outbound),
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/webhooks',
    tag,
    summary: 'The workspace’s webhook subscriptions, oldest first',
    access: 'admin',
    responses: { 200: { description: 'Subscriptions (never their secrets)', schema: webhookListSchema } },
    handle: async ({ principal, services }) => ({ status: 200, body: { items: await listWebhooks(services.db, principal.workspaceId) } }),
  }),
  defineRoute<{ id: string }>({
    method: 'get',
    path: '/api/v1/webhooks/{id}',
    tag,
    summary: 'One webhook subscription',
    access: 'admin',
    params: idParams,
    responses: { 200: { description: 'The subscription', schema: webhookSchema }, 404: notFound },
    handle: async ({ params, principal, services }) => ({
      status: 200,
      body: await getWebhook(services.db, principal.workspaceId, params.id),
    }),
  }),
  defineRoute<{ id: string }, undefined, WebhookPatch>({
    method: 'patch',
    path: '/api/v1/webhooks/{id}',
    tag,
    summary: 'Change the URL, event types, description, or enable / disable',
    description: 'Disabling gives up the pending deliveries (they stay in the log as failed, and can be redelivered once enabled again).',
    access: 'admin',
    params: idParams,
    body: webhookPatchSchema,
    responses: { 200: { description: 'Changed', schema: webhookSchema }, 400: invalid, 404: notFound },
    handle: async ({ params, body, principal, services }) => ({
      status: 200,
      body: await updateWebhook(services.db, services.clock, principal.workspaceId, params.id, body, services.outbound),
    }),
  }),
  defineRoute<{ id: string }>({
    method: 'delete',
    path: '/api/v1/webhooks/{id}',
    tag,
    summary: 'Delete a subscription with its delivery log',
    access: 'admin',
    params: idParams,
    responses: { 204: { description: 'Deleted' }, 404: notFound },
    handle: async ({ params, principal, services, c }) => {
      await deleteWebhook(services.db, principal.workspaceId, params.id);
      return c.body(null, 204);
    },
  }),
  defineRoute<{ id: string }>({
    method: 'post',
    path: '/api/v1/webhooks/{id}/rotate-secret',
    tag,
    summary: 'A new signing secret, shown once',
    description: 'For 24 hours deliveries carry a signature by the old secret too, so a receiver can switch without losing any.',
    access: 'admin',
    params: idParams,
    responses: { 200: { description: 'The new secret, shown only now', schema: webhookWithSecretSchema }, 404: notFound },
    handle: async ({ params, principal, services }) => ({
      status: 200,
      body: await rotateWebhookSecret(services.db, services.clock, principal.workspaceId, params.id),
    }),
  }),
  defineRoute<{ id: string }>({
    method: 'post',
    path: '/api/v1/webhooks/{id}/test',
    tag,
    summary: 'Send a webhook.test ping',
    description: 'Queued at once and sent within a second or so, like any delivery; watch it in the delivery log.',
    access: 'admin',
    params: idParams,
    responses: {
      202: { description: 'Queued', schema: webhookDeliverySchema },
      404: notFound,
      409: { description: 'The subscription is disabled', schema: errorBodySchema },
    },
    handle: async ({ params, principal, services }) => ({
      status: 202,
      body: await sendTestPing(services.db, services.clock, principal.workspaceId, params.id),
    }),
  }),
  defineRoute<{ id: string }, DeliveryListQuery>({
    method: 'get',
    path: '/api/v1/webhooks/{id}/deliveries',
    tag,
    summary: 'The delivery log, newest first, each delivery with its tries',
    description: '`status`: pending (waiting for its first or next try), delivered (a 2xx answer), failed (gave up). Keyset-paginated.',
    access: 'admin',
    params: idParams,
    query: deliveryListQuerySchema,
    responses: {
      200: { description: 'A page of deliveries', schema: webhookDeliveryPageSchema },
      400: { description: 'Bad status, cursor or limit', schema: errorBodySchema },
      404: notFound,
    },
    handle: async ({ params, query, principal, services }) => ({
      status: 200,
      body: await listDeliveries(services.db, principal.workspaceId, params.id, query),
    }),
  }),
  defineRoute<{ id: string; deliveryId: string }>({
    method: 'get',
    path: '/api/v1/webhooks/{id}/deliveries/{deliveryId}',
    tag,
    summary: 'One delivery, with its payload and tries',
    access: 'admin',
    params: deliveryParams,
    responses: { 200: { description: 'The delivery', schema: webhookDeliverySchema }, 404: notFound },
    handle: async ({ params, principal, services }) => ({
      status: 200,
      body: await getDelivery(services.db, principal.workspaceId, params.id, params.deliveryId),
    }),
  }),
  defineRoute<{ id: string; deliveryId: string }>({
    method: 'post',
    path: '/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver',
    tag,
    summary: 'Send a delivery again now',
    description:
      'Same webhook-id (receivers that dedupe will see it as the same message), a fresh retry schedule; the log marks the try ' +
      'as a redelivery. 409 while a try is under way or when the subscription is disabled.',
    access: 'admin',
    params: deliveryParams,
    responses: {
      202: { description: 'Queued', schema: webhookDeliverySchema },
      404: notFound,
      409: { description: 'A try is under way, or the subscription is disabled', schema: errorBodySchema },
    },
    handle: async ({ params, principal, services }) => ({
      status: 202,
      body: await redeliver(services.db, services.clock, principal, params.id, params.deliveryId),
    }),
  }),
];
