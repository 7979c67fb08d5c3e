// The recovery worker's ids per running Kept instance (kept_job_workers, migration 0029), with a
// heartbeat by the database's clock, and the unlocking of a dead instance's jobs through
// graphile-worker's own force_unlock_workers. domain/core/job-workers.ts decides who is dead.
import { sql } from 'kysely';
import type { Db } from './database.ts';

export interface JobWorkerRow {
  workerId: string;
  poolId: string;
  host: string;
  pid: number;
  /** Seconds since its last heartbeat, by the database's clock. */
  silentFor: number;
}

/** Records (or refreshes) a pool's worker ids. */
export async function recordJobWorkers(db: Db, w: { poolId: string; workerIds: string[]; host: string; pid: number }): Promise<void> {
  await sql`INSERT INTO kept_job_workers (worker_id, pool_id, host, pid)
    SELECT id, ${w.poolId}, ${w.host}, ${w.pid} FROM unnest(${w.workerIds}::text[]) AS id
    ON CONFLICT (worker_id) DO UPDATE SET seen_at = now()`.execute(db);
}

/** The heartbeat: answers how many of the pool's ids were still recorded (0: another instance took it for dead). */
export async function touchJobWorkers(db: Db, poolId: string): Promise<number> {
  const r = await sql`UPDATE kept_job_workers SET seen_at = now() WHERE pool_id = ${poolId}`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

export async function listJobWorkers(db: Db): Promise<JobWorkerRow[]> {
  const r = await sql<{ worker_id: string; pool_id: string; host: string; pid: number; silent_for: number }>`
    SELECT worker_id, pool_id, host, pid, extract(epoch FROM now() - seen_at)::float8 AS silent_for FROM kept_job_workers`.execute(db);
  return r.rows.map((x) => ({ workerId: x.worker_id, poolId: x.pool_id, host: x.host, pid: x.pid, silentFor: Number(x.silent_for) }));
}

/**
 * Forgets these worker ids and unlocks their jobs (and job queues) in one statement: the jobs are
 * taken by the next poll of any live worker. Answers how many jobs they held.
 */
export async function unlockJobWorkers(db: Db, workerIds: string[]): Promise<number> {
  if (!workerIds.length) return 0;
  const r = await sql<{ jobs: number }>`
    WITH gone AS (DELETE FROM kept_job_workers WHERE worker_id = ANY(${workerIds}::text[]) RETURNING worker_id),
    held AS (SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE locked_by = ANY(${workerIds}::text[]))
    SELECT (SELECT n FROM held) AS jobs, graphile_worker.force_unlock_workers(${workerIds}::text[]) AS unlocked, (SELECT count(*) FROM gone) AS gone`.execute(
    db,
  );
  return Number(r.rows[0]?.jobs ?? 0);
}

/** A clean stop: the pool's ids are forgotten (its jobs were finished or released by graphile-worker). */
export async function forgetJobWorkers(db: Db, poolId: string): Promise<void> {
  await sql`DELETE FROM kept_job_workers WHERE pool_id = ${poolId}`.execute(db);
}
