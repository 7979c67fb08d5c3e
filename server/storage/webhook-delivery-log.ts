// The delivery log staff read: one delivery, a subscription's deliveries, and their tries.
import { sql } from 'kysely';
import type { DeliveryStatus } from '../../contract/webhooks.ts';
import type { Db } from './database.ts';
import {
  bodyOf,
  toAttempt,
  toDelivery,
  type AttemptRow,
  type WebhookAttemptRecord,
  type WebhookDeliveryRecord,
} from './webhook-deliveries.ts';

export async function findDelivery(
  db: Db,
  workspaceId: string,
  subscriptionId: string,
  id: string,
): Promise<WebhookDeliveryRecord | undefined> {
  const r = await db
    .selectFrom('webhook_deliveries as d')
    .selectAll('d')
    .select(bodyOf('d').as('body'))
    .where('d.workspace_id', '=', workspaceId)
    .where('d.subscription_id', '=', subscriptionId)
    .where('d.id', '=', id)
    .executeTakeFirst();
  return r && toDelivery(r);
}

/** A subscription's deliveries, newest first; `before` is the id of the last row of the previous page. */
export async function listDeliveries(
  db: Db,
  workspaceId: string,
  subscriptionId: string,
  f: { status?: DeliveryStatus; before?: string; limit: number },
): Promise<WebhookDeliveryRecord[]> {
  let q = db
    .selectFrom('webhook_deliveries as d')
    .selectAll('d')
    .select(bodyOf('d').as('body'))
    .where('d.workspace_id', '=', workspaceId)
    .where('d.subscription_id', '=', subscriptionId);
  if (f.status) q = q.where('d.status', '=', f.status);
  if (f.before) q = q.where('d.id', '<', f.before);
  return (await q.orderBy('d.id', 'desc').limit(f.limit).execute()).map(toDelivery);
}

/** The latest `perDelivery` tries of each delivery, newest first. */
export async function attemptsOf(db: Db, workspaceId: string, deliveryIds: string[], perDelivery = 20): Promise<WebhookAttemptRecord[]> {
  if (!deliveryIds.length) return [];
  const r = await sql<AttemptRow>`
    SELECT workspace_id, delivery_id, attempt, attempted_at, status_code, duration_ms, error, response_excerpt, redelivery
    FROM (
      SELECT a.*, row_number() OVER (PARTITION BY a.delivery_id ORDER BY a.attempt DESC) AS n
      FROM webhook_attempts a
      WHERE a.workspace_id = ${workspaceId} AND a.delivery_id = ANY(${deliveryIds}::uuid[])
    ) x
    WHERE n <= ${perDelivery}
    ORDER BY delivery_id, attempt DESC`.execute(db);
  return r.rows.map(toAttempt);
}
