// The recovery worker's side of queueOopsReports: queued oops reports (a detractor's answer) are
// opened in batches per workspace. Case creation is serialised per workspace (case numbers, one
// open case per customer), so reports opened one transaction each queued behind that lock, one
// COMMIT apiece, and left a backlog after a burst of answers (issue 15). Here the worker's
// concurrent jobs meet in a group commit: one transaction per workspace takes every waiting
// report, reads the settings and takes the lock once, and commits once. A report's own problem
// (an unknown department) fails only that report; a failed transaction retries each report alone.
import { z } from 'zod';
import { KeptError } from '../core/errors.ts';
import { createGroupCommit } from '../core/group-commit.ts';
import * as store from '../../storage/cases.ts';
import { checkOops, reportOopsLocked, type CaseDeps, type OopsReport, type Reported } from './cases.ts';
import { recoverySettingsOf } from './recovery-settings.ts';
import { batchWrites } from './case-writes.ts';

/** Reports one transaction may take. */
export const oopsBatchSize = 100;

const reportSchema = z.object({
  kind: z.enum(['survey', 'complaint', 'manual', 'proactive', 'commitment', 'contradiction', 'basic']),
  customerId: z.uuid(),
  occurredAt: z.iso.datetime(),
  summary: z.string(),
  severity: z.enum(['low', 'normal', 'high', 'critical']).optional(),
  ref: z.record(z.string(), z.unknown()).optional(),
  dedupeKey: z.string(),
  departmentId: z.uuid().nullable().optional(),
});
const payloadSchema = z.object({ workspaceId: z.uuid(), report: reportSchema });

interface Queued {
  workspaceId: string;
  report: OopsReport & { dedupeKey: string };
}

/** Reports the given oopses of one workspace in one transaction: one result (or the report's own error) each. */
export async function reportOopsBatch(d: CaseDeps, workspaceId: string, reports: OopsReport[]): Promise<(Reported | KeptError)[]> {
  const now = d.clock.now();
  return d.db.transaction().execute(async (tx) => {
    const settings = await recoverySettingsOf(tx, workspaceId, now);
    await store.lockCaseCreation(tx, workspaceId);
    const w = await batchWrites(tx, workspaceId, {
      keys: reports.flatMap((o) => (o.dedupeKey ? [o.dedupeKey] : [])),
      customerIds: reports.map((o) => o.customerId),
    });
    const out: (Reported | KeptError)[] = [];
    for (const o of reports) {
      try {
        // Checks only read, so a report refused here leaves the transaction usable.
        await checkOops(tx, now, workspaceId, o);
      } catch (err) {
        if (!(err instanceof KeptError)) throw err;
        out.push(err);
        continue;
      }
      out.push(await reportOopsLocked(w, now, settings, workspaceId, o));
    }
    await w.flush();
    return out;
  });
}

/** One per process: the worker's jobs call `report` with their payloads, which share transactions. */
export function createOopsQueue(d: CaseDeps): { report(payload: unknown): Promise<Reported> } {
  const group = createGroupCommit<Queued, Reported>({
    maxItems: oopsBatchSize,
    // Transactions of one workspace wait for each other's lock anyway; two let workspaces overlap.
    maxInFlight: 2,
    group: (q) => q.workspaceId,
    run: (qs) =>
      reportOopsBatch(
        d,
        qs[0]!.workspaceId,
        qs.map((q) => q.report),
      ),
  });
  return {
    async report(payload) {
      const p = payloadSchema.parse(payload);
      return group.submit({ workspaceId: p.workspaceId, report: { ...p.report, occurredAt: new Date(p.report.occurredAt) } });
    },
  };
}
