// Outreach runs: "contact everyone this cause touched", with the progress staff watch, and the
// job that carries each run forward a batch at a time in graphile-worker's queue.
import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db } from './database.ts';
import type { CauseOutreachTable } from './schema.ts';

export type OutreachRow = Selectable<CauseOutreachTable>;

/** Inserts a run; false when one is already running for the cause (the unique index says so). */
export async function insertOutreach(tx: Db, row: Insertable<CauseOutreachTable>): Promise<boolean> {
  const r = await tx
    .insertInto('cause_outreach')
    .values(row)
    .onConflict((oc) => oc.columns(['workspace_id', 'cause_id']).where('status', '=', 'running').doNothing())
    .returning('id')
    .execute();
  return r.length > 0;
}

export async function findOutreach(db: Db, workspaceId: string, id: string, lock = false): Promise<OutreachRow | undefined> {
  let q = db.selectFrom('cause_outreach').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function outreachOfCause(db: Db, workspaceId: string, causeId: string, limit = 20): Promise<OutreachRow[]> {
  return db
    .selectFrom('cause_outreach')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('cause_id', '=', causeId)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function updateOutreach(
  tx: Db,
  workspaceId: string,
  id: string,
  set: Partial<Omit<Insertable<CauseOutreachTable>, 'workspace_id' | 'id'>>,
): Promise<void> {
  await tx.updateTable('cause_outreach').set(set).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

/** Queues the run's next batch, in the caller's transaction (the batch and its successor commit together). */
export async function queueOutreachBatch(tx: Db, workspaceId: string, id: string, runAt: Date): Promise<void> {
  await sql`SELECT graphile_worker.add_job('cause_outreach', json_build_object('workspaceId', ${workspaceId}::text, 'outreachId', ${id}::text),
    run_at := ${runAt}::timestamptz, max_attempts := 5, job_key := ${`outreach:${id}`}, job_key_mode := 'replace')`.execute(tx);
}
