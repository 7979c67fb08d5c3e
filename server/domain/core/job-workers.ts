// Jobs a killed instance had locked (running, or waiting in its worker's local queue) stay locked
// until graphile-worker's lock expires, four hours later: a case from a detractor's answer would
// open hours late. Each instance records its worker ids with a heartbeat
// (storage/job-workers.ts); at start and every half minute, an instance unlocks the jobs of
// workers that are certainly dead:
// - on this host (same host name and PID namespace): their process is gone, or its PID is this
//   very process but the pool is not one this process runs (a restart that got the same PID, as
//   PID 1 in a container does); or
// - anywhere: no heartbeat for `staleAfterMs` (two minutes against a beat every ten seconds), by
//   the database's clock, so instances need not agree on the time.
// A live instance beats every ten seconds, so it is never taken for dead unless it could not
// reach the database for two minutes; then its jobs may run twice, which every job here allows
// (dedupe keys, the case row deciding what fires). A worker whose ids were never recorded (a
// crash in the moment between starting and recording) is left to graphile-worker's timeout.
import { readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Db } from '../../storage/database.ts';
import { forgetJobWorkers, listJobWorkers, recordJobWorkers, touchJobWorkers, unlockJobWorkers } from '../../storage/job-workers.ts';

/** A worker silent this long is dead wherever it runs. */
export const workerStaleAfterMs = 120_000;
/** How often a live instance says so. */
export const workerHeartbeatMs = 10_000;

export interface WorkerIdentity {
  poolId: string;
  workerIds: string[];
  /** Host name and PID namespace: where a PID means this process or another one. */
  host: string;
  pid: number;
}

/** This process's host: its name and PID namespace (Linux), so two containers on one host differ. */
export function thisHost(): string {
  let ns = '';
  try {
    ns = readlinkSync('/proc/self/ns/pid');
  } catch {
    // not Linux: the host name alone
  }
  return ns ? `${hostname()}/${ns}` : hostname();
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pools this process runs (tests and benchmarks may run several Kept instances in one process). */
const poolsOfThisProcess = new Set<string>();

/**
 * Unlocks the jobs of dead workers (see above), never those of this process's own pools. Answers
 * the dead worker ids and how many jobs they held.
 */
export async function unlockDeadWorkers(
  db: Db,
  me: { host: string; pid: number },
  staleAfterMs = workerStaleAfterMs,
): Promise<{ workers: string[]; jobs: number }> {
  const gone = (w: { host: string; pid: number; poolId: string }) =>
    w.host === me.host && (w.pid === me.pid ? !poolsOfThisProcess.has(w.poolId) : !processAlive(w.pid));
  const dead = (await listJobWorkers(db))
    .filter((w) => !poolsOfThisProcess.has(w.poolId))
    .filter((w) => w.silentFor * 1000 > staleAfterMs || gone(w))
    .map((w) => w.workerId);
  return { workers: dead, jobs: await unlockJobWorkers(db, dead) };
}

export async function recordWorkers(db: Db, w: WorkerIdentity): Promise<void> {
  poolsOfThisProcess.add(w.poolId);
  await recordJobWorkers(db, w);
}

/** The heartbeat; records the ids again if another instance took this one for dead meanwhile. */
export async function beat(db: Db, w: WorkerIdentity): Promise<void> {
  if ((await touchJobWorkers(db, w.poolId)) < w.workerIds.length) await recordJobWorkers(db, w);
}

/** A clean stop: the pool's jobs are finished or released, so its ids are forgotten. */
export async function forgetWorkers(db: Db, poolId: string): Promise<void> {
  await forgetJobWorkers(db, poolId);
  poolsOfThisProcess.delete(poolId);
}
