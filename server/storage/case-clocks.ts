// A case's clock in graphile-worker's queue: one `case_clock` job per open case, keyed by the
// case, run when the clock's next point falls due.
import { sql } from 'kysely';
import type { Db } from './database.ts';

/** Schedules (or moves) the case's clock job in graphile-worker's queue, in the caller's transaction. */
export async function scheduleClock(tx: Db, workspaceId: string, caseId: string, runAt: Date): Promise<void> {
  await sql`SELECT graphile_worker.add_job('case_clock', json_build_object('workspaceId', ${workspaceId}::text, 'caseId', ${caseId}::text),
    run_at := ${runAt}::timestamptz, max_attempts := 25, job_key := ${`case-clock:${caseId}`}, job_key_mode := 'replace')`.execute(tx);
}

export async function cancelClock(tx: Db, caseId: string): Promise<void> {
  await sql`SELECT graphile_worker.remove_job(${`case-clock:${caseId}`})`.execute(tx);
}
