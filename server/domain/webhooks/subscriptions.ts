// Webhooks: an admin subscribes a URL to timeline event types; every event of those types is
// delivered to it, signed per Standard Webhooks, retried for more than a day (delivery.ts).
// Deliveries are queued where events are stored (storage/webhook-queue.ts). Here: managing
// subscriptions and their secrets, the delivery log, test pings and redelivery.
import { z } from 'zod';
import {
  maxSubscriptions,
  type DeliveryListQuery,
  type Webhook,
  type WebhookAttempt,
  type WebhookDelivery,
  type WebhookDeliveryPage,
  type WebhookInput,
  type WebhookPatch,
  type WebhookWithSecret,
} from '../../../contract/webhooks.ts';
import type { Db } from '../../storage/database.ts';
import * as deliveries from '../../storage/webhook-deliveries.ts';
import * as deliveryLog from '../../storage/webhook-delivery-log.ts';
import { forgetWebhookSubscriptions } from '../../storage/webhook-queue.ts';
import * as store from '../../storage/webhooks.ts';
import type { Clock } from '../core/clock.ts';
import { decodeCursor, encodeCursor } from '../core/cursor.ts';
import { KeptError, notFound } from '../core/errors.ts';
import { uuidv7 } from '../../lib/ids.ts';
import type { Principal } from '../core/principal.ts';
import { newWebhookSecret } from './signing.ts';

/** After a rotation the old secret signs too for this long, so receivers can switch without losing messages. */
export const previousSecretMs = 24 * 3_600_000;

const disabledByHand = 'Not sent: the subscription was disabled';

export function toWebhook(r: store.WebhookSubscription): Webhook {
  return {
    id: r.id,
    url: r.url,
    eventTypes: r.eventTypes,
    description: r.description,
    enabled: r.enabled,
    disabledReason: r.disabledReason,
    disabledAt: r.disabledAt?.toISOString() ?? null,
    secretHint: r.secret.slice(0, 10),
    previousSecretUntil: r.previousSecretUntil?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const unique = (xs: string[]) => [...new Set(xs)];

/** The outbound guard's check of a URL (adapters/outbound-http.ts), handed in by the caller. */
export interface UrlCheck {
  refusal(url: string): Promise<string | undefined>;
}

/** A URL whose host is, or resolves to, a private address is refused before it is stored. */
async function checkUrl(check: UrlCheck, url: string): Promise<void> {
  const kind = await check.refusal(url);
  if (kind) {
    throw new KeptError('invalid_input', 'The body is not valid', {
      problems: [
        {
          path: ['url'],
          message: `refused: private address (${kind}); Kept does not send to loopback, private, link-local or multicast addresses unless the operator lists the host in KEPT_OUTBOUND_ALLOW`,
        },
      ],
    });
  }
}

export async function createWebhook(db: Db, clock: Clock, p: Principal, input: WebhookInput, check: UrlCheck): Promise<WebhookWithSecret> {
  await checkUrl(check, input.url);
  const now = clock.now();
  const secret = newWebhookSecret();
  const row = await db.transaction().execute(async (tx) => {
    if ((await store.countSubscriptions(tx, p.workspaceId, { lock: true })) >= maxSubscriptions) {
      throw new KeptError('conflict', `A workspace can have at most ${maxSubscriptions} webhook subscriptions`);
    }
    return store.insertSubscription(
      tx,
      p.workspaceId,
      {
        id: uuidv7(now.getTime()),
        url: input.url,
        eventTypes: unique(input.eventTypes),
        description: input.description || null,
        secret,
        enabled: input.enabled,
        createdBy: p.userId ?? null,
      },
      now,
    );
  });
  forgetWebhookSubscriptions(p.workspaceId);
  return { webhook: toWebhook(row), secret };
}

export async function listWebhooks(db: Db, workspaceId: string): Promise<Webhook[]> {
  return (await store.listSubscriptions(db, workspaceId)).map(toWebhook);
}

async function found(db: Db, workspaceId: string, id: string, forUpdate = false): Promise<store.WebhookSubscription> {
  const row = z.uuid().safeParse(id).success ? await store.findSubscription(db, workspaceId, id, forUpdate) : undefined;
  if (!row) throw notFound('Webhook subscription');
  return row;
}

export async function getWebhook(db: Db, workspaceId: string, id: string): Promise<Webhook> {
  return toWebhook(await found(db, workspaceId, id));
}

/** Changes a subscription. Disabling it gives up its pending deliveries; enabling it clears the reason. */
export async function updateWebhook(
  db: Db,
  clock: Clock,
  workspaceId: string,
  id: string,
  patch: WebhookPatch,
  check: UrlCheck,
): Promise<Webhook> {
  if (patch.url !== undefined) await checkUrl(check, patch.url);
  const now = clock.now();
  const row = await db.transaction().execute(async (tx) => {
    const before = await found(tx, workspaceId, id, true);
    const changes: store.SubscriptionChanges = {};
    if (patch.url !== undefined) changes.url = patch.url;
    if (patch.eventTypes !== undefined) changes.eventTypes = unique(patch.eventTypes);
    if (patch.description !== undefined) changes.description = patch.description || null;
    if (patch.enabled !== undefined && patch.enabled !== before.enabled) {
      changes.enabled = patch.enabled;
      changes.disabledReason = patch.enabled ? null : 'manual';
      changes.disabledAt = patch.enabled ? null : now;
      if (!patch.enabled) await deliveries.failPendingDeliveries(tx, workspaceId, id, disabledByHand);
    }
    return (await store.updateSubscription(tx, workspaceId, id, changes, now))!;
  });
  forgetWebhookSubscriptions(workspaceId);
  return toWebhook(row);
}

export async function deleteWebhook(db: Db, workspaceId: string, id: string): Promise<void> {
  await found(db, workspaceId, id);
  await store.deleteSubscription(db, workspaceId, id);
  forgetWebhookSubscriptions(workspaceId);
}

/** A new secret, shown once; the previous one keeps signing for previousSecretMs. */
export async function rotateWebhookSecret(db: Db, clock: Clock, workspaceId: string, id: string): Promise<WebhookWithSecret> {
  const now = clock.now();
  const secret = newWebhookSecret();
  const row = await db.transaction().execute(async (tx) => {
    const before = await found(tx, workspaceId, id, true);
    return (await store.updateSubscription(
      tx,
      workspaceId,
      id,
      { secret, previousSecret: before.secret, previousSecretUntil: new Date(now.getTime() + previousSecretMs) },
      now,
    ))!;
  });
  return { webhook: toWebhook(row), secret };
}

function toAttempt(a: deliveries.WebhookAttemptRecord): WebhookAttempt {
  return {
    attempt: a.attempt,
    attemptedAt: a.attemptedAt.toISOString(),
    statusCode: a.statusCode,
    durationMs: a.durationMs,
    error: a.error,
    responseExcerpt: a.responseExcerpt,
    redelivery: a.redelivery,
  };
}

function toDelivery(r: deliveries.WebhookDeliveryRecord, attempts: deliveries.WebhookAttemptRecord[]): WebhookDelivery {
  return {
    id: r.id,
    webhookId: r.subscriptionId,
    eventId: r.eventId,
    type: r.type,
    payload: (r.body ?? r.payload) as WebhookDelivery['payload'],
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.status === 'pending' ? (r.nextAttemptAt?.toISOString() ?? null) : null,
    lastStatusCode: r.lastStatusCode,
    lastError: r.lastError,
    createdAt: r.createdAt.toISOString(),
    deliveredAt: r.deliveredAt?.toISOString() ?? null,
    redeliveredAt: r.redeliveredAt?.toISOString() ?? null,
    attemptLog: attempts.map(toAttempt),
  };
}

async function withAttempts(db: Db, workspaceId: string, rows: deliveries.WebhookDeliveryRecord[]): Promise<WebhookDelivery[]> {
  const attempts = await deliveryLog.attemptsOf(
    db,
    workspaceId,
    rows.map((r) => r.id),
  );
  return rows.map((r) =>
    toDelivery(
      r,
      attempts.filter((a) => a.deliveryId === r.id),
    ),
  );
}

const cursorShape = z.object({ id: z.uuid() });

export async function listDeliveries(db: Db, workspaceId: string, webhookId: string, q: DeliveryListQuery): Promise<WebhookDeliveryPage> {
  await found(db, workspaceId, webhookId);
  const before = q.cursor ? decodeCursor(q.cursor, cursorShape).id : undefined;
  const rows = await deliveryLog.listDeliveries(db, workspaceId, webhookId, { status: q.status, before, limit: q.limit + 1 });
  const page = rows.slice(0, q.limit);
  return {
    items: await withAttempts(db, workspaceId, page),
    nextCursor: rows.length > q.limit ? encodeCursor({ id: page[page.length - 1]!.id }) : null,
  };
}

async function foundDelivery(db: Db, workspaceId: string, webhookId: string, id: string): Promise<deliveries.WebhookDeliveryRecord> {
  const row = z.uuid().safeParse(id).success ? await deliveryLog.findDelivery(db, workspaceId, webhookId, id) : undefined;
  if (!row) throw notFound('Webhook delivery');
  return row;
}

export async function getDelivery(db: Db, workspaceId: string, webhookId: string, id: string): Promise<WebhookDelivery> {
  await found(db, workspaceId, webhookId);
  return (await withAttempts(db, workspaceId, [await foundDelivery(db, workspaceId, webhookId, id)]))[0]!;
}

const mustBeEnabled = (s: store.WebhookSubscription) => {
  if (!s.enabled) throw new KeptError('conflict', 'The subscription is disabled: enable it first', { reason: 'disabled' });
};

/** Queues a `webhook.test` ping to the subscription, due at once (the sender takes it within a second). */
export async function sendTestPing(db: Db, clock: Clock, workspaceId: string, webhookId: string): Promise<WebhookDelivery> {
  const now = clock.now();
  const s = await found(db, workspaceId, webhookId);
  mustBeEnabled(s);
  const payload = {
    type: 'webhook.test',
    timestamp: now.toISOString(),
    data: { webhookId, message: 'A test from Kept: your endpoint is reachable and can check the signature.' },
  };
  const row = await deliveries.insertDelivery(
    db,
    workspaceId,
    { id: uuidv7(now.getTime()), subscriptionId: webhookId, type: 'webhook.test', payload },
    now,
  );
  return toDelivery(row, []);
}

/** Sends a delivery again now, with the same webhook-id and a fresh retry schedule; the log records who and when. */
export async function redeliver(db: Db, clock: Clock, p: Principal, webhookId: string, id: string): Promise<WebhookDelivery> {
  const now = clock.now();
  mustBeEnabled(await found(db, p.workspaceId, webhookId));
  await foundDelivery(db, p.workspaceId, webhookId, id);
  const row = await deliveries.requeueDelivery(db, p.workspaceId, webhookId, id, p.userId ?? null, now);
  if (!row) throw new KeptError('conflict', 'A try of this delivery is under way; ask again once it is done', { reason: 'in_flight' });
  return getDelivery(db, p.workspaceId, webhookId, id);
}
