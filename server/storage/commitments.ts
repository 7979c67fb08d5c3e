// Commitments and their changes; each commitment's clock in graphile-worker's queue (one
// `commitment_clock` job keyed by the commitment, run at its due time).
import { sql, type Insertable, type Selectable } from 'kysely';
import type { CommitmentStatus } from '../../contract/commitments.ts';
import type { Db } from './database.ts';
import type { CommitmentsTable } from './schema.ts';

export type CommitmentChangeKind = 'made' | 'renegotiated' | 'kept' | 'broken' | 'handed_over';

/** A promise to a customer as stored. */
export interface CommitmentRecord {
  workspaceId: string;
  id: string;
  customerId: string;
  what: string;
  kind: string;
  status: CommitmentStatus;
  madeAt: Date;
  firstDueAt: Date;
  dueAt: Date;
  renegotiations: number;
  ownerId: string | null;
  departmentId: string | null;
  caseId: string | null;
  madeVia: 'staff' | 'case' | 'system';
  madeByUser: string | null;
  madeByToken: string | null;
  source: string;
  idempotencyKey: string | null;
  keptAt: Date | null;
  keptByUser: string | null;
  keptByToken: string | null;
  brokenAt: Date | null;
  oopsCaseId: string | null;
  /** Whether the customer is told when it is made, kept or missed (commitment-notices.ts). */
  tellCustomer: boolean;
}

/** A commitment with its customer, as the ledger lists it. */
export interface CommitmentListing extends CommitmentRecord {
  customerName: string | null;
  customerEmail: string | null;
  customerExternalId: string | null;
}

/** One entry of a commitment's history. */
export interface CommitmentChangeRecord {
  workspaceId: string;
  commitmentId: string;
  id: string;
  change: CommitmentChangeKind;
  at: Date;
  recordedAt: Date;
  dueAt: Date;
  previousDueAt: Date | null;
  byUser: string | null;
  byToken: string | null;
  note: string | null;
}

const toCommitment = (r: Selectable<CommitmentsTable>): CommitmentRecord => ({
  workspaceId: r.workspace_id,
  id: r.id,
  customerId: r.customer_id,
  what: r.what,
  kind: r.kind,
  status: r.status,
  madeAt: r.made_at,
  firstDueAt: r.first_due_at,
  dueAt: r.due_at,
  renegotiations: r.renegotiations,
  ownerId: r.owner_id,
  departmentId: r.department_id,
  caseId: r.case_id,
  madeVia: r.made_via,
  madeByUser: r.made_by_user,
  madeByToken: r.made_by_token,
  source: r.source,
  idempotencyKey: r.idempotency_key,
  keptAt: r.kept_at,
  keptByUser: r.kept_by_user,
  keptByToken: r.kept_by_token,
  brokenAt: r.broken_at,
  oopsCaseId: r.oops_case_id,
  tellCustomer: r.tell_customer,
});

function commitmentColumns(c: Partial<CommitmentRecord>): Partial<Insertable<CommitmentsTable>> {
  const set: Partial<Insertable<CommitmentsTable>> = {};
  if (c.workspaceId !== undefined) set.workspace_id = c.workspaceId;
  if (c.id !== undefined) set.id = c.id;
  if (c.customerId !== undefined) set.customer_id = c.customerId;
  if (c.what !== undefined) set.what = c.what;
  if (c.kind !== undefined) set.kind = c.kind;
  if (c.status !== undefined) set.status = c.status;
  if (c.madeAt !== undefined) set.made_at = c.madeAt;
  if (c.firstDueAt !== undefined) set.first_due_at = c.firstDueAt;
  if (c.dueAt !== undefined) set.due_at = c.dueAt;
  if (c.renegotiations !== undefined) set.renegotiations = c.renegotiations;
  if (c.ownerId !== undefined) set.owner_id = c.ownerId;
  if (c.departmentId !== undefined) set.department_id = c.departmentId;
  if (c.caseId !== undefined) set.case_id = c.caseId;
  if (c.madeVia !== undefined) set.made_via = c.madeVia;
  if (c.madeByUser !== undefined) set.made_by_user = c.madeByUser;
  if (c.madeByToken !== undefined) set.made_by_token = c.madeByToken;
  if (c.source !== undefined) set.source = c.source;
  if (c.idempotencyKey !== undefined) set.idempotency_key = c.idempotencyKey;
  if (c.keptAt !== undefined) set.kept_at = c.keptAt;
  if (c.keptByUser !== undefined) set.kept_by_user = c.keptByUser;
  if (c.keptByToken !== undefined) set.kept_by_token = c.keptByToken;
  if (c.brokenAt !== undefined) set.broken_at = c.brokenAt;
  if (c.oopsCaseId !== undefined) set.oops_case_id = c.oopsCaseId;
  if (c.tellCustomer !== undefined) set.tell_customer = c.tellCustomer;
  return set;
}

export async function insertCommitment(tx: Db, c: Omit<CommitmentRecord, 'renegotiations'>): Promise<boolean> {
  const r = await tx
    .insertInto('commitments')
    .values(commitmentColumns(c) as Insertable<CommitmentsTable>)
    .onConflict((oc) => oc.columns(['workspace_id', 'source', 'idempotency_key']).where('idempotency_key', 'is not', null).doNothing())
    .returning('id')
    .execute();
  return r.length > 0;
}

export async function findCommitment(db: Db, workspaceId: string, id: string, lock = false): Promise<CommitmentRecord | undefined> {
  let q = db.selectFrom('commitments').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (lock) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r && toCommitment(r);
}

export async function findCommitmentByKey(db: Db, workspaceId: string, source: string, key: string): Promise<CommitmentRecord | undefined> {
  const r = await db
    .selectFrom('commitments')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('source', '=', source)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  return r && toCommitment(r);
}

export async function updateCommitment(tx: Db, workspaceId: string, id: string, change: Partial<CommitmentRecord>): Promise<void> {
  await tx.updateTable('commitments').set(commitmentColumns(change)).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

export async function insertChange(tx: Db, c: CommitmentChangeRecord): Promise<void> {
  await tx
    .insertInto('commitment_changes')
    .values({
      workspace_id: c.workspaceId,
      commitment_id: c.commitmentId,
      id: c.id,
      change: c.change,
      at: c.at,
      recorded_at: c.recordedAt,
      due_at: c.dueAt,
      previous_due_at: c.previousDueAt,
      by_user: c.byUser,
      by_token: c.byToken,
      note: c.note,
    })
    .execute();
}

export async function changesOf(db: Db, workspaceId: string, commitmentId: string): Promise<CommitmentChangeRecord[]> {
  const rows = await db
    .selectFrom('commitment_changes')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('commitment_id', '=', commitmentId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    workspaceId: r.workspace_id,
    commitmentId: r.commitment_id,
    id: r.id,
    change: r.change,
    at: r.at,
    recordedAt: r.recorded_at,
    dueAt: r.due_at,
    previousDueAt: r.previous_due_at,
    byUser: r.by_user,
    byToken: r.by_token,
    note: r.note,
  }));
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
export async function listCommitments(db: Db, workspaceId: string, f: CommitmentFilter): Promise<CommitmentListing[]> {
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
  const rows = await q.orderBy('m.due_at', f.order).orderBy('m.id', f.order).limit(f.limit).execute();
  return rows.map((r) => ({
    ...toCommitment(r),
    customerName: r.customer_name,
    customerEmail: r.customer_email,
    customerExternalId: r.customer_external_id,
  }));
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
