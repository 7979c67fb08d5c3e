// Recovery cases. One entry point, reportOops, takes every oops: a bad answer, a complaint, a
// staff report, and later broken promises and contradictions. It opens a case for the customer
// or joins their open one; the case's clock starts at the oops (not when someone noticed it),
// and the clock's points (owner reminded at 50 %, managers at 80 %, breach at 100 %) are jobs in
// graphile-worker's queue, scheduled in the same transaction, so they survive restarts and cost
// work only when they fall due.
import { checkReferences } from '../core/references.ts';
import type { CaseOrigin, CaseSeverity } from '../../../contract/cases.ts';
import type { Db } from '../../storage/database.ts';
import type { PickedOwner } from './owners.ts';
import { directWrites, type CaseWrites } from './case-writes.ts';
import * as store from '../../storage/cases.ts';
import { nextPoint } from './case-points.ts';
import { caseEvent } from './case-events.ts';
import type { Clock } from '../core/clock.ts';
import { KeptError } from '../core/errors.ts';
import { uuidv7 } from '../../lib/ids.ts';
import { trimAtWord } from '../core/customer-text.ts';
import { caseTitleMax } from './customer-title.ts';
import { pointsFor, recoverySettingsOf } from './recovery-settings.ts';
import type { RecoverySettingsRecord } from '../../storage/recovery-settings.ts';

export interface CaseDeps {
  db: Db;
  clock: Clock;
}

export interface OopsReport {
  kind: CaseOrigin;
  customerId: string;
  /** When it went wrong: the case's clock starts here. */
  occurredAt: Date;
  summary: string;
  /** What the customer reads about the case, when known (a complaint's own subject, staff's words). */
  customerTitle?: string | null;
  severity?: CaseSeverity;
  /** What it came from, e.g. { responseId } or { complaintId }. */
  ref?: Record<string, unknown>;
  /** The same report twice (a retried request, the same answer) counts once. */
  dedupeKey?: string;
  departmentId?: string | null;
  ownerId?: string | null;
  /** The person who reported it, if any. */
  byUser?: string | null;
}

export interface Reported {
  caseId: string;
  joined: boolean;
  duplicate: boolean;
}

/**
 * Reports an oops inside the caller's transaction (so an answer and the case it opens commit
 * together). Opens a case, or joins the customer's open one; an earlier oops moves the clock back.
 */
export async function reportOopsIn(tx: Db, clock: Clock, workspaceId: string, o: OopsReport): Promise<Reported> {
  const now = clock.now();
  await checkOops(tx, now, workspaceId, o);
  const settings = await recoverySettingsOf(tx, workspaceId, now);
  await store.lockCaseCreation(tx, workspaceId);
  return reportOopsLocked(directWrites(tx, workspaceId), now, settings, workspaceId, o);
}

/** An oops's own problems (a time in the future, an unknown department or owner), before anything is written. */
export async function checkOops(tx: Db, now: Date, workspaceId: string, o: OopsReport): Promise<void> {
  if (o.occurredAt.getTime() > now.getTime() + 5 * 60_000) {
    throw new KeptError('invalid_input', 'The oops was not reported', {
      problems: [{ path: ['occurredAt'], message: 'is in the future' }],
    });
  }
  await checkReferences(tx, workspaceId, [
    ['department', o.departmentId, ['departmentId']],
    ['user', o.ownerId, ['ownerId']],
  ]);
}

/**
 * reportOopsIn's reads and writes, once the oops is checked and the workspace's case creation is
 * locked (store.lockCaseCreation), through `w`: statement by statement, or a batch's (case-writes.ts).
 */
export async function reportOopsLocked(
  w: CaseWrites,
  now: Date,
  settings: RecoverySettingsRecord,
  workspaceId: string,
  o: OopsReport,
): Promise<Reported> {
  if (o.dedupeKey) {
    const seen = await w.seen(o.dedupeKey);
    if (seen) return { caseId: seen, joined: true, duplicate: true };
  }
  const oops = (caseId: string): store.Oops => ({
    workspaceId,
    id: uuidv7(now.getTime()),
    caseId,
    kind: o.kind,
    occurredAt: o.occurredAt,
    reportedAt: now,
    summary: o.summary,
    ref: o.ref ?? {},
    dedupeKey: o.dedupeKey ?? null,
  });
  const open = await w.openCase(o.customerId);
  if (open) {
    await w.insertOops(oops(open.id));
    if (o.occurredAt < open.oopsAt) {
      // The clock starts at the earliest oops the case knows of.
      const points = pointsFor(settings, o.occurredAt);
      await w.moveCase(open, o.occurredAt, points.due);
      const next = nextPoint(open, points);
      if (next) await w.scheduleClock(open.id, next);
    }
    return { caseId: open.id, joined: true, duplicate: false };
  }
  const id = uuidv7(now.getTime());
  const points = pointsFor(settings, o.occurredAt);
  // No unowned work: the one named, else the department's round robin, else the default department's, else an admin.
  const picked: PickedOwner = o.ownerId
    ? { ownerId: o.ownerId, departmentId: o.departmentId ?? settings.defaultDepartment ?? null, how: 'named' }
    : await w.pickOwner(o.departmentId ?? null, settings.defaultDepartment);
  const { ownerId, departmentId, how } = picked;
  const kase: store.NewCase = {
    workspaceId,
    id,
    number: await w.nextNumber(),
    customerId: o.customerId,
    status: 'open',
    origin: o.kind,
    severity: o.severity ?? 'normal',
    title: trimAtWord(o.summary, caseTitleMax),
    customerTitle: o.customerTitle ? trimAtWord(o.customerTitle, caseTitleMax) : null,
    oopsAt: o.occurredAt,
    dueAt: points.due,
    ownerId,
    departmentId,
    causeId: null,
    openedAt: now,
  };
  await w.insertCase(kase);
  await w.insertOops(oops(id));
  await w.insertAssignment({ workspaceId, caseId: id, at: now, ownerId, departmentId, byUser: o.byUser ?? null, how });
  await w.insertEvent(
    caseEvent(kase, 'case.opened', now, {
      origin: o.kind,
      severity: kase.severity,
      oopsAt: o.occurredAt.toISOString(),
      dueAt: points.due.toISOString(),
      ownerId,
      departmentId,
    }),
    now,
  );
  // A late report may already be past some points: the worker fires those at once, in order.
  await w.scheduleClock(id, points.remind);
  return { caseId: id, joined: false, duplicate: false };
}

export async function reportOops(d: CaseDeps, workspaceId: string, o: OopsReport): Promise<Reported> {
  return d.db.transaction().execute((tx) => reportOopsIn(tx, d.clock, workspaceId, o));
}

/** The oops thresholds of answers: at or below them an answer opens a case. */
export async function answerThresholds(db: Db, workspaceId: string, now: Date): Promise<Record<'nps' | 'csat' | 'ces', number>> {
  const s = await recoverySettingsOf(db, workspaceId, now);
  return { nps: s.npsMax, csat: s.csatMax, ces: s.cesMax };
}

/**
 * Reports oopses later, through the recovery worker, from inside the caller's transaction: for
 * paths that must stay fast (a customer's answer). The clock still starts at `occurredAt`.
 */
export async function queueOopsReports(
  tx: Db,
  clock: Clock,
  workspaceId: string,
  reports: (OopsReport & { dedupeKey: string })[],
): Promise<void> {
  await store.enqueueOopsReports(
    tx,
    workspaceId,
    reports.map((r) => ({ key: r.dedupeKey, report: { ...r, occurredAt: r.occurredAt.toISOString() } })),
    clock.now(),
  );
}
