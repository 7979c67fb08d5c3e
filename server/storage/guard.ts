// The guard's one question to the database: does this customer's timeline show an event that a
// rule says a message must not contradict? One indexed probe per rule and event type (events by
// customer, type and time, newest first), run as a prepared statement: the guard runs on every
// outgoing message, and planning the query each time cost more than running it.
import { sql } from 'kysely';
import type { GuardRule } from '../../contract/outbox.ts';
import { prepared, withWorkspaceColumn, type Db } from './database.ts';
import { condition } from './event-conditions.ts';

export interface BlockingEvent {
  id: string;
  type: string;
  source: string;
  occurredAt: Date;
}

const day = 86_400_000;

type Match = { eventTypes: string[]; where: GuardRule['heldWhen']['where']; withinDays?: number; clearedBy?: string[] };

/** The newest event matching `m` for the customer (not lifted by a later clearing event), or undefined. */
export async function findMatchingEvent(
  db: Db,
  workspaceId: string,
  customerId: string,
  m: Match,
  now: Date,
  /** Only events Kept received at or after this (a task waits for news, not for history). */
  receivedSince?: Date,
): Promise<BlockingEvent | undefined> {
  return (await findFirstMatch(db, workspaceId, customerId, [m], now, receivedSince))?.event;
}

/**
 * The first of `matches` (in their order) that finds an event, with that event; one statement for
 * all of them, so a message that several rules look at costs one round trip, not one per rule.
 */
export async function findFirstMatch(
  db: Db,
  workspaceId: string,
  customerId: string,
  matches: Match[],
  now: Date,
  receivedSince?: Date,
): Promise<{ index: number; event: BlockingEvent } | undefined> {
  if (!matches.length) return undefined;
  // One probe per event type, its type a value, rather than an array unnested and joined
  // laterally: PostgreSQL plans the statement at nearly every check (its plan for the values looks
  // cheaper than a generic one), and the plain probes are quicker to plan and to run (p50 0.48 ->
  // 0.42 ms on one customer's 10,000 events; bench/issue-15.md, "Guard").
  const probes = matches.map(
    (m, i) => sql`(SELECT ${sql.lit(i)}::int AS i, m.id, m.type, m.source, m.occurred_at AS "occurredAt"
    FROM (${sql.join(
      m.eventTypes.map((type) => sql`(${newest(type, m, now, receivedSince)})`),
      sql` UNION ALL `,
    )}) m
    ORDER BY m.occurred_at DESC LIMIT 1)`,
  );
  // Each probe yields at most one row: the rule's newest match. The first rule in order decides.
  // The workspace and the customer are columns of a row (k), not constants (withWorkspaceColumn):
  // by constants, in a workspace the last ANALYZE saw without events, a probe walked every event
  // of its type in the workspace, filtering by customer, for every outgoing message.
  const r = await prepared(
    sql<BlockingEvent & { i: number }>`SELECT p.* FROM ${withWorkspaceColumn(workspaceId, sql`(SELECT ${customerId}::uuid AS cu) c`)} k
    CROSS JOIN LATERAL (SELECT * FROM (${sql.join(probes, sql` UNION ALL `)}) p ORDER BY p.i LIMIT 1) p`,
  ).execute(db);
  const row = r.rows[0];
  if (!row) return undefined;
  const { i, ...event } = row;
  return { index: i, event };
}

/** The newest match of one event type for the customer of `k`, walking an index backwards. */
function newest(type: string, m: Match, now: Date, receivedSince?: Date) {
  const parts = [sql`e.workspace_id = k.ws`, sql`e.customer_id = k.cu`, sql`e.type = ${type}`];
  if (m.withinDays) parts.push(sql`e.occurred_at >= ${new Date(now.getTime() - m.withinDays * day)}`);
  if (receivedSince) parts.push(sql`e.received_at >= ${receivedSince}`);
  for (const c of m.where) parts.push(condition(c));
  if (m.clearedBy?.length) {
    parts.push(sql`NOT EXISTS (SELECT 1 FROM events x WHERE x.workspace_id = e.workspace_id AND x.customer_id = e.customer_id
      AND x.type = ANY(${m.clearedBy}::text[]) AND x.occurred_at > e.occurred_at)`);
  }
  // (One scan over all the types would read the customer's whole window in time order instead.)
  return sql`SELECT e.id, e.type, e.source, e.occurred_at FROM events e WHERE ${sql.join(parts, sql` AND `)} ORDER BY e.occurred_at DESC LIMIT 1`;
}
