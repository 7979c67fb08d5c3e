// Recovery cases: stored, found, locked, numbered, listed and counted. Their oopses and the queue
// of oops reports are in oopses.ts (re-exported here for the callers of both).
// Rows are mapped to camelCase records here; the domain never sees a column name.
import { sql, type Insertable, type Selectable } from 'kysely';
import type { CaseOrigin, CaseSeverity } from '../../contract/cases.ts';
import type { Db } from './database.ts';
import type { CasesTable } from './schema.ts';

export * from './oopses.ts';

/** A recovery case as stored: its clock's points and what became of it. */
export interface CaseRecord {
  workspaceId: string;
  id: string;
  number: number;
  customerId: string;
  status: 'open' | 'closed';
  origin: CaseOrigin;
  severity: CaseSeverity;
  title: string;
  /** What the customer reads about the case; null: a neutral title by its origin (domain/recovery/customer-title.ts). */
  customerTitle: string | null;
  oopsAt: Date;
  dueAt: Date;
  ownerId: string | null;
  departmentId: string | null;
  causeId: string | null;
  openedAt: Date;
  remindedAt: Date | null;
  escalatedAt: Date | null;
  breachedAt: Date | null;
  recoveredAt: Date | null;
  closedAt: Date | null;
  closedBy: string | null;
}

/** A new case: open, nothing fired yet. */
export type NewCase = Omit<
  CaseRecord,
  'remindedAt' | 'escalatedAt' | 'breachedAt' | 'recoveredAt' | 'closedAt' | 'closedBy' | 'customerTitle'
> & { customerTitle?: string | null };

/** What an update may change on a case. */
export type CaseChange = Partial<
  Pick<
    CaseRecord,
    | 'status'
    | 'severity'
    | 'oopsAt'
    | 'dueAt'
    | 'ownerId'
    | 'departmentId'
    | 'causeId'
    | 'recoveredAt'
    | 'closedAt'
    | 'closedBy'
    | 'customerTitle'
  >
>;

export const toCaseRecord = (r: Selectable<CasesTable>): CaseRecord => ({
  workspaceId: r.workspace_id,
  id: r.id,
  number: Number(r.number),
  customerId: r.customer_id,
  status: r.status,
  origin: r.origin,
  severity: r.severity,
  title: r.title,
  customerTitle: r.customer_title ?? null,
  oopsAt: r.oops_at,
  dueAt: r.due_at,
  ownerId: r.owner_id,
  departmentId: r.department_id,
  causeId: r.cause_id,
  openedAt: r.opened_at,
  remindedAt: r.reminded_at,
  escalatedAt: r.escalated_at,
  breachedAt: r.breached_at,
  recoveredAt: r.recovered_at,
  closedAt: r.closed_at,
  closedBy: r.closed_by,
});

function caseColumns(c: CaseChange): Partial<Insertable<CasesTable>> {
  const set: Partial<Insertable<CasesTable>> = {};
  if (c.status !== undefined) set.status = c.status;
  if (c.severity !== undefined) set.severity = c.severity;
  if (c.oopsAt !== undefined) set.oops_at = c.oopsAt;
  if (c.dueAt !== undefined) set.due_at = c.dueAt;
  if (c.ownerId !== undefined) set.owner_id = c.ownerId;
  if (c.departmentId !== undefined) set.department_id = c.departmentId;
  if (c.causeId !== undefined) set.cause_id = c.causeId;
  if (c.recoveredAt !== undefined) set.recovered_at = c.recoveredAt;
  if (c.closedAt !== undefined) set.closed_at = c.closedAt;
  if (c.closedBy !== undefined) set.closed_by = c.closedBy;
  if (c.customerTitle !== undefined) set.customer_title = c.customerTitle;
  return set;
}

/**
 * Serialises case creation in a workspace for the rest of the transaction: case numbers are
 * consecutive and two oopses of one customer cannot both open a case.
 */
export async function lockCaseCreation(tx: Db, workspaceId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`cases:${workspaceId}`}, 0))`.execute(tx);
}

export async function findOpenCase(tx: Db, workspaceId: string, customerId: string): Promise<CaseRecord | undefined> {
  const r = await tx
    .selectFrom('cases')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', '=', customerId)
    .where('status', '=', 'open')
    .forUpdate()
    .executeTakeFirst();
  return r && toCaseRecord(r);
}

export async function findCase(db: Db, workspaceId: string, id: string, lock = false): Promise<CaseRecord | undefined> {
  let q = db.selectFrom('cases').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (lock) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r && toCaseRecord(r);
}

export async function nextCaseNumber(tx: Db, workspaceId: string): Promise<number> {
  const r = await tx
    .selectFrom('cases')
    .select((eb) => eb.fn.coalesce(eb.fn.max('number'), sql<number>`0`).as('n'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  return Number(r.n) + 1;
}

export async function insertCase(tx: Db, c: NewCase): Promise<void> {
  await tx
    .insertInto('cases')
    .values({
      workspace_id: c.workspaceId,
      id: c.id,
      number: c.number,
      customer_id: c.customerId,
      status: c.status,
      origin: c.origin,
      severity: c.severity,
      title: c.title,
      customer_title: c.customerTitle ?? null,
      oops_at: c.oopsAt,
      due_at: c.dueAt,
      owner_id: c.ownerId,
      department_id: c.departmentId,
      cause_id: c.causeId,
      opened_at: c.openedAt,
    })
    .execute();
}

export async function updateCase(tx: Db, workspaceId: string, id: string, change: CaseChange): Promise<void> {
  await tx.updateTable('cases').set(caseColumns(change)).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

/** The open case of each of these customers that has one, locked, by customer. */
export async function findOpenCases(tx: Db, workspaceId: string, customerIds: string[]): Promise<Map<string, CaseRecord>> {
  if (!customerIds.length) return new Map();
  const r = await tx
    .selectFrom('cases')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', 'in', [...new Set(customerIds)])
    .where('status', '=', 'open')
    .orderBy('id')
    .forUpdate()
    .execute();
  return new Map(r.map((x) => [x.customer_id, toCaseRecord(x)]));
}

export async function listCases(
  db: Db,
  workspaceId: string,
  f: {
    status: 'open' | 'closed';
    ownerId?: string;
    unassigned?: boolean;
    departmentId?: string;
    customerId?: string;
    origin?: string;
    breached?: boolean;
    limit: number;
    after?: { at: Date; id: string; stopped?: boolean };
  },
): Promise<CaseRecord[]> {
  let q = db.selectFrom('cases').selectAll().where('workspace_id', '=', workspaceId).where('status', '=', f.status);
  if (f.ownerId) q = q.where('owner_id', '=', f.ownerId);
  if (f.unassigned) q = q.where('owner_id', 'is', null);
  if (f.departmentId) q = q.where('department_id', '=', f.departmentId);
  if (f.customerId) q = q.where('customer_id', '=', f.customerId);
  if (f.origin) q = q.where('origin', '=', f.origin as CaseOrigin);
  if (f.breached !== undefined) q = q.where('breached_at', f.breached ? 'is not' : 'is', null);
  // Open cases in order of urgency: those whose clock runs by due time (so breached ones first, the
  // most overdue first, then the least time left), then those whose clock stopped (recovered, waiting
  // on the customer); closed ones newest first.
  if (f.status === 'open') {
    const stopped = sql<boolean>`(recovered_at IS NOT NULL)`;
    if (f.after) q = q.where(sql<boolean>`(${stopped}, due_at, id) > (${f.after.stopped ?? false}, ${f.after.at}, ${f.after.id}::uuid)`);
    return (await q.orderBy(stopped).orderBy('due_at').orderBy('id').limit(f.limit).execute()).map(toCaseRecord);
  }
  if (f.after)
    q = q.where((eb) =>
      eb.or([eb('opened_at', '<', f.after!.at), eb.and([eb('opened_at', '=', f.after!.at), eb('id', '<', f.after!.id)])]),
    );
  return (await q.orderBy('opened_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute()).map(toCaseRecord);
}

/** Open cases of the workspace: all, the person's, and those without an owner. */
export async function countOpenCases(db: Db, workspaceId: string, userId: string | undefined) {
  const r = await db
    .selectFrom('cases')
    .select((eb) => [
      eb.fn.countAll<string>().as('all'),
      sql<string>`count(*) FILTER (WHERE owner_id = ${userId ?? null}::uuid)`.as('mine'),
      sql<string>`count(*) FILTER (WHERE owner_id IS NULL)`.as('unassigned'),
    ])
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  return { all: Number(r.all), mine: Number(r.mine), unassigned: Number(r.unassigned) };
}
