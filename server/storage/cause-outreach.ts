// Outreach runs: "contact everyone this cause touched", with the progress staff watch, and the
// job that carries each run forward a batch at a time in graphile-worker's queue.
import { sql, type Insertable, type Selectable } from 'kysely';
import type { CaseSeverity } from '../../contract/cases.ts';
import type { Db } from './database.ts';
import type { CauseOutreachTable } from './schema.ts';

/** One outreach run and its progress. */
export interface OutreachRecord {
  workspaceId: string;
  id: string;
  causeId: string;
  message: string;
  severity: CaseSeverity;
  departmentId: string | null;
  status: 'running' | 'done' | 'failed';
  total: number;
  processed: number;
  opened: number;
  joined: number;
  skipped: number;
  apologised: number;
  /** Where the next batch starts. */
  cursor: Record<string, unknown> | null;
  error: string | null;
  startedBy: string | null;
  startedAt: Date;
  finishedAt: Date | null;
}

/** A run to start: its counts start at nought, its cursor at the beginning. */
export type NewOutreach = Omit<OutreachRecord, 'processed' | 'opened' | 'joined' | 'skipped' | 'apologised' | 'cursor' | 'error'>;

/** What a batch (or a failure) changes on a run. */
export type OutreachChange = Partial<
  Pick<OutreachRecord, 'status' | 'processed' | 'opened' | 'joined' | 'skipped' | 'apologised' | 'cursor' | 'error' | 'finishedAt'>
>;

const toOutreach = (r: Selectable<CauseOutreachTable>): OutreachRecord => ({
  workspaceId: r.workspace_id,
  id: r.id,
  causeId: r.cause_id,
  message: r.message,
  severity: r.severity,
  departmentId: r.department_id,
  status: r.status,
  total: r.total,
  processed: r.processed,
  opened: r.opened,
  joined: r.joined,
  skipped: r.skipped,
  apologised: r.apologised,
  cursor: r.cursor,
  error: r.error,
  startedBy: r.started_by,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
});

/** Inserts a run; false when one is already running for the cause (the unique index says so). */
export async function insertOutreach(tx: Db, o: NewOutreach): Promise<boolean> {
  const r = await tx
    .insertInto('cause_outreach')
    .values({
      workspace_id: o.workspaceId,
      id: o.id,
      cause_id: o.causeId,
      message: o.message,
      severity: o.severity,
      department_id: o.departmentId,
      status: o.status,
      total: o.total,
      started_by: o.startedBy,
      started_at: o.startedAt,
      finished_at: o.finishedAt,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'cause_id']).where('status', '=', 'running').doNothing())
    .returning('id')
    .execute();
  return r.length > 0;
}

export async function findOutreach(db: Db, workspaceId: string, id: string, lock = false): Promise<OutreachRecord | undefined> {
  let q = db.selectFrom('cause_outreach').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (lock) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r && toOutreach(r);
}

export async function outreachOfCause(db: Db, workspaceId: string, causeId: string, limit = 20): Promise<OutreachRecord[]> {
  const rows = await db
    .selectFrom('cause_outreach')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('cause_id', '=', causeId)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toOutreach);
}

export async function updateOutreach(tx: Db, workspaceId: string, id: string, c: OutreachChange): Promise<void> {
  const set: Partial<Insertable<CauseOutreachTable>> = {};
  if (c.status !== undefined) set.status = c.status;
  if (c.processed !== undefined) set.processed = c.processed;
  if (c.opened !== undefined) set.opened = c.opened;
  if (c.joined !== undefined) set.joined = c.joined;
  if (c.skipped !== undefined) set.skipped = c.skipped;
  if (c.apologised !== undefined) set.apologised = c.apologised;
  if (c.cursor !== undefined) set.cursor = JSON.stringify(c.cursor);
  if (c.error !== undefined) set.error = c.error;
  if (c.finishedAt !== undefined) set.finished_at = c.finishedAt;
  await tx.updateTable('cause_outreach').set(set).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

/** Queues the run's next batch, in the caller's transaction (the batch and its successor commit together). */
export async function queueOutreachBatch(tx: Db, workspaceId: string, id: string, runAt: Date): Promise<void> {
  await sql`SELECT graphile_worker.add_job('cause_outreach', json_build_object('workspaceId', ${workspaceId}::text, 'outreachId', ${id}::text),
    run_at := ${runAt}::timestamptz, max_attempts := 5, job_key := ${`outreach:${id}`}, job_key_mode := 'replace')`.execute(tx);
}
