// The guard's one question to the database: does this customer's timeline show an event that a
// rule says a message must not contradict? One indexed probe per rule and event type (events by
// customer, type and time, newest first), run as a prepared statement: the guard runs on every
// outgoing message, and planning the query each time cost more than running it.
import { sql } from 'kysely';
import type { GuardRule } from '../../contract/outbox.ts';
import { prepared, type Db } from './database.ts';
import { condition } from './event-conditions.ts';

export interface BlockingEvent {
  id: string;
  type: string;
  source: string;
  occurredAt: Date;
}

const day = 86_400_000;

/** The newest event matching `m` for the customer (not lifted by a later clearing event), or undefined. */
export async function findMatchingEvent(
  db: Db,
  workspaceId: string,
  customerId: string,
  m: { eventTypes: string[]; where: GuardRule['heldWhen']['where']; withinDays?: number; clearedBy?: string[] },
  now: Date,
  /** Only events Kept received at or after this (a task waits for news, not for history). */
  receivedSince?: Date,
): Promise<BlockingEvent | undefined> {
  const parts = [sql`e.workspace_id = ${workspaceId}`, sql`e.customer_id = ${customerId}`, sql`e.type = t.type`];
  if (m.withinDays) parts.push(sql`e.occurred_at >= ${new Date(now.getTime() - m.withinDays * day)}`);
  if (receivedSince) parts.push(sql`e.received_at >= ${receivedSince}`);
  for (const c of m.where) parts.push(condition(c));
  if (m.clearedBy?.length) {
    parts.push(sql`NOT EXISTS (SELECT 1 FROM events x WHERE x.workspace_id = e.workspace_id AND x.customer_id = e.customer_id
      AND x.type = ANY(${m.clearedBy}::text[]) AND x.occurred_at > e.occurred_at)`);
  }
  // Per event type, the newest match walking that type's index backwards; then the newest of those.
  // (One scan over all the types would read the customer's whole window in time order instead.)
  const r =
    await prepared(sql<BlockingEvent>`SELECT m.id, m.type, m.source, m.occurred_at AS "occurredAt" FROM unnest(${m.eventTypes}::text[]) t(type)
    CROSS JOIN LATERAL (SELECT e.id, e.type, e.source, e.occurred_at FROM events e
      WHERE ${sql.join(parts, sql` AND `)} ORDER BY e.occurred_at DESC LIMIT 1) m
    ORDER BY m.occurred_at DESC LIMIT 1`).execute(db);
  return r.rows[0];
}
