// Webhook deliveries and their tries. A sender claims due deliveries with SKIP LOCKED and a
// lease (as the mail outbox does), POSTs them outside any transaction, then records every
// outcome of its batch in one transaction, fenced by the attempt number it claimed: a sender
// whose lease ran out and whose delivery was claimed again cannot overwrite the newer try.
import { sql, type Selectable } from 'kysely';
import type { DeliveryStatus } from '../../contract/webhooks.ts';
import type { Db } from './database.ts';
import type { WebhookAttemptsTable, WebhookDeliveriesTable } from './schema.ts';

type DeliveryRow = Selectable<WebhookDeliveriesTable> & { body?: Record<string, unknown> };
export type AttemptRow = Selectable<WebhookAttemptsTable>;

/** One delivery of a message to a subscription, as the domain reads it. */
export interface WebhookDeliveryRecord {
  workspaceId: string;
  id: string;
  subscriptionId: string;
  eventId: string | null;
  type: string;
  /** A test ping's stored payload; null for an event's delivery (its body is built from the event). */
  payload: Record<string, unknown> | null;
  /** The body as it is sent (see bodyOf); absent on records straight from an UPDATE. */
  body?: Record<string, unknown>;
  status: DeliveryStatus;
  attempts: number;
  roundAttempts: number;
  nextAttemptAt: Date | null;
  leasedUntil: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
  redeliveredAt: Date | null;
  redeliveredBy: string | null;
}

/** One try of a delivery. */
export interface WebhookAttemptRecord {
  workspaceId: string;
  deliveryId: string;
  attempt: number;
  attemptedAt: Date;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  responseExcerpt: string | null;
  redelivery: boolean;
}

export const toDelivery = (r: DeliveryRow): WebhookDeliveryRecord => ({
  workspaceId: r.workspace_id,
  id: r.id,
  subscriptionId: r.subscription_id,
  eventId: r.event_id,
  type: r.type,
  payload: r.payload,
  ...(r.body === undefined ? {} : { body: r.body }),
  status: r.status,
  attempts: r.attempts,
  roundAttempts: r.round_attempts,
  nextAttemptAt: r.next_attempt_at,
  leasedUntil: r.leased_until,
  lastStatusCode: r.last_status_code,
  lastError: r.last_error,
  createdAt: r.created_at,
  deliveredAt: r.delivered_at,
  redeliveredAt: r.redelivered_at,
  redeliveredBy: r.redelivered_by,
});

export const toAttempt = (a: AttemptRow): WebhookAttemptRecord => ({
  workspaceId: a.workspace_id,
  deliveryId: a.delivery_id,
  attempt: a.attempt,
  attemptedAt: a.attempted_at,
  statusCode: a.status_code,
  durationMs: a.duration_ms,
  error: a.error,
  responseExcerpt: a.response_excerpt,
  redelivery: a.redelivery,
});

const isoUtc = (column: string) => sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/**
 * The Standard Webhooks body of delivery `d` (an alias): its stored payload (a test ping), or
 * built from its timeline event (`data` is the event as the API shows it; `timestamp` is when
 * it happened), so queueing never writes an event twice. The same row gives the same body on
 * every try.
 */
export const bodyOf = (d: string) => sql<Record<string, unknown>>`COALESCE(${sql.raw(d)}.payload, (
  SELECT jsonb_build_object('type', e.type, 'timestamp', ${isoUtc('e.occurred_at')}, 'data', jsonb_build_object(
    'id', e.id, 'customerId', e.customer_id, 'type', e.type, 'source', e.source,
    'occurredAt', ${isoUtc('e.occurred_at')}, 'receivedAt', ${isoUtc('e.received_at')},
    'idempotencyKey', e.idempotency_key, 'data', e.data))
  FROM events e WHERE e.workspace_id = ${sql.raw(d)}.workspace_id AND e.id = ${sql.raw(d)}.event_id
), jsonb_build_object('type', ${sql.raw(d)}.type, 'timestamp', ${isoUtc(`${d}.created_at`)}, 'data', '{}'::jsonb))`;

export interface ClaimedDelivery {
  workspaceId: string;
  id: string;
  subscriptionId: string;
  /** The exact body that is signed and sent. */
  body: string;
  attempts: number;
  roundAttempts: number;
  /** The first try after a manual redelivery. */
  redelivery: boolean;
  url: string;
  secret: string;
  previousSecret: string | null;
  previousSecretUntil: Date | null;
  enabled: boolean;
}

/**
 * Takes up to `limit` due deliveries: counts the try and leases each until now + leaseMs, in
 * one statement over rows locked with SKIP LOCKED. Another sender skips rows being claimed and,
 * once the claim commits, sees them as not due until the lease runs out.
 */
export async function claimDueDeliveries(db: Db, now: Date, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
  const lease = new Date(now.getTime() + leaseMs);
  const r = await sql<ClaimedDelivery>`
    UPDATE webhook_deliveries d
    SET attempts = d.attempts + 1, round_attempts = d.round_attempts + 1, next_attempt_at = ${lease}, leased_until = ${lease}
    FROM (
      SELECT workspace_id, id FROM webhook_deliveries
      WHERE status = 'pending' AND next_attempt_at <= ${now}
      ORDER BY next_attempt_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    ) due, webhook_subscriptions s
    WHERE d.workspace_id = due.workspace_id AND d.id = due.id AND s.workspace_id = d.workspace_id AND s.id = d.subscription_id
    RETURNING d.workspace_id AS "workspaceId", d.id, d.subscription_id AS "subscriptionId", ${bodyOf('d')}::text AS body,
              d.attempts, d.round_attempts AS "roundAttempts", d.redelivered_at IS NOT NULL AND d.round_attempts = 1 AS redelivery,
              s.url, s.secret, s.previous_secret AS "previousSecret", s.previous_secret_until AS "previousSecretUntil", s.enabled`.execute(
    db,
  );
  return r.rows;
}

export interface TryOutcome {
  workspaceId: string;
  deliveryId: string;
  subscriptionId: string;
  /** The attempt number the claim gave this try (the fence). */
  attempt: number;
  /** `skipped`: not tried (the subscription was disabled meanwhile); `gone`: 410, the subscription is disabled. */
  status: DeliveryStatus;
  nextAttemptAt: Date | null;
  tried: boolean;
  attemptedAt: Date;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  excerpt: string | null;
  redelivery: boolean;
}

/** Records a sender's batch in one transaction: the attempt log, then each delivery's new state. */
export async function recordOutcomes(tx: Db, outcomes: TryOutcome[], now: Date): Promise<void> {
  const tried = outcomes.filter((o) => o.tried);
  if (tried.length) {
    await sql`
      INSERT INTO webhook_attempts (workspace_id, delivery_id, attempt, attempted_at, status_code, duration_ms, error, response_excerpt, redelivery)
      SELECT t.* FROM unnest(${tried.map((o) => o.workspaceId)}::uuid[], ${tried.map((o) => o.deliveryId)}::uuid[],
                             ${tried.map((o) => o.attempt)}::int[], ${tried.map((o) => o.attemptedAt)}::timestamptz[],
                             ${tried.map((o) => o.statusCode)}::int[], ${tried.map((o) => o.durationMs)}::int[],
                             ${tried.map((o) => o.error)}::text[], ${tried.map((o) => o.excerpt)}::text[],
                             ${tried.map((o) => o.redelivery)}::bool[])
        AS t(workspace_id, delivery_id, attempt, attempted_at, status_code, duration_ms, error, response_excerpt, redelivery)
      WHERE EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.workspace_id = t.workspace_id AND d.id = t.delivery_id)
      ON CONFLICT DO NOTHING`.execute(tx);
  }
  if (!outcomes.length) return;
  await sql`
    UPDATE webhook_deliveries d
    SET status = t.status, next_attempt_at = t.next_attempt_at, leased_until = NULL,
        attempts = CASE WHEN t.tried THEN d.attempts ELSE d.attempts - 1 END,
        round_attempts = CASE WHEN t.tried THEN d.round_attempts ELSE d.round_attempts - 1 END,
        last_status_code = CASE WHEN t.tried THEN t.status_code ELSE d.last_status_code END,
        last_error = t.error,
        delivered_at = CASE WHEN t.status = 'delivered' THEN ${now}::timestamptz ELSE d.delivered_at END
    FROM unnest(${outcomes.map((o) => o.workspaceId)}::uuid[], ${outcomes.map((o) => o.deliveryId)}::uuid[],
                ${outcomes.map((o) => o.attempt)}::int[], ${outcomes.map((o) => o.status)}::text[],
                ${outcomes.map((o) => o.nextAttemptAt)}::timestamptz[], ${outcomes.map((o) => o.tried)}::bool[],
                ${outcomes.map((o) => o.statusCode)}::int[], ${outcomes.map((o) => o.error)}::text[])
      AS t(workspace_id, id, attempt, status, next_attempt_at, tried, status_code, error)
    WHERE d.workspace_id = t.workspace_id AND d.id = t.id AND d.attempts = t.attempt AND d.status = 'pending'`.execute(tx);
}

/** Gives up every pending delivery of a subscription (it was disabled); answers how many. */
export async function failPendingDeliveries(tx: Db, workspaceId: string, subscriptionId: string, error: string): Promise<number> {
  const r = await tx
    .updateTable('webhook_deliveries')
    .set({ status: 'failed', next_attempt_at: null, last_error: error })
    .where('workspace_id', '=', workspaceId)
    .where('subscription_id', '=', subscriptionId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** A delivery not made from a timeline event (a webhook.test ping), due at once. */
export async function insertDelivery(
  db: Db,
  workspaceId: string,
  d: { id: string; subscriptionId: string; type: string; payload: unknown },
  now: Date,
): Promise<WebhookDeliveryRecord> {
  const r = await db
    .insertInto('webhook_deliveries')
    .values({
      workspace_id: workspaceId,
      id: d.id,
      subscription_id: d.subscriptionId,
      event_id: null,
      type: d.type,
      payload: JSON.stringify(d.payload),
      status: 'pending',
      next_attempt_at: now,
      created_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toDelivery(r);
}

/**
 * Queues a delivery again now, with its id (so receivers can tell it is the same message) and
 * a fresh retry schedule. Refused (undefined) while a sender holds it: one try at a time.
 */
export async function requeueDelivery(
  db: Db,
  workspaceId: string,
  subscriptionId: string,
  id: string,
  by: string | null,
  now: Date,
): Promise<WebhookDeliveryRecord | undefined> {
  const r = await db
    .updateTable('webhook_deliveries')
    .set({ status: 'pending', next_attempt_at: now, round_attempts: 0, redelivered_at: now, redelivered_by: by })
    .where('workspace_id', '=', workspaceId)
    .where('subscription_id', '=', subscriptionId)
    .where('id', '=', id)
    .where((eb) => eb.or([eb('leased_until', 'is', null), eb('leased_until', '<=', now)]))
    .returningAll()
    .executeTakeFirst();
  return r && toDelivery(r);
}
