// Escalation: the case clock's job fires the points of a case's clock as they fall due (owner
// reminded at 50 %, managers told at 80 %, breach recorded at 100 %), each once.
import { enqueueMail } from '../storage/mails.ts';
import * as store from '../storage/cases.ts';
import { scheduleClock } from '../storage/case-clocks.ts';
import { insertEvents } from '../storage/events.ts';
import type { ClockPoints } from './case-clock.ts';
import { caseEvent } from './case-events.ts';
import type { CaseDeps } from './cases.ts';
import { escapeHtml } from './mails.ts';
import { pointsFor, recoverySettingsOf } from './recovery-settings.ts';

/** The next point of a case's clock that has not fired yet, or undefined when all have. */
export function nextPoint(c: store.CaseRow, points: ClockPoints): Date | undefined {
  if (!c.reminded_at) return points.remind;
  if (!c.escalated_at) return points.escalate;
  if (!c.breached_at) return points.due;
  return undefined;
}

/**
 * The case clock's job: fires every point that has fallen due (reminds the owner, tells the
 * managers, records the breach), each once, then schedules the next. Runs after a restart too:
 * points missed while Kept was down fire at once, in order.
 */
export async function advanceCaseClock(
  d: CaseDeps,
  workspaceId: string,
  caseId: string,
): Promise<{ fired: string[]; next?: Date; delaysMs: number[] }> {
  const now = d.clock.now();
  return d.db.transaction().execute(async (tx) => {
    const c = await store.findCaseRow(tx, workspaceId, caseId, true);
    if (!c || c.status !== 'open') return { fired: [], delaysMs: [] };
    const settings = await recoverySettingsOf(tx, workspaceId, now);
    const points = pointsFor(settings, c.oops_at);
    const fired: string[] = [];
    const delaysMs: number[] = [];
    const notify = async (kind: 'case_reminder' | 'case_escalation' | 'case_breach', userIds: string[], subject: string, text: string) => {
      for (const u of await store.staffEmails(tx, workspaceId, userIds)) {
        await enqueueMail(
          tx,
          workspaceId,
          { customerId: null, invitationId: null, kind, to: u.email, subject, html: `<p>${escapeHtml(text)}</p>`, text, headers: {} },
          now,
        );
      }
    };
    const label = `case #${c.number} (${c.title})`;
    if (!c.reminded_at && points.remind <= now) {
      await store.updateCase(tx, workspaceId, c.id, { reminded_at: now });
      await insertEvents(
        tx,
        workspaceId,
        [caseEvent(c, 'case.escalated', now, { level: 'owner', percent: 50, dueAt: points.due.toISOString() })],
        now,
      );
      if (c.owner_id)
        await notify(
          'case_reminder',
          [c.owner_id],
          `Half the time is gone: ${label}`,
          `Half of the time to recover ${label} is gone. It is due ${points.due.toISOString()}.`,
        );
      fired.push('remind');
      delaysMs.push(now.getTime() - points.remind.getTime());
      c.reminded_at = now;
    }
    if (!c.escalated_at && points.escalate <= now) {
      await store.updateCase(tx, workspaceId, c.id, { escalated_at: now });
      await insertEvents(
        tx,
        workspaceId,
        [caseEvent(c, 'case.escalated', now, { level: 'manager', percent: 80, dueAt: points.due.toISOString() })],
        now,
      );
      await notify(
        'case_escalation',
        await store.departmentManagers(tx, workspaceId, c.department_id),
        `80 % of the time is gone: ${label}`,
        `${label} is due ${points.due.toISOString()} and is not recovered yet.`,
      );
      fired.push('escalate');
      delaysMs.push(now.getTime() - points.escalate.getTime());
      c.escalated_at = now;
    }
    if (!c.breached_at && points.due <= now) {
      await store.updateCase(tx, workspaceId, c.id, { breached_at: now });
      await insertEvents(tx, workspaceId, [caseEvent(c, 'case.breached', now, { dueAt: points.due.toISOString() })], now);
      fired.push('breach');
      delaysMs.push(now.getTime() - points.due.getTime());
      c.breached_at = now;
    }
    const next = nextPoint(c, points);
    if (next) await scheduleClock(tx, workspaceId, c.id, next);
    return { fired, next, delaysMs };
  });
}
