// Events of the customer timeline: storing them once per idempotency key, reading a timeline.
import { sql, type Selectable } from 'kysely';
import type { Event } from '../../contract/events.ts';
import { withWorkspaceColumn, type Db } from './database.ts';
import type { EventsTable } from './schema.ts';
import { queueWebhookDeliveries } from './webhook-queue.ts';

type Row = Pick<Selectable<EventsTable>, 'id' | 'customer_id' | 'type' | 'source' | 'occurred_at' | 'received_at' | 'idempotency_key'> & {
  data: Record<string, unknown>;
};

export function toEvent(r: Row): Event {
  return {
    id: r.id,
    customerId: r.customer_id,
    type: r.type,
    source: r.source,
    occurredAt: r.occurred_at.toISOString(),
    receivedAt: r.received_at.toISOString(),
    idempotencyKey: r.idempotency_key,
    data: r.data,
  };
}

export interface NewEvent {
  id: string;
  customerId: string;
  type: string;
  source: string;
  occurredAt: Date;
  idempotencyKey: string | null;
  data: Record<string, unknown>;
}

const columns = ['id', 'customer_id', 'type', 'source', 'occurred_at', 'received_at', 'idempotency_key', 'data'] as const;

/**
 * Inserts the events in one statement. An event whose (source, idempotency key) is already
 * stored is skipped; the ids of the rows actually inserted are returned. Every event write
 * passes through here, so the webhook deliveries of the inserted events are queued here too,
 * in the caller's transaction (storage/webhook-queue.ts; no query when nothing listens).
 */
export async function insertEvents(tx: Db, workspaceId: string, events: NewEvent[], receivedAt: Date): Promise<Set<string>> {
  const r = await sql<{ id: string }>`
    INSERT INTO events (workspace_id, id, customer_id, type, source, occurred_at, received_at, idempotency_key, data)
    SELECT ${workspaceId}, id, customer_id, type, source, occurred_at, ${receivedAt}, idempotency_key, data
    FROM unnest(${events.map((e) => e.id)}::uuid[], ${events.map((e) => e.customerId)}::uuid[],
                ${events.map((e) => e.type)}::text[], ${events.map((e) => e.source)}::text[],
                ${events.map((e) => e.occurredAt)}::timestamptz[], ${events.map((e) => e.idempotencyKey)}::text[],
                ${events.map((e) => JSON.stringify(e.data))}::jsonb[])
      AS t(id, customer_id, type, source, occurred_at, idempotency_key, data)
    ON CONFLICT (workspace_id, source, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
    RETURNING id`.execute(tx);
  const inserted = new Set(r.rows.map((x) => x.id));
  await queueWebhookDeliveries(
    tx,
    workspaceId,
    events.filter((e) => inserted.has(e.id)),
    receivedAt,
  );
  return inserted;
}

/** The stored events for these (source, idempotency key) pairs. */
export async function findByIdempotencyKeys(db: Db, workspaceId: string, keys: { source: string; key: string }[]): Promise<Event[]> {
  if (!keys.length) return [];
  // A join on unnest, not `(source, key) IN (...)`: a 1,000-pair IN list spends ~350 ms in the planner.
  // The workspace as a column of the pairs: see withWorkspaceColumn.
  const r = await sql<Row>`
    SELECT e.id, e.customer_id, e.type, e.source, e.occurred_at, e.received_at, e.idempotency_key, e.data
    FROM ${withWorkspaceColumn(workspaceId, sql`unnest(${keys.map((k) => k.source)}::text[], ${keys.map((k) => k.key)}::text[]) AS k(source, key)`)} k
    JOIN events e ON e.workspace_id = k.ws AND e.source = k.source AND e.idempotency_key = k.key`.execute(db);
  return r.rows.map(toEvent);
}

export async function findEvent(db: Db, workspaceId: string, id: string): Promise<Event | undefined> {
  const r = await db.selectFrom('events').select(columns).where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return r && toEvent(r);
}

export interface TimelineFilter {
  types?: string[];
  sources?: string[];
  from?: Date;
  to?: Date;
  /** Keyset position: events strictly older than this (occurred_at, id). */
  before?: { occurredAt: Date; id: string };
  limit: number;
}

/** One customer's events, newest first; served by the events_timeline index. */
export async function readTimeline(db: Db, workspaceId: string, customerId: string, f: TimelineFilter): Promise<Event[]> {
  let q = db.selectFrom('events').select(columns).where('workspace_id', '=', workspaceId).where('customer_id', '=', customerId);
  if (f.types?.length) q = q.where('type', 'in', f.types);
  if (f.sources?.length) q = q.where('source', 'in', f.sources);
  if (f.from) q = q.where('occurred_at', '>=', f.from);
  if (f.to) q = q.where('occurred_at', '<', f.to);
  if (f.before) {
    const b = f.before;
    q = q.where(({ eb, refTuple, tuple }) => eb(refTuple('occurred_at', 'id'), '<', tuple(b.occurredAt, b.id)));
  }
  const rows = await q.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
  return rows.map(toEvent);
}
