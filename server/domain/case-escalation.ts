// Escalation: the case clocks that fell due together fire their points (owner reminded at 50 %,
// managers told at 80 %, breach recorded at 100 %), each once, with their timeline events and
// staff mail, and schedule their next points. A batch is one transaction of set-based statements,
// so its cost follows the number of points falling due, not the number of open cases.
import type { NewEvent } from '../storage/events.ts';
import { insertEvents } from '../storage/events.ts';
import type { CaseRow } from '../storage/cases.ts';
import { scheduleClocks, type ClockEntry } from '../storage/case-clocks.ts';
import * as batch from '../storage/case-escalations.ts';
import type { ClockPoints } from './case-clock.ts';
import { caseEvent } from './case-events.ts';
import type { CaseDeps } from './cases.ts';
import { escapeHtml } from './mails.ts';
import { pointsFor } from './recovery-settings.ts';

export type ClockPoint = 'remind' | 'escalate' | 'breach';

export interface FiredPoint extends ClockEntry {
  point: ClockPoint;
  /** How long after the point fell due it fired. */
  delayMs: number;
}

/** The next point of a case's clock that has not fired yet, or undefined when all have. */
export function nextPoint(c: CaseRow, points: ClockPoints): Date | undefined {
  if (!c.reminded_at) return points.remind;
  if (!c.escalated_at) return points.escalate;
  if (!c.breached_at) return points.due;
  return undefined;
}

/** The points of the case's clock that are due at `now` and have not fired, in clock order. */
export function duePoints(c: CaseRow, points: ClockPoints, now: Date): ClockPoint[] {
  const due: ClockPoint[] = [];
  if (!c.reminded_at && points.remind <= now) due.push('remind');
  if (!c.escalated_at && points.escalate <= now) due.push('escalate');
  if (!c.breached_at && points.due <= now) due.push('breach');
  return due;
}

const timeOf = (p: ClockPoint, points: ClockPoints) => (p === 'remind' ? points.remind : p === 'escalate' ? points.escalate : points.due);

function eventFor(c: CaseRow, p: ClockPoint, points: ClockPoints, now: Date): NewEvent {
  const dueAt = points.due.toISOString();
  if (p === 'remind') return caseEvent(c, 'case.escalated', now, { level: 'owner', percent: 50, dueAt });
  if (p === 'escalate') return caseEvent(c, 'case.escalated', now, { level: 'manager', percent: 80, dueAt });
  return caseEvent(c, 'case.breached', now, { dueAt });
}

function staffMail(c: CaseRow, kind: 'case_reminder' | 'case_escalation', to: string, subject: string, text: string): batch.StaffMail {
  return { workspaceId: c.workspace_id, kind, to, subject, html: `<p>${escapeHtml(text)}</p>`, text };
}

/** A transaction's worth of cases: a bucket holds about 100 ms of points, but an import may crowd one. */
const chunkSize = 500;

/**
 * The case clock's job: fires every point of these cases that has fallen due, each once, then
 * schedules each case's next point. Entries may repeat or be stale (a clock moved earlier, a case
 * closed or recovered since): the case rows, read under lock, decide what fires. After downtime
 * the missed points of a case fire at once, in order.
 */
export async function advanceCaseClocks(d: CaseDeps, entries: ClockEntry[]): Promise<FiredPoint[]> {
  const unique = [...new Map(entries.map((e) => [`${e.workspaceId}/${e.caseId}`, e])).values()];
  const fired: FiredPoint[] = [];
  for (let i = 0; i < unique.length; i += chunkSize) fired.push(...(await advanceChunk(d, unique.slice(i, i + chunkSize))));
  return fired;
}

async function advanceChunk(d: CaseDeps, entries: ClockEntry[]): Promise<FiredPoint[]> {
  const now = d.clock.now();
  return d.db.transaction().execute(async (tx) => {
    const cases = await batch.lockEscalatingCases(tx, entries);
    if (!cases.length) return [];
    const settings = await batch.recoverySettingsFor(tx, [...new Set(cases.map((c) => c.workspace_id))], now);
    const fired: FiredPoint[] = [];
    const marks: Parameters<typeof batch.markPointsFired>[1] = [];
    const events = new Map<string, NewEvent[]>();
    const notices: { c: CaseRow; points: ClockPoints; due: ClockPoint[] }[] = [];
    const next: (ClockEntry & { runAt: Date })[] = [];
    for (const c of cases) {
      const points = pointsFor(settings.get(c.workspace_id)!, c.oops_at);
      const due = duePoints(c, points, now);
      const entry = { workspaceId: c.workspace_id, caseId: c.id };
      if (due.length) {
        const list = events.get(c.workspace_id) ?? [];
        events.set(c.workspace_id, list);
        for (const p of due) {
          list.push(eventFor(c, p, points, now));
          fired.push({ ...entry, point: p, delayMs: now.getTime() - timeOf(p, points).getTime() });
        }
        marks.push({ ...entry, remind: due.includes('remind'), escalate: due.includes('escalate'), breach: due.includes('breach') });
        notices.push({ c, points, due });
      }
      // Also when nothing fired: a stale entry, or a target changed since the entry was made.
      const after = {
        ...c,
        reminded_at: due.includes('remind') ? now : c.reminded_at,
        escalated_at: due.includes('escalate') ? now : c.escalated_at,
        breached_at: due.includes('breach') ? now : c.breached_at,
      };
      const at = nextPoint(after, points);
      if (at) next.push({ ...entry, runAt: at });
    }
    await batch.markPointsFired(tx, marks, now);
    for (const [workspaceId, list] of events) await insertEvents(tx, workspaceId, list, now);
    await batch.enqueueStaffMails(tx, await mailsFor(tx, notices), now);
    await scheduleClocks(tx, next);
    return fired;
  });
}

/** The owner's reminders and the managers' escalations of the points that fired, in case order. */
async function mailsFor(tx: CaseDeps['db'], notices: { c: CaseRow; points: ClockPoints; due: ClockPoint[] }[]): Promise<batch.StaffMail[]> {
  const owners = notices.filter((n) => n.due.includes('remind') && n.c.owner_id);
  const escalated = notices.filter((n) => n.due.includes('escalate'));
  if (!owners.length && !escalated.length) return [];
  const addresses = await batch.staffAddresses(
    tx,
    owners.map((n) => ({ workspaceId: n.c.workspace_id, userId: n.c.owner_id! })),
  );
  const groups = new Map(escalated.map((n) => [batch.staffKey(n.c.workspace_id, n.c.department_id), n.c]));
  const managers = await batch.managersFor(
    tx,
    [...groups.values()].map((c) => ({ workspaceId: c.workspace_id, departmentId: c.department_id })),
  );
  const mails: batch.StaffMail[] = [];
  for (const { c, points, due } of notices) {
    const label = `case #${c.number} (${c.title})`;
    const dueAt = points.due.toISOString();
    const owner = c.owner_id ? addresses.get(batch.staffKey(c.workspace_id, c.owner_id)) : undefined;
    if (due.includes('remind') && owner)
      mails.push(
        staffMail(
          c,
          'case_reminder',
          owner.email,
          `Half the time is gone: ${label}`,
          `Half of the time to recover ${label} is gone. It is due ${dueAt}.`,
        ),
      );
    if (due.includes('escalate'))
      for (const m of managers.get(batch.staffKey(c.workspace_id, c.department_id)) ?? [])
        mails.push(
          staffMail(
            c,
            'case_escalation',
            m.email,
            `80 % of the time is gone: ${label}`,
            `${label} is due ${dueAt} and is not recovered yet.`,
          ),
        );
  }
  return mails;
}
