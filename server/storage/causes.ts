// Causes and the customers their selector finds. The selector becomes SQL with every value a
// parameter: paths go in as text[] for `#>`, values as jsonb; nothing a caller sends is spliced.
import { sql, type RawBuilder } from 'kysely';
import type { CauseSelector } from '../../contract/causes.ts';
import { condition } from './event-conditions.ts';
import type { Db } from './database.ts';

export interface CauseRecord {
  id: string;
  title: string;
  description: string | null;
  selector: CauseSelector;
  createdAt: Date;
}

interface CauseRow {
  id: string;
  title: string;
  description: string | null;
  selector: CauseSelector;
  created_at: Date;
}

const toCause = (r: CauseRow): CauseRecord => ({
  id: r.id,
  title: r.title,
  description: r.description,
  selector: r.selector,
  createdAt: r.created_at,
});

export async function insertCause(
  db: Db,
  c: {
    workspaceId: string;
    id: string;
    title: string;
    description: string | null;
    selector: CauseSelector;
    createdBy: string | null;
    createdAt: Date;
  },
): Promise<void> {
  await sql`INSERT INTO causes (workspace_id, id, title, description, selector, created_by, created_at)
    VALUES (${c.workspaceId}, ${c.id}, ${c.title}, ${c.description}, ${JSON.stringify(c.selector)}::jsonb, ${c.createdBy}, ${c.createdAt})`.execute(
    db,
  );
}

export async function findCause(db: Db, workspaceId: string, id: string): Promise<CauseRecord | undefined> {
  const r = await sql<CauseRow>`SELECT id, title, description, selector, created_at FROM causes
    WHERE workspace_id = ${workspaceId} AND id = ${id}`.execute(db);
  return r.rows[0] && toCause(r.rows[0]);
}

/** Newest first; `beforeId` is the keyset position (ids are uuidv7, so time-ordered). */
export async function listCauses(db: Db, workspaceId: string, opts: { limit: number; beforeId?: string }): Promise<CauseRecord[]> {
  const r = await sql<CauseRow>`SELECT id, title, description, selector, created_at FROM causes
    WHERE workspace_id = ${workspaceId} ${opts.beforeId ? sql`AND id < ${opts.beforeId}` : sql``}
    ORDER BY id DESC LIMIT ${opts.limit}`.execute(db);
  return r.rows.map(toCause);
}

/** The WHERE clause over `events e` for a selector: the type and time window first (indexed), then data. */
function matching(workspaceId: string, s: CauseSelector): RawBuilder<boolean> {
  const parts = [sql`e.workspace_id = ${workspaceId}`, sql`e.type = ${s.eventType}`];
  if (s.from) parts.push(sql`e.occurred_at >= ${new Date(s.from)}`);
  if (s.to) parts.push(sql`e.occurred_at < ${new Date(s.to)}`);
  for (const c of s.where) parts.push(condition(c));
  return sql<boolean>`${sql.join(parts, sql` AND `)}`;
}

export async function countAffected(db: Db, workspaceId: string, s: CauseSelector): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(DISTINCT e.customer_id) AS n FROM events e WHERE ${matching(workspaceId, s)}`.execute(db);
  return Number(r.rows[0]!.n);
}

/** Customers it touched whose newest case is not linked to the cause: whom an outreach would contact. */
export async function countNotLinked(db: Db, workspaceId: string, causeId: string, s: CauseSelector): Promise<number> {
  const r = await sql<{
    n: number;
  }>`SELECT count(*) AS n FROM (SELECT DISTINCT e.customer_id FROM events e WHERE ${matching(workspaceId, s)}) m
    WHERE NOT EXISTS (SELECT 1 FROM (SELECT cause_id FROM cases WHERE workspace_id = ${workspaceId} AND customer_id = m.customer_id
      ORDER BY opened_at DESC, id DESC LIMIT 1) k WHERE k.cause_id = ${causeId})`.execute(db);
  return Number(r.rows[0]!.n);
}

/** A customer a cause touched, with their newest case. */
export interface AffectedCustomerRecord {
  customerId: string;
  name: string | null;
  email: string | null;
  externalId: string | null;
  firstAt: Date;
  lastAt: Date;
  events: number;
  caseId: string | null;
  caseNumber: number | null;
  caseStatus: 'open' | 'closed' | null;
  caseCauseId: string | null;
}

interface AffectedRow {
  customer_id: string;
  name: string | null;
  email: string | null;
  external_id: string | null;
  first_at: Date;
  last_at: Date;
  n: number;
  case_id: string | null;
  case_number: number | null;
  case_status: 'open' | 'closed' | null;
  case_cause_id: string | null;
}

/**
 * Customers with at least one matching event, ordered by their first matching event then id,
 * after the keyset position `after`; each with the newest of their cases.
 */
export async function affectedCustomers(
  db: Db,
  workspaceId: string,
  s: CauseSelector,
  opts: { limit: number; after?: { firstAt: Date; customerId: string } },
): Promise<AffectedCustomerRecord[]> {
  const after = opts.after;
  const r = await sql<AffectedRow>`
    WITH m AS (
      -- Milliseconds, as the cursor carries them: a keyset on finer times could repeat or skip a row.
      SELECT e.customer_id, date_trunc('milliseconds', min(e.occurred_at)) AS first_at, max(e.occurred_at) AS last_at, count(*) AS n
      FROM events e
      WHERE ${matching(workspaceId, s)}
      GROUP BY e.customer_id
      ${after ? sql`HAVING (date_trunc('milliseconds', min(e.occurred_at)), e.customer_id) > (${after.firstAt}::timestamptz, ${after.customerId}::uuid)` : sql``}
      ORDER BY first_at, e.customer_id
      LIMIT ${opts.limit}
    )
    SELECT m.customer_id, c.name, c.email, c.external_id, m.first_at, m.last_at, m.n,
           k.id AS case_id, k.number AS case_number, k.status AS case_status, k.cause_id AS case_cause_id
    FROM m
    JOIN customers c ON c.workspace_id = ${workspaceId} AND c.id = m.customer_id
    LEFT JOIN LATERAL (
      SELECT id, number, status, cause_id FROM cases
      WHERE workspace_id = ${workspaceId} AND customer_id = m.customer_id
      ORDER BY opened_at DESC, id DESC LIMIT 1
    ) k ON true
    ORDER BY m.first_at, m.customer_id`.execute(db);
  return r.rows.map((x) => ({
    customerId: x.customer_id,
    name: x.name,
    email: x.email,
    externalId: x.external_id,
    firstAt: x.first_at,
    lastAt: x.last_at,
    events: Number(x.n),
    caseId: x.case_id,
    caseNumber: x.case_number === null ? null : Number(x.case_number),
    caseStatus: x.case_status,
    caseCauseId: x.case_cause_id,
  }));
}
