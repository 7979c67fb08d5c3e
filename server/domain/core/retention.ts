// Retention: a workspace may keep old events and mails only so long. A job (jobs/retention.ts)
// applies the settings; changing them is recorded in the audit log with before and after.
import type { RetentionSettingsBody } from '../../../contract/privacy.ts';
import type { Db } from '../../storage/database.ts';
import { deleteEventsBefore, deleteMailsBefore, findRetention, listRetention, upsertRetention } from '../../storage/retention.ts';
import { recordAudit, type AuditOrigin } from './audit.ts';
import type { Principal } from './principal.ts';

export const getRetention = (db: Db, workspaceId: string): Promise<RetentionSettingsBody> => findRetention(db, workspaceId);

export async function changeRetention(
  db: Db,
  now: Date,
  workspaceId: string,
  principal: Principal,
  next: RetentionSettingsBody,
  origin: AuditOrigin = {},
): Promise<RetentionSettingsBody> {
  return db.transaction().execute(async (tx) => {
    const before = await findRetention(tx, workspaceId);
    await upsertRetention(tx, workspaceId, next, now);
    await recordAudit(tx, now, workspaceId, principal, { action: 'retention.changed', detail: { before, after: next } }, origin);
    return next;
  });
}

export interface RetentionRun {
  events: number;
  mails: number;
}

/** Deletes what every workspace keeps past its limits, in batches; answers the rows deleted. Each workspace's
 * deletions are recorded in its audit log as Kept's own action. */
export async function applyRetention(db: Db, now: Date, batch = 1000): Promise<RetentionRun> {
  const total: RetentionRun = { events: 0, mails: 0 };
  const before = (days: number) => new Date(now.getTime() - days * 86_400_000);
  for (const w of await listRetention(db)) {
    const run: RetentionRun = { events: 0, mails: 0 };
    if (w.eventDays !== null) {
      for (let n = batch; n === batch; run.events += n) n = await deleteEventsBefore(db, w.workspaceId, before(w.eventDays), batch);
    }
    if (w.mailDays !== null) {
      for (let n = batch; n === batch; run.mails += n) n = await deleteMailsBefore(db, w.workspaceId, before(w.mailDays), batch);
    }
    if (run.events || run.mails) {
      await recordAudit(db, now, w.workspaceId, undefined, { action: 'retention.applied', detail: { ...run, settings: w } });
    }
    total.events += run.events;
    total.mails += run.mails;
  }
  return total;
}
