// Queues webhook deliveries for timeline events in the transaction that stores them:
// storage/events.insertEvents calls this, and every event write goes through insertEvents, so
// an event that commits has its deliveries and an event that rolls back has none. It lives in
// storage, beside insertEvents, because that is the one place all event writes pass through.
//
// Most workspaces have no webhooks: the enabled subscriptions of a workspace are remembered for
// a few seconds, so storing events where nothing listens costs no query. A subscription made,
// changed or disabled on this instance takes effect at once (forgetWebhookSubscriptions); on
// other instances within subscriptionCacheMs. The cache only proposes: the insert re-checks
// each subscription's types and enabled flag in the transaction.
import { sql } from 'kysely';
import { matchesEventType } from '../../contract/webhooks.ts';
import { uuidv7 } from '../lib/ids.ts';
import type { Db } from './database.ts';

export const subscriptionCacheMs = 5000;

interface Listening {
  id: string;
  patterns: string[];
}
const cache = new Map<string, { at: number; subscriptions: Listening[] }>();

async function listening(db: Db, workspaceId: string, now: Date): Promise<Listening[]> {
  const hit = cache.get(workspaceId);
  if (hit && now.getTime() - hit.at < subscriptionCacheMs && now.getTime() >= hit.at) return hit.subscriptions;
  const rows = await db
    .selectFrom('webhook_subscriptions')
    .select(['id', 'event_types'])
    .where('workspace_id', '=', workspaceId)
    .where('enabled', '=', true)
    .execute();
  const subscriptions = rows.map((r) => ({ id: r.id, patterns: r.event_types }));
  if (cache.size > 10_000) cache.clear();
  cache.set(workspaceId, { at: now.getTime(), subscriptions });
  return subscriptions;
}

export function forgetWebhookSubscriptions(workspaceId: string): void {
  cache.delete(workspaceId);
}

/** A newly stored event: what the queue needs of it. */
export interface HookedEvent {
  id: string;
  type: string;
}

/** The deliveries the cached subscriptions propose for some events: parallel arrays, as the insert takes them. */
export interface PlannedDeliveries {
  ids: string[];
  subscriptionIds: string[];
  eventIds: string[];
  types: string[];
}

/**
 * One delivery per (enabled subscription, event) whose type it names, as the cache knows the
 * subscriptions; the insert checks each against the subscription as its transaction sees it.
 */
export async function planWebhookDeliveries(db: Db, workspaceId: string, events: HookedEvent[], now: Date): Promise<PlannedDeliveries> {
  const planned: PlannedDeliveries = { ids: [], subscriptionIds: [], eventIds: [], types: [] };
  if (!events.length) return planned;
  const subscriptions = await listening(db, workspaceId, now);
  if (!subscriptions.length) return planned;
  for (const e of events) {
    for (const s of subscriptions) {
      if (!s.patterns.some((p) => matchesEventType(p, e.type))) continue;
      planned.ids.push(uuidv7(now.getTime()));
      planned.subscriptionIds.push(s.id);
      planned.eventIds.push(e.id);
      planned.types.push(e.type);
    }
  }
  return planned;
}

/**
 * The insert of planned deliveries, as one SQL statement or CTE body: kept only for an enabled
 * subscription that names the event's type (matchesEventType's rule, in SQL, against the
 * subscription as the statement sees it) and, with `storedEvents`, only for the events that CTE
 * returned (a statement that writes the events too). No payload: the body is built from the event
 * when it is sent, so the event is not written twice. Fixed text for a given `storedEvents`, so a
 * named statement that holds it is planned once.
 */
export function insertPlannedDeliveries(workspaceId: string, p: PlannedDeliveries, at: Date, storedEvents?: 'ins' | 'ev') {
  return sql`INSERT INTO webhook_deliveries (workspace_id, id, subscription_id, event_id, type, status, next_attempt_at, created_at)
    SELECT ${workspaceId}::uuid, t.id, t.subscription_id, t.event_id, t.type, 'pending', ${at}::timestamptz, ${at}::timestamptz
    FROM unnest(${p.ids}::uuid[], ${p.subscriptionIds}::uuid[], ${p.eventIds}::uuid[], ${p.types}::text[])
      AS t(id, subscription_id, event_id, type)
    ${storedEvents ? sql.raw(`JOIN ${storedEvents} ON ${storedEvents}.id = t.event_id`) : sql.raw('')}
    JOIN webhook_subscriptions s ON s.workspace_id = ${workspaceId}::uuid AND s.id = t.subscription_id AND s.enabled
    WHERE EXISTS (
      SELECT 1 FROM unnest(s.event_types) p
      WHERE p = '*' OR p = t.type OR (right(p, 2) = '.*' AND starts_with(t.type, left(p, -1)))
    )
    ON CONFLICT (workspace_id, subscription_id, event_id) WHERE event_id IS NOT NULL DO NOTHING`;
}

/**
 * Queues one delivery per (enabled subscription, newly stored event) whose type it names,
 * due at once. Called inside the transaction that inserted the events; answers how many.
 */
export async function queueWebhookDeliveries(tx: Db, workspaceId: string, events: HookedEvent[], now: Date): Promise<number> {
  const planned = await planWebhookDeliveries(tx, workspaceId, events, now);
  if (!planned.ids.length) return 0;
  const r = await insertPlannedDeliveries(workspaceId, planned, now).execute(tx);
  return Number(r.numAffectedRows ?? 0);
}
