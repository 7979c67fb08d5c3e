// The recovery worker on graphile-worker: `report_oops` jobs open cases moments after the answer
// that queued them, and `case_clock` jobs fire the clocks' points. A clock job holds every case
// whose next point falls in one 100 ms bucket (storage/case-clocks.ts), so points falling due
// together fire in one transaction. Why graphile-worker (0.17.3, Node >= 14) rather than pg-boss:
// jobs can be added with a SQL function inside Kept's own transactions (the case and its clock
// commit together), array payloads under one job key make batches, idle polling is one indexed
// query, and `useNodeTime` lets tests move the clock. The current releases of both libraries need
// Node 22; 0.17.3 is the newest graphile-worker for Node 20.
import { EventEmitter } from 'node:events';
import { Logger, run, type Runner, type WorkerEvents } from 'graphile-worker';
import type { Logger as Pino } from 'pino';
import { commitmentClockTask } from './commitment-clocks.ts';
import { z } from 'zod';
import { advanceCaseClocks, entryKey } from '../domain/recovery/case-escalation.ts';
import { createOopsQueue } from '../domain/recovery/oops-queue.ts';
import { createPraiseQueue } from '../domain/learning/answer-praise.ts';
import { failOutreach, runOutreachBatch } from '../domain/recovery/cause-outreach.ts';
import type { Clock } from '../domain/core/clock.ts';
import type { SettingsCache } from '../domain/signals/signal-settings.ts';
import { openPool, type Db } from '../domain/core/db.ts';
import { gate } from '../lib/gate.ts';
import { beat, forgetWorkers, recordWorkers, thisHost, unlockDeadWorkers, workerHeartbeatMs } from '../domain/core/job-workers.ts';

const entrySchema = z.object({ workspaceId: z.uuid(), caseId: z.uuid() });
// A bucket's entries; a job made before clocks were batched holds one entry as an object.
const payloadSchema = z.union([z.array(entrySchema), entrySchema.transform((e) => [e])]);
const outreachSchema = z.object({ workspaceId: z.uuid(), outreachId: z.uuid() });
// Jobs in flight at once. report_oops and recognize_praise jobs wait together in one group commit
// per workspace (oops-queue.ts, answer-praise.ts), so this bounds a batch: at 64, cases opened
// from detractors fell behind answers arriving at ~1,000/s (258 reported/s for 337 arriving, the
// last 1.5 s after the run); at 256 they keep up (333/s for 334, the last 43 ms after the run).
const concurrency = 256;
// The tasks that each run their own transactions pass a gate instead, so that no more of them than
// before wait for Kept's pool at once, ahead of the requests.
const ownTransactions = 64;

export interface CaseClockDeps {
  db: Db;
  clock: Clock;
  /** Link secrets and the public address, for the messages outreach sends. */
  settings: SettingsCache;
  publicUrl: string;
  /** The same database, for graphile-worker's own pool. */
  url: string;
  log: Pino;
  /**
   * How often to look for jobs that fell due. A job added already due is picked up at once
   * (LISTEN/NOTIFY); a clock's point is found by this poll, so it bounds how late a point fires
   * on an idle worker (with the 100 ms bucket: at most ~200 ms).
   */
  pollIntervalMs?: number;
  /** Told after each batch: which points fired and how late (for metrics and the benchmark). */
  onFired?(fired: string[], delaysMs: number[]): void;
}

const poolAdvice = /maxPoolSize \(\d+\) smaller than concurrency/;
/** A connection the database server closed (it is shutting down): graphile-worker retries on its own. */
const lostConnection =
  /terminating connection due to administrator command|the database system is shutting down|connection error and is not queryable|Connection terminated|ECONNREFUSED/;

export async function startCaseClocks(d: CaseClockDeps): Promise<Runner> {
  const log = d.log.child({ component: 'case-clocks' });
  let stopping = false;
  // A database shut down under the worker is a warning, unless Kept is stopping too: Ctrl+C reaches
  // the embedded PostgreSQL as well, often before Kept's own handler runs, so a lost connection
  // waits a second to see whether Kept stops, and is then only a debug line.
  const lost = (write: (level: 'warn' | 'debug') => void) => {
    if (stopping) write('debug');
    else setTimeout(() => write(stopping ? 'debug' : 'warn'), 1000).unref();
  };
  const logger = new Logger(() => (level, message) => {
    if ((level === 'error' || level === 'warning') && lostConnection.test(message)) lost((l) => log[l](message));
    else if (level === 'error') log.error(message);
    // Tasks run on Kept's pool (d.db); graphile-worker's own pool only fetches and completes jobs in
    // batches, so its advice to size that pool to the concurrency does not apply here.
    else if (level === 'warning' && poolAdvice.test(message)) log.debug(message);
    else if (level === 'warning') log.warn(message);
    else log.debug(message);
  });
  // Kept's own pool, so a connection the server closes is a logged warning, not an unhandled 'error'.
  // Concurrent report_oops jobs share transactions, one per workspace (domain/recovery/oops-queue.ts).
  const oopses = createOopsQueue({ db: d.db, clock: d.clock });
  // Concurrent recognize_praise jobs are checked in batches per workspace (domain/learning/answer-praise.ts).
  const praise = createPraiseQueue({ db: d.db, clock: d.clock, publicUrl: d.publicUrl });
  // While Kept stops, PostgreSQL may be stopping too: a closed connection then is expected (lost).
  const pgPool = openPool(d.url, 20, (err) => lost((l) => log[l]({ err: err.message }, 'a job database connection was closed')));
  // The jobs a killed instance had locked are unlocked now rather than after graphile-worker's
  // four hours (domain/core/job-workers.ts); this instance's worker ids are recorded for the same.
  const me = { host: thisHost(), pid: process.pid };
  const unlockDead = () =>
    unlockDeadWorkers(d.db, me).then(
      (r) => {
        // A warning only when jobs were held: after a Ctrl+C that stopped PostgreSQL first, the
        // workers are forgotten here with nothing to unlock, which is no news at every start.
        if (r.jobs) log.warn({ workers: r.workers.length, jobs: r.jobs }, 'jobs of stopped workers unlocked');
        else if (r.workers.length) log.info({ workers: r.workers.length }, 'workers of a stopped Kept forgotten (they held no jobs)');
      },
      (err: unknown) => log.warn({ err }, 'unlocking the jobs of stopped workers failed; will retry'),
    );
  await unlockDead();
  const events = new EventEmitter() as WorkerEvents;
  const ids: string[] = [];
  events.on('pool:create', ({ workerPool }) => void ids.unshift(workerPool.id));
  events.on('worker:create', ({ worker }) => void ids.push(worker.workerId));
  const own = gate(ownTransactions);
  const commitmentClock = commitmentClockTask({ db: d.db, clock: d.clock, log, links: { settings: d.settings, publicUrl: d.publicUrl } });
  const runner = await run({
    pgPool,
    events,
    concurrency,
    pollInterval: d.pollIntervalMs ?? 100,
    // The pool, not each of its 16 workers, polls: one query per interval when idle.
    // Completions are sent together once per tick rather than a statement per job: a crash in that
    // moment runs those jobs again, which every task here allows (each is idempotent: dedupe keys,
    // the case row deciding what fires).
    preset: { worker: { localQueue: { size: concurrency }, completeJobBatchDelay: 0 } },
    noHandleSignals: true,
    // Jobs are due by the time Kept's own clock keeps, which is Node's.
    useNodeTime: true,
    logger,
    taskList: {
      commitment_clock: (payload, helpers) => own(async () => commitmentClock(payload, helpers)),
      report_oops: async (payload) => {
        const r = await oopses.report(payload);
        if (!r.duplicate) log.info({ caseId: r.caseId, joined: r.joined }, 'oops reported');
      },
      recognize_praise: async (payload) => {
        const n = await praise.recognize(payload);
        if (n) log.info({ kudos: n }, 'praise recognised');
      },
      cause_outreach: async (payload, helpers) => {
        const p = outreachSchema.parse(payload);
        const deps = { db: d.db, clock: d.clock, settings: d.settings, publicUrl: d.publicUrl };
        try {
          await own(() => runOutreachBatch(deps, p.workspaceId, p.outreachId));
        } catch (err) {
          log.error({ err, outreachId: p.outreachId, attempt: helpers.job.attempts }, 'outreach batch failed');
          if (helpers.job.attempts >= helpers.job.max_attempts) await failOutreach(d.db, d.clock, p.workspaceId, p.outreachId, String(err));
          throw err;
        }
      },
      case_clock: async (payload) => {
        const entries = payloadSchema.parse(payload);
        const { fired, failed } = await own(() => advanceCaseClocks({ db: d.db, clock: d.clock }, entries));
        if (fired.length) {
          const lateMs = fired.map((f) => f.delayMs);
          log.info({ cases: entries.length, fired: fired.length, maxLateMs: lateMs.reduce((a, b) => Math.max(a, b)) }, 'case clocks');
          d.onFired?.(
            fired.map((f) => f.point),
            lateMs,
          );
        }
        if (!failed.size) return;
        if (!Array.isArray(payload)) throw failed.values().next().value;
        // A batch job's result per entry: graphile-worker retries only the entries that failed.
        return entries.map((e) => (failed.has(entryKey(e)) ? Promise.reject(failed.get(entryKey(e))) : Promise.resolve()));
      },
    },
  });
  const identity = { poolId: ids[0]!, workerIds: [...ids], host: me.host, pid: me.pid };
  await recordWorkers(d.db, identity);
  let beats = 0;
  let pass: Promise<unknown> = Promise.resolve();
  const heartbeat = setInterval(() => {
    pass = beat(d.db, identity)
      .then(() => (++beats % 3 === 0 ? unlockDead() : undefined))
      .catch((err: unknown) => log.warn({ err }, 'the job workers’ heartbeat failed; will retry'));
  }, workerHeartbeatMs);
  heartbeat.unref();
  const stopRunner = runner.stop.bind(runner);
  return Object.assign(runner, {
    async stop() {
      stopping = true;
      clearInterval(heartbeat);
      await pass;
      await stopRunner();
      await forgetWorkers(d.db, identity.poolId).catch((err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        // The next start unlocks the jobs of workers whose process is gone (domain/core/job-workers.ts).
        if (lostConnection.test(message)) log.info('PostgreSQL stopped first: this instance’s job workers are cleared at the next start');
        else log.warn({ err }, 'forgetting the job workers failed');
      });
      await pgPool.end();
    },
  });
}
