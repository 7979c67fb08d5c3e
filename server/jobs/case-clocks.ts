// The case clocks: graphile-worker runs the `case_clock` jobs that reportOops schedules at each
// point of a case's clock. Why graphile-worker (0.17.3, Node >= 14) rather than pg-boss: jobs can
// be added with a SQL function inside Kept's own transactions (the case and its clock commit
// together), a job key replaces a case's pending clock when the oops moves, idle polling is one
// indexed query however many cases are open, and `useNodeTime` lets tests move the clock. The
// current releases of both libraries need Node 22; 0.17.3 is the newest graphile-worker for Node 20.
import { Logger, run, type Runner } from 'graphile-worker';
import type { Logger as Pino } from 'pino';
import { commitmentClockTask } from './commitment-clocks.ts';
import { z } from 'zod';
import { advanceCaseClock } from '../domain/case-escalation.ts';
import { reportQueuedOops } from '../domain/cases.ts';
import { failOutreach, runOutreachBatch } from '../domain/cause-outreach.ts';
import type { Clock } from '../domain/clock.ts';
import type { SettingsCache } from '../domain/signal-settings.ts';
import type { Db } from '../storage/database.ts';

const payloadSchema = z.object({ workspaceId: z.uuid(), caseId: z.uuid() });
const outreachSchema = z.object({ workspaceId: z.uuid(), outreachId: z.uuid() });

export interface CaseClockDeps {
  db: Db;
  clock: Clock;
  /** Link secrets and the public address, for the messages outreach sends. */
  settings: SettingsCache;
  publicUrl: string;
  /** The same database, for graphile-worker's own pool. */
  url: string;
  log: Pino;
  /** How often to look for jobs that fell due (new jobs due now are picked up at once). */
  pollIntervalMs?: number;
  /** Told after each run: which points fired and how late (for metrics and the benchmark). */
  onFired?(fired: string[], delaysMs: number[]): void;
}

export async function startCaseClocks(d: CaseClockDeps): Promise<Runner> {
  const log = d.log.child({ component: 'case-clocks' });
  const logger = new Logger(() => (level, message) => {
    if (level === 'error') log.error(message);
    else if (level === 'warning') log.warn(message);
    else log.debug(message);
  });
  return run({
    connectionString: d.url,
    concurrency: 16,
    maxPoolSize: 20,
    pollInterval: d.pollIntervalMs ?? 250,
    noHandleSignals: true,
    // Jobs are due by the time Kept's own clock keeps, which is Node's.
    useNodeTime: true,
    logger,
    taskList: {
      commitment_clock: commitmentClockTask({ db: d.db, clock: d.clock, log }),
      report_oops: async (payload) => {
        const r = await reportQueuedOops({ db: d.db, clock: d.clock }, payload);
        if (!r.duplicate) log.info({ caseId: r.caseId, joined: r.joined }, 'oops reported');
      },
      cause_outreach: async (payload, helpers) => {
        const p = outreachSchema.parse(payload);
        const deps = { db: d.db, clock: d.clock, settings: d.settings, publicUrl: d.publicUrl };
        try {
          await runOutreachBatch(deps, p.workspaceId, p.outreachId);
        } catch (err) {
          log.error({ err, outreachId: p.outreachId, attempt: helpers.job.attempts }, 'outreach batch failed');
          if (helpers.job.attempts >= helpers.job.max_attempts) await failOutreach(d.db, d.clock, p.workspaceId, p.outreachId, String(err));
          throw err;
        }
      },
      case_clock: async (payload) => {
        const p = payloadSchema.parse(payload);
        const r = await advanceCaseClock({ db: d.db, clock: d.clock }, p.workspaceId, p.caseId);
        if (r.fired.length) {
          log.info({ caseId: p.caseId, fired: r.fired, lateMs: r.delaysMs }, 'case clock');
          d.onFired?.(r.fired, r.delaysMs);
        }
      },
    },
  });
}
