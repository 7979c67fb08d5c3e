// The revenue ledger, read from the events table with the workspace's mappings at query time:
// a mapping added or corrected applies to every event already received. Amounts are summed as
// numeric and leave the database as decimal text, never as floating point.
import { sql } from 'kysely';
import type { Db } from './database.ts';

export interface LedgerGroup {
  customerId: string;
  /** 0: before the first boundary; i: in [bounds[i-1], bounds[i]). */
  bucket: number;
  eventType: string;
  unit: 'major' | 'minor';
  /** The currency as written (null when the path held nothing); checked against ISO 4217 by the domain. */
  currency: string | null;
  /** The signed sum as decimal text; null when the amount could not be read. */
  amount: string | null;
  events: number;
  segment: string | null;
}

const amountPattern = '^-?[0-9]+(\\.[0-9]+)?$';

/**
 * The ledger summed per customer, period (bucket), currency and mapping, for every event that
 * occurred before the last boundary. `segment` names a customer attribute to carry along.
 */
export async function ledgerGroups(db: Db, workspaceId: string, bounds: Date[], segment: string | null): Promise<LedgerGroup[]> {
  const last = bounds[bounds.length - 1]!;
  const r = await sql<{
    customer_id: string;
    bucket: number;
    event_type: string;
    unit: 'major' | 'minor';
    currency: string | null;
    amount: string | null;
    events: number;
    segment: string | null;
  }>`
    WITH mapped AS (
      SELECT e.customer_id, width_bucket(e.occurred_at, ${bounds.map((b) => b.toISOString())}::timestamptz[]) AS bucket,
        m.event_type, m.amount_unit AS unit,
        COALESCE(m.currency, e.data #>> string_to_array(m.currency_path, '.')) AS currency,
        (e.data #>> string_to_array(m.amount_path, '.')) ~ ${amountPattern} AS readable,
        CASE WHEN (e.data #>> string_to_array(m.amount_path, '.')) ~ ${amountPattern}
          THEN (e.data #>> string_to_array(m.amount_path, '.'))::numeric * CASE WHEN m.negate THEN -1 ELSE 1 END END AS amount
      FROM revenue_mappings m
      JOIN events e ON e.workspace_id = m.workspace_id AND e.type = m.event_type AND e.occurred_at < ${last}
      WHERE m.workspace_id = ${workspaceId})
    SELECT x.customer_id, x.bucket, x.event_type, x.unit, x.currency,
      CASE WHEN x.readable THEN round(sum(x.amount), 6)::text END AS amount,
      count(*)::int AS events,
      ${segment === null ? sql`NULL::text` : sql`c.attributes ->> ${segment}`} AS segment
    FROM mapped x JOIN customers c ON c.workspace_id = ${workspaceId} AND c.id = x.customer_id
    GROUP BY x.customer_id, x.bucket, x.event_type, x.unit, x.currency, x.readable, 8`.execute(db);
  return r.rows.map((g) => ({
    customerId: g.customer_id,
    bucket: g.bucket,
    eventType: g.event_type,
    unit: g.unit,
    currency: g.currency,
    amount: g.amount,
    events: g.events,
    segment: g.segment,
  }));
}

/**
 * Of these customers, those who came by referral or recommendation: an answer to a survey's
 * acquisition question with an earned choice, or an event whose acquisition field holds an earned value.
 */
export async function earnedAmong(
  db: Db,
  workspaceId: string,
  customerIds: string[],
  acquisitionEvents: { eventType: string; path: string; earnedValues: string[] }[],
): Promise<Set<string>> {
  if (!customerIds.length) return new Set();
  const fromAnswers = sql<{ customer_id: string }>`
    SELECT r.customer_id FROM responses r
    JOIN surveys s ON s.workspace_id = r.workspace_id AND s.id = r.survey_id
    CROSS JOIN LATERAL jsonb_array_elements(s.questions) q
    CROSS JOIN LATERAL jsonb_array_elements(q -> 'options') o
    WHERE r.workspace_id = ${workspaceId} AND r.customer_id = ANY(${customerIds}::uuid[])
      AND q ->> 'type' = 'acquisition' AND (o ->> 'earned')::boolean AND r.answers ->> (q ->> 'id') = o ->> 'id'`;
  const parts = [fromAnswers];
  for (const a of acquisitionEvents) {
    parts.push(sql<{ customer_id: string }>`
      SELECT customer_id FROM events WHERE workspace_id = ${workspaceId} AND type = ${a.eventType}
        AND customer_id = ANY(${customerIds}::uuid[]) AND data #>> ${a.path.split('.')}::text[] = ANY(${a.earnedValues}::text[])`);
  }
  const r = await sql<{ customer_id: string }>`${sql.join(parts, sql` UNION `)}`.execute(db);
  return new Set(r.rows.map((x) => x.customer_id));
}

export async function customersByIds(db: Db, workspaceId: string, ids: string[]) {
  if (!ids.length) return new Map<string, { name: string | null; email: string | null; externalId: string | null }>();
  const r = await sql<{ id: string; name: string | null; email: string | null; external_id: string | null }>`
    SELECT id, name, email, external_id FROM customers WHERE workspace_id = ${workspaceId} AND id = ANY(${ids}::uuid[])`.execute(db);
  return new Map(r.rows.map((c) => [c.id, { name: c.name, email: c.email, externalId: c.external_id }]));
}
