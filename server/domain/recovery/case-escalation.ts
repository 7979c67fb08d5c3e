// Escalation: the case clocks that fell due together fire their points (owner reminded at 50 %,
// managers told at 80 %, breach recorded at 100 %), each once, with their timeline events and
// staff mail, and schedule their next points. A batch is one transaction of set-based statements,
// so its cost follows the number of points falling due, not the number of open cases.
import type { NewEvent } from '../../storage/events.ts';
import { insertEvents } from '../../storage/events.ts';
import type { CaseRow } from '../../storage/cases.ts';
import { scheduleClocks, type ClockEntry } from '../../storage/case-clocks.ts';
import * as batch from '../../storage/case-escalations.ts';
import { clockPoints, type BusinessHours, type ClockPoints } from './case-clock.ts';
import { caseEvent } from './case-events.ts';
import type { CaseDeps } from './cases.ts';
import { escapeHtml } from '../one-voice/mails.ts';

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

export interface ClockRun {
  fired: FiredPoint[];
  /** Entries that failed even in a transaction of their own, by `workspaceId/caseId`. */
  failed: Map<string, Error>;
}

export const entryKey = (e: ClockEntry) => `${e.workspaceId}/${e.caseId}`;

/**
 * The case clock's job: fires every point of these cases that has fallen due, each once, then
 * schedules each case's next point. Entries may repeat or be stale (a clock moved earlier, a case
 * closed or recovered since): the case rows, read under lock, decide what fires. After downtime
 * the missed points of a case fire at once, in order. If a batch's transaction fails, each of its
 * cases is tried alone, so one case that cannot fire (bad business hours in its workspace) does
 * not hold back the others.
 */
export async function advanceCaseClocks(d: CaseDeps, entries: ClockEntry[]): Promise<ClockRun> {
  const unique = [...new Map(entries.map((e) => [entryKey(e), e])).values()];
  const run: ClockRun = { fired: [], failed: new Map() };
  for (let i = 0; i < unique.length; i += chunkSize) {
    const chunk = unique.slice(i, i + chunkSize);
    try {
      run.fired.push(...(await advanceChunk(d, chunk)));
    } catch (err) {
      if (chunk.length === 1) run.failed.set(entryKey(chunk[0]!), err as Error);
      else
        for (const e of chunk)
          await advanceChunk(d, [e]).then(
            (fired) => run.fired.push(...fired),
            (alone: Error) => run.failed.set(entryKey(e), alone),
          );
    }
  }
  return run;
}

async function advanceChunk(d: CaseDeps, entries: ClockEntry[]): Promise<FiredPoint[]> {
  const now = d.clock.now();
  return d.db.transaction().execute(async (tx) => {
    const cases = await batch.lockEscalatingCases(tx, entries);
    if (!cases.length) return [];
    // Only a workspace whose cases were made outside reportOops lacks settings: made with the defaults.
    const made = await batch.makeRecoverySettings(
      tx,
      [...new Set(cases.filter((c) => c.target_hours === null).map((c) => c.workspace_id))],
      now,
    );
    const fired: FiredPoint[] = [];
    const marks: Parameters<typeof batch.markPointsFired>[1] = [];
    const events = new Map<string, NewEvent[]>();
    const notices: Notice[] = [];
    const next: (ClockEntry & { runAt: Date })[] = [];
    for (const c of cases) {
      const s = c.target_hours === null ? made.get(c.workspace_id)! : c;
      const points = clockPoints(c.oops_at, s.target_hours!, (s.business_hours as BusinessHours | null) ?? null);
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

type Notice = { c: batch.EscalatingCase; points: ClockPoints; due: ClockPoint[] };

/** The owner's reminders and the managers' escalations of the points that fired, in case order. */
async function mailsFor(tx: CaseDeps['db'], notices: Notice[]): Promise<batch.StaffMail[]> {
  const escalated = notices.filter((n) => n.due.includes('escalate'));
  const groups = new Map(escalated.map((n) => [batch.staffKey(n.c.workspace_id, n.c.department_id), n.c]));
  const managers = await batch.managersFor(
    tx,
    [...groups.values()].map((c) => ({ workspaceId: c.workspace_id, departmentId: c.department_id })),
  );
  const mails: batch.StaffMail[] = [];
  for (const { c, points, due } of notices) {
    const label = `case #${c.number} (${c.title})`;
    const dueAt = points.due.toISOString();
    if (due.includes('remind') && c.owner_email)
      mails.push(
        staffMail(
          c,
          'case_reminder',
          c.owner_email,
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
