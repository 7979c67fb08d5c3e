// Escalation: the case clocks that fell due together fire their points (owner reminded at 50 %,
// managers told at 80 %, breach recorded at 100 %; targets.ts), each once, with their timeline events and
// staff mail, and schedule their next points. A batch is one transaction of set-based statements,
// so its cost follows the number of points falling due, not the number of open cases.
import type { NewEvent } from '../../storage/events.ts';
import { insertEvents } from '../../storage/events.ts';
import type { CaseRecord } from '../../storage/cases.ts';
import { scheduleClocks, type ClockEntry } from '../../storage/case-clocks.ts';
import * as batch from '../../storage/case-escalations.ts';
import { clockPoints, type BusinessHours, type ClockPoints } from './case-clock.ts';
import { caseEvent } from './case-events.ts';
import { duePoints, nextPoint, timeOf, type ClockPoint } from './case-points.ts';
import type { CaseDeps } from './cases.ts';
import { escapeHtml } from '../one-voice/mails.ts';
import { escalatePercent, recoveryDefaults, remindPercent } from './targets.ts';

export interface FiredPoint extends ClockEntry {
  point: ClockPoint;
  /** How long after the point fell due it fired. */
  delayMs: number;
}

function eventFor(c: CaseRecord, p: ClockPoint, points: ClockPoints, now: Date): NewEvent {
  const dueAt = points.due.toISOString();
  if (p === 'remind') return caseEvent(c, 'case.escalated', now, { level: 'owner', percent: remindPercent, dueAt });
  if (p === 'escalate') return caseEvent(c, 'case.escalated', now, { level: 'manager', percent: escalatePercent, dueAt });
  return caseEvent(c, 'case.breached', now, { dueAt });
}

function staffMail(c: CaseRecord, kind: 'case_reminder' | 'case_escalation', to: string, subject: string, text: string): batch.StaffMail {
  return { workspaceId: c.workspaceId, kind, to, subject, html: `<p>${escapeHtml(text)}</p>`, text };
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
      [...new Set(cases.filter((c) => c.targetHours === null).map((c) => c.workspaceId))],
      now,
      recoveryDefaults,
    );
    const fired: FiredPoint[] = [];
    const marks: Parameters<typeof batch.markPointsFired>[1] = [];
    const events = new Map<string, NewEvent[]>();
    const notices: Notice[] = [];
    const next: (ClockEntry & { runAt: Date })[] = [];
    for (const c of cases) {
      const s = c.targetHours === null ? made.get(c.workspaceId)! : c;
      const points = clockPoints(c.oopsAt, s.targetHours!, (s.businessHours as BusinessHours | null) ?? null);
      const due = duePoints(c, points, now);
      const entry = { workspaceId: c.workspaceId, caseId: c.id };
      if (due.length) {
        const list = events.get(c.workspaceId) ?? [];
        events.set(c.workspaceId, list);
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
        remindedAt: due.includes('remind') ? now : c.remindedAt,
        escalatedAt: due.includes('escalate') ? now : c.escalatedAt,
        breachedAt: due.includes('breach') ? now : c.breachedAt,
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
  // Managers are told at 80 %; a case with no owner has its 50 % reminder go to them too.
  const toManagers = notices.filter((n) => n.due.includes('escalate') || (n.due.includes('remind') && !n.c.ownerEmail));
  const groups = new Map(toManagers.map((n) => [batch.staffKey(n.c.workspaceId, n.c.departmentId), n.c]));
  const workspaces = [...new Set(toManagers.map((n) => n.c.workspaceId))];
  const found = await batch.managersFor(tx, [
    ...[...groups.values()].map((c) => ({ workspaceId: c.workspaceId, departmentId: c.departmentId })),
    ...workspaces.map((workspaceId) => ({ workspaceId, departmentId: null })),
  ]);
  // A department without a manager (or a case without a department): the admins are told; with no
  // admin either, every manager of the workspace.
  const admins = await batch.adminsFor(tx, workspaces);
  const managersOf = (c: batch.EscalatingCase) => {
    const own = c.departmentId ? (found.get(batch.staffKey(c.workspaceId, c.departmentId)) ?? []) : [];
    if (own.length) return own;
    const a = admins.get(c.workspaceId) ?? [];
    return a.length ? a : (found.get(batch.staffKey(c.workspaceId, null)) ?? []);
  };
  const mails: batch.StaffMail[] = [];
  for (const { c, points, due } of notices) {
    const label = `case #${c.number} (${c.title})`;
    const dueAt = points.due.toISOString();
    if (due.includes('remind'))
      for (const to of c.ownerEmail ? [c.ownerEmail] : managersOf(c).map((m) => m.email))
        mails.push(
          staffMail(
            c,
            'case_reminder',
            to,
            `Half the time is gone: ${label}`,
            c.ownerEmail
              ? `Half of the time to recover ${label} is gone. It is due ${dueAt}.`
              : `Half of the time to recover ${label} is gone and it has no owner: give it to someone. It is due ${dueAt}.`,
          ),
        );
    if (due.includes('escalate'))
      for (const m of managersOf(c))
        mails.push(
          staffMail(
            c,
            'case_escalation',
            m.email,
            `${escalatePercent} % of the time is gone: ${label}`,
            `${label} is due ${dueAt} and is not recovered yet.`,
          ),
        );
  }
  return mails;
}
