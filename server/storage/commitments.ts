// Commitments and their changes; each commitment's clock in graphile-worker's queue (one
// `commitment_clock` job keyed by the commitment, run at its due time).
import { sql, type Insertable, type Selectable } from 'kysely';
import type { CommitmentStatus } from '../../contract/commitments.ts';
import type { Db } from './database.ts';
import type { CommitmentChangesTable, CommitmentsTable } from './schema.ts';

export type CommitmentRow = Selectable<CommitmentsTable>;
export type CommitmentChangeRow = Selectable<CommitmentChangesTable>;
export type CommitmentListRow = CommitmentRow & {
  customer_name: string | null;
  customer_email: string | null;
  customer_external_id: string | null;
};

export async function insertCommitment(tx: Db, row: Insertable<CommitmentsTable>): Promise<boolean> {
  const r = await tx
    .insertInto('commitments')
    .values(row)
    .onConflict((oc) => oc.columns(['workspace_id', 'source', 'idempotency_key']).where('idempotency_key', 'is not', null).doNothing())
    .returning('id')
    .execute();
  return r.length > 0;
}

export async function findCommitment(db: Db, workspaceId: string, id: string, lock = false): Promise<CommitmentRow | undefined> {
  let q = db.selectFrom('commitments').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function findCommitmentByKey(db: Db, workspaceId: string, source: string, key: string): Promise<CommitmentRow | undefined> {
  return db
    .selectFrom('commitments')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('source', '=', source)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

export async function updateCommitment(tx: Db, workspaceId: string, id: string, set: Partial<Insertable<CommitmentsTable>>): Promise<void> {
  await tx.updateTable('commitments').set(set).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

export async function insertChange(tx: Db, row: Insertable<CommitmentChangesTable>): Promise<void> {
  await tx.insertInto('commitment_changes').values(row).execute();
}

export async function changesOf(db: Db, workspaceId: string, commitmentId: string): Promise<CommitmentChangeRow[]> {
  return db
    .selectFrom('commitment_changes')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('commitment_id', '=', commitmentId)
    .orderBy('id')
    .execute();
}

export interface CommitmentFilter {
  ids?: string[];
  statuses?: CommitmentStatus[];
  customerId?: string;
  caseId?: string;
  departmentId?: string;
  ownerId?: string;
  kind?: string;
  dueAfter?: Date;
  dueBefore?: Date;
  order: 'asc' | 'desc';
  /** Keyset position: commitments strictly after this (due_at, id) in the order. */
  after?: { dueAt: Date; id: string };
  limit: number;
}

/** The ledger: commitments with their customer's name, by due time (then id), keyset-paged. */
export async function listCommitments(db: Db, workspaceId: string, f: CommitmentFilter): Promise<CommitmentListRow[]> {
  let q = db
    .selectFrom('commitments as m')
    .innerJoin('customers as c', (j) => j.onRef('c.workspace_id', '=', 'm.workspace_id').onRef('c.id', '=', 'm.customer_id'))
    .selectAll('m')
    .select(['c.name as customer_name', 'c.email as customer_email', 'c.external_id as customer_external_id'])
    .where('m.workspace_id', '=', workspaceId);
  if (f.ids) q = q.where('m.id', 'in', f.ids.length ? f.ids : ['00000000-0000-0000-0000-000000000000']);
  if (f.statuses?.length) q = q.where('m.status', 'in', f.statuses);
  if (f.customerId) q = q.where('m.customer_id', '=', f.customerId);
  if (f.caseId) q = q.where('m.case_id', '=', f.caseId);
  if (f.departmentId) q = q.where('m.department_id', '=', f.departmentId);
  if (f.ownerId) q = q.where('m.owner_id', '=', f.ownerId);
  if (f.kind) q = q.where('m.kind', '=', f.kind);
  if (f.dueAfter) q = q.where('m.due_at', '>=', f.dueAfter);
  if (f.dueBefore) q = q.where('m.due_at', '<', f.dueBefore);
  if (f.after) {
    const a = f.after;
    q = q.where(({ eb, refTuple, tuple }) => eb(refTuple('m.due_at', 'm.id'), f.order === 'asc' ? '>' : '<', tuple(a.dueAt, a.id)));
  }
  return q.orderBy('m.due_at', f.order).orderBy('m.id', f.order).limit(f.limit).execute();
}

/**
 * The resolved commitments of one kind (and department) due in [from, to): the time from made to
 * kept of each kept one (ms), and how many were kept on time, kept after a renegotiation, broken.
 */
export async function outcomesOf(db: Db, workspaceId: string, kind: string, departmentId: string | undefined, from: Date, to: Date) {
  let q = db
    .selectFrom('commitments')
    .select([
      'status',
      sql<boolean>`kept_at <= first_due_at`.as('on_time'),
      sql<number | null>`(extract(epoch FROM kept_at - made_at) * 1000)::float8`.as('kept_ms'),
    ])
    .where('workspace_id', '=', workspaceId)
    .where('kind', '=', kind)
    .where('status', 'in', ['kept', 'broken'])
    .where('due_at', '>=', from)
    .where('due_at', '<', to);
  if (departmentId) q = q.where('department_id', '=', departmentId);
  const rows = await q.execute();
  const kept = rows.filter((r) => r.status === 'kept');
  return {
    keptMs: kept.map((r) => Number(r.kept_ms)),
    keptOnTime: kept.filter((r) => r.on_time).length,
    keptAfterRenegotiation: kept.filter((r) => !r.on_time).length,
    broken: rows.length - kept.length,
  };
}

export interface OutcomeCounts {
  department_id: string | null;
  department_name: string | null;
  kind: string;
  kept_on_time: number;
  kept_after_renegotiation: number;
  broken: number;
  open_now: number;
}

/** Per department and kind: outcomes of commitments due in [from, to), and how many are open now. */
export async function outcomeCounts(db: Db, workspaceId: string, from: Date, to: Date): Promise<OutcomeCounts[]> {
  const r = await sql<OutcomeCounts>`
    SELECT m.department_id, d.name AS department_name, m.kind,
      count(*) FILTER (WHERE m.status = 'kept' AND m.kept_at <= m.first_due_at AND m.due_at >= ${from} AND m.due_at < ${to})::int AS kept_on_time,
      count(*) FILTER (WHERE m.status = 'kept' AND m.kept_at > m.first_due_at AND m.due_at >= ${from} AND m.due_at < ${to})::int AS kept_after_renegotiation,
      count(*) FILTER (WHERE m.status = 'broken' AND m.due_at >= ${from} AND m.due_at < ${to})::int AS broken,
      count(*) FILTER (WHERE m.status IN ('open', 'renegotiated'))::int AS open_now
    FROM commitments m
    LEFT JOIN departments d ON d.workspace_id = m.workspace_id AND d.id = m.department_id
    WHERE m.workspace_id = ${workspaceId}
      AND (m.status IN ('open', 'renegotiated') OR (m.due_at >= ${from} AND m.due_at < ${to}))
    GROUP BY m.department_id, d.name, m.kind`.execute(db);
  return r.rows;
}

/** The kinds in use, most commitments first. */
export async function kindsInUse(db: Db, workspaceId: string, limit: number): Promise<{ kind: string; commitments: number }[]> {
  const r = await sql<{ kind: string; commitments: number }>`
    SELECT kind, count(*)::int AS commitments FROM commitments WHERE workspace_id = ${workspaceId}
    GROUP BY kind ORDER BY count(*) DESC, kind LIMIT ${limit}`.execute(db);
  return r.rows;
}

const clockKey = (commitmentId: string) => `commitment-clock:${commitmentId}`;

/** Schedules (or moves) the commitment's clock job to its due time, in the caller's transaction. */
export async function scheduleCommitmentClock(tx: Db, workspaceId: string, commitmentId: string, dueAt: Date): Promise<void> {
  await sql`SELECT graphile_worker.add_job('commitment_clock',
    json_build_object('workspaceId', ${workspaceId}::text, 'commitmentId', ${commitmentId}::text),
    run_at := ${dueAt}::timestamptz, max_attempts := 25, job_key := ${clockKey(commitmentId)}, job_key_mode := 'replace')`.execute(tx);
}

/** Removes the commitment's clock job (kept: nothing left to break). */
export async function cancelCommitmentClock(tx: Db, commitmentId: string): Promise<void> {
  await sql`SELECT graphile_worker.remove_job(${clockKey(commitmentId)})`.execute(tx);
}
