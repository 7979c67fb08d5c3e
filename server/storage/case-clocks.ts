// The case clocks in graphile-worker's queue. A clock's next point is an entry (workspace, case)
// in a `case_clock` job. Entries due in the same 100 ms share a job: graphile-worker appends an
// array payload added under an existing job key to the job's array ("batch jobs"), so the points
// falling due together cost one job and one transaction, and the queue holds one job per bucket
// that has points rather than one per open case. An entry is only a reminder to look at its case:
// the case row says which points fired, so a stale or repeated entry fires nothing twice.
import { sql } from 'kysely';
import type { Db } from './database.ts';

export interface ClockEntry {
  workspaceId: string;
  caseId: string;
}

export interface ClockJobSpec {
  /** null: a job of its own, not shared with other entries. */
  key: string | null;
  runAt: Date;
  entries: ClockEntry[];
}

/** The width of a time bucket: a point fires at most this much after it falls due, plus the poll. */
export const clockBucketMs = 100;

/**
 * Points due sooner than this are not appended to their bucket's job, which may already be running
 * on a worker whose clock is slightly ahead: graphile-worker answers an add under a running job's
 * key by taking the key from it and spending its retries, so the running job's other entries would
 * be lost if it then failed. Such a point (a late oops's, a moved clock's) gets a job of its own.
 */
const appendMarginMs = 2_000;

/** The jobs that hold these points, grouped by bucket; `now` is Node's time, which the worker runs on. */
export function clockJobSpecs(points: (ClockEntry & { runAt: Date })[], now: number): ClockJobSpec[] {
  const byKey = new Map<string, ClockJobSpec>();
  const own: ClockJobSpec[] = [];
  for (const p of points) {
    const entry = { workspaceId: p.workspaceId, caseId: p.caseId };
    const at = p.runAt.getTime();
    if (at < now + appendMarginMs) {
      own.push({ key: null, runAt: p.runAt, entries: [entry] });
      continue;
    }
    const bucket = Math.floor(at / clockBucketMs);
    // Each append rewrites the job's whole payload, so a bucket that kept receiving entries from
    // separate transactions (thousands of cases opened by one incident, all with its oops time)
    // would cost quadratic work. The key also names the second the entry was scheduled in: points
    // scheduled together (a batch's next points, the cases of one import) still share a job.
    const key = `case-clocks:${bucket}:${Math.floor(now / 1000)}`;
    const spec = byKey.get(key);
    // The job runs when its bucket ends, so every entry in it is due by then.
    if (spec) spec.entries.push(entry);
    else byKey.set(key, { key, runAt: new Date((bucket + 1) * clockBucketMs), entries: [entry] });
  }
  // In key order: two transactions appending to the same buckets lock their jobs in one order.
  return [...[...byKey.values()].sort((a, b) => (a.key! < b.key! ? -1 : 1)), ...own];
}

/** Adds the jobs in one statement, inside the caller's transaction. */
export async function addClockJobs(tx: Db, specs: ClockJobSpec[]): Promise<void> {
  if (!specs.length) return;
  await sql`SELECT count(*) FROM graphile_worker.add_jobs(ARRAY(
      SELECT ROW('case_clock', j.payload, NULL, j.run_at, 25, j.key, 0, NULL)::graphile_worker.job_spec
      FROM unnest(${specs.map((s) => s.key)}::text[], ${specs.map((s) => JSON.stringify(s.entries))}::json[],
                  ${specs.map((s) => s.runAt)}::timestamptz[]) WITH ORDINALITY AS j(key, payload, run_at, n)
      ORDER BY j.n))`.execute(tx);
}

/** Schedules the clocks' next points in the caller's transaction (the cases and their clocks commit together). */
export async function scheduleClocks(tx: Db, points: (ClockEntry & { runAt: Date })[]): Promise<void> {
  // Node's time, not Kept's Clock: the question is whether a bucket's job may already be running,
  // and the worker decides what is due by Node's time (useNodeTime).
  await addClockJobs(tx, clockJobSpecs(points, Date.now()));
}

/**
 * Schedules (or moves earlier) the case's clock in the caller's transaction. A clock moved earlier
 * leaves its old entry behind; when that falls due the case's points have fired and it does nothing.
 */
export async function scheduleClock(tx: Db, workspaceId: string, caseId: string, runAt: Date): Promise<void> {
  await scheduleClocks(tx, [{ workspaceId, caseId, runAt }]);
}

/**
 * Nothing to do, on purpose: the entry of a closed or recovered case fires nothing when it falls
 * due (the worker reads the case under lock first), and taking one entry out of a bucket shared
 * with other cases would cost more than letting it fall due. Kept so that closing and recovering
 * a case can say what they mean.
 */
export async function cancelClock(_tx: Db, _caseId: string): Promise<void> {}
