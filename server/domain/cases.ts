// Recovery cases. One entry point, reportOops, takes every oops: a bad answer, a complaint, a
// staff report, and later broken promises and contradictions. It opens a case for the customer
// or joins their open one; the case's clock starts at the oops (not when someone noticed it),
// and the clock's points (owner reminded at 50 %, managers at 80 %, breach at 100 %) are jobs in
// graphile-worker's queue, scheduled in the same transaction, so they survive restarts and cost
// work only when they fall due.
import { z } from 'zod';
import type { Case, CaseListQuery, CaseSeverity } from '../../contract/cases.ts';
import type { Db } from '../storage/database.ts';
import { insertEvents } from '../storage/events.ts';
import * as store from '../storage/cases.ts';
import { customerProfiles } from '../storage/invitations.ts';
import { enqueueMail } from '../storage/mails.ts';
import type { CaseOrigin } from '../storage/schema.ts';
import { clockPoints, type BusinessHours } from './case-clock.ts';
import type { Clock } from './clock.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { KeptError, notFound } from './errors.ts';
import { uuidv7 } from './ids.ts';

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

async function settingsOf(db: Db, workspaceId: string, now: Date) {
  const s = await store.readRecoverySettings(db, workspaceId, now);
  if (!s) throw notFound('The workspace');
  return s;
}

/** The clock's points for an oops under the workspace's target and hours. */
export function pointsFor(settings: store.RecoverySettingsRow, oopsAt: Date) {
  return clockPoints(oopsAt, settings.target_hours, (settings.business_hours as BusinessHours | null) ?? null);
}

/** The next point of a case's clock that has not fired yet, or undefined when all have. */
function nextPoint(c: store.CaseRow, points: ReturnType<typeof pointsFor>): Date | undefined {
  if (!c.reminded_at) return points.remind;
  if (!c.escalated_at) return points.escalate;
  if (!c.breached_at) return points.due;
  return undefined;
}

const caseEvent = (
  c: { id: string; customer_id: string; number: number; title: string },
  type: string,
  at: Date,
  data: Record<string, unknown>,
) => ({
  id: uuidv7(at.getTime()),
  customerId: c.customer_id,
  type,
  source: 'kept',
  occurredAt: at,
  idempotencyKey: `case:${c.id}:${type}:${data.level ?? ''}:${at.getTime()}`,
  data: { caseId: c.id, caseNumber: c.number, title: c.title, ...data },
});

/**
 * Reports an oops inside the caller's transaction (so an answer and the case it opens commit
 * together). Opens a case, or joins the customer's open one; an earlier oops moves the clock back.
 */
export async function reportOopsIn(tx: Db, clock: Clock, workspaceId: string, o: OopsReport): Promise<Reported> {
  const now = clock.now();
  if (o.occurredAt.getTime() > now.getTime() + 5 * 60_000) {
    throw new KeptError('invalid_input', 'The oops was not reported', {
      problems: [{ path: ['occurredAt'], message: 'is in the future' }],
    });
  }
  const settings = await settingsOf(tx, workspaceId, now);
  await store.lockCaseCreation(tx, workspaceId);
  if (o.dedupeKey) {
    const seen = await store.findOopsByKey(tx, workspaceId, o.dedupeKey);
    if (seen) return { caseId: seen.case_id, joined: true, duplicate: true };
  }
  const oops = (caseId: string) => ({
    workspace_id: workspaceId,
    id: uuidv7(now.getTime()),
    case_id: caseId,
    kind: o.kind,
    occurred_at: o.occurredAt,
    reported_at: now,
    summary: o.summary,
    ref: JSON.stringify(o.ref ?? {}),
    dedupe_key: o.dedupeKey ?? null,
  });
  const open = await store.findOpenCase(tx, workspaceId, o.customerId);
  if (open) {
    await store.insertOops(tx, oops(open.id));
    if (o.occurredAt < open.oops_at) {
      // The clock starts at the earliest oops the case knows of.
      const points = pointsFor(settings, o.occurredAt);
      await store.updateCase(tx, workspaceId, open.id, { oops_at: o.occurredAt, due_at: points.due });
      const next = nextPoint(open, points);
      if (next) await store.scheduleClock(tx, workspaceId, open.id, next);
    }
    return { caseId: open.id, joined: true, duplicate: false };
  }
  const id = uuidv7(now.getTime());
  const points = pointsFor(settings, o.occurredAt);
  const departmentId = o.departmentId ?? settings.default_department ?? null;
  let ownerId = o.ownerId ?? null;
  let how: 'named' | 'round_robin' | 'unassigned' = ownerId ? 'named' : 'unassigned';
  if (!ownerId && departmentId) {
    ownerId = (await store.rotateOwner(tx, workspaceId, departmentId)) ?? null;
    if (ownerId) how = 'round_robin';
  }
  const row = {
    workspace_id: workspaceId,
    id,
    number: await store.nextCaseNumber(tx, workspaceId),
    customer_id: o.customerId,
    status: 'open' as const,
    origin: o.kind,
    severity: o.severity ?? 'normal',
    title: o.summary.length > 120 ? `${o.summary.slice(0, 117)}...` : o.summary,
    oops_at: o.occurredAt,
    due_at: points.due,
    owner_id: ownerId,
    department_id: departmentId,
    cause_id: null,
    opened_at: now,
  };
  await store.insertCase(tx, row);
  await store.insertOops(tx, oops(id));
  await store.insertAssignment(tx, {
    workspace_id: workspaceId,
    case_id: id,
    at: now,
    owner_id: ownerId,
    department_id: departmentId,
    by_user: o.byUser ?? null,
    how,
  });
  await insertEvents(
    tx,
    workspaceId,
    [
      caseEvent(row, 'case.opened', now, {
        origin: o.kind,
        severity: row.severity,
        oopsAt: o.occurredAt.toISOString(),
        dueAt: points.due.toISOString(),
        ownerId,
        departmentId,
      }),
    ],
    now,
  );
  // A late report may already be past some points: the worker fires those at once, in order.
  await store.scheduleClock(tx, workspaceId, id, points.remind);
  return { caseId: id, joined: false, duplicate: false };
}

export async function reportOops(d: CaseDeps, workspaceId: string, o: OopsReport): Promise<Reported> {
  return d.db.transaction().execute((tx) => reportOopsIn(tx, d.clock, workspaceId, o));
}

/** The oops thresholds of answers: at or below them an answer opens a case. */
export async function answerThresholds(db: Db, workspaceId: string, now: Date): Promise<Record<'nps' | 'csat' | 'ces', number>> {
  const s = await settingsOf(db, workspaceId, now);
  return { nps: s.nps_max, csat: s.csat_max, ces: s.ces_max };
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
    const settings = await settingsOf(tx, workspaceId, now);
    const points = pointsFor(settings, c.oops_at);
    const fired: string[] = [];
    const delaysMs: number[] = [];
    const notify = async (kind: 'case_reminder' | 'case_escalation' | 'case_breach', userIds: string[], subject: string, text: string) => {
      for (const u of await store.staffEmails(tx, workspaceId, userIds)) {
        await enqueueMail(
          tx,
          workspaceId,
          { customerId: null, invitationId: null, kind, to: u.email, subject, html: `<p>${escape(text)}</p>`, text, headers: {} },
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
    if (next) await store.scheduleClock(tx, workspaceId, c.id, next);
    return { fired, next, delaysMs };
  });
}

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export async function getCase(db: Db, workspaceId: string, id: string): Promise<Case> {
  if (!z.uuid().safeParse(id).success) throw notFound('The case');
  const row = await store.findCaseRow(db, workspaceId, id);
  if (!row) throw notFound('The case');
  return (await present(db, workspaceId, [row]))[0]!;
}

async function present(db: Db, workspaceId: string, rows: store.CaseRow[]): Promise<Case[]> {
  const now = new Date();
  const settings = await settingsOf(db, workspaceId, now);
  const oopses = await store.oopsesOf(
    db,
    workspaceId,
    rows.map((r) => r.id),
  );
  const customers = await customerProfiles(
    db,
    workspaceId,
    rows.map((r) => r.customer_id),
  );
  return rows.map((r) => {
    const p = pointsFor(settings, r.oops_at);
    const c = customers.get(r.customer_id);
    return {
      id: r.id,
      number: Number(r.number),
      customerId: r.customer_id,
      customer: { name: c?.name ?? null, email: c?.email ?? null, externalId: c?.external_id ?? null },
      status: r.status,
      origin: r.origin,
      severity: r.severity,
      title: r.title,
      oopsAt: r.oops_at.toISOString(),
      remindAt: p.remind.toISOString(),
      escalateAt: p.escalate.toISOString(),
      dueAt: r.due_at.toISOString(),
      ownerId: r.owner_id,
      departmentId: r.department_id,
      causeId: r.cause_id,
      openedAt: r.opened_at.toISOString(),
      remindedAt: r.reminded_at?.toISOString() ?? null,
      escalatedAt: r.escalated_at?.toISOString() ?? null,
      breachedAt: r.breached_at?.toISOString() ?? null,
      closedAt: r.closed_at?.toISOString() ?? null,
      oopses: (oopses.get(r.id) ?? []).map((x) => ({
        id: x.id,
        kind: x.kind,
        occurredAt: x.occurred_at.toISOString(),
        reportedAt: x.reported_at.toISOString(),
        summary: x.summary,
        ref: x.ref,
      })),
    };
  });
}

/** The inbox: open cases soonest due first (closed ones newest first), keyset-paged. */
export async function listCases(db: Db, workspaceId: string, userId: string | undefined, q: CaseListQuery) {
  const after = q.cursor ? decodeCursor(q.cursor, z.object({ at: z.iso.datetime(), id: z.uuid() })) : undefined;
  const rows = await store.listCaseRows(db, workspaceId, {
    status: q.status,
    ownerId: q.mine ? (userId ?? '00000000-0000-0000-0000-000000000000') : undefined,
    departmentId: q.departmentId,
    origin: q.origin,
    breached: q.breached,
    limit: q.limit + 1,
    after: after && { at: new Date(after.at), id: after.id },
  });
  const page = rows.slice(0, q.limit);
  const last = rows.length > q.limit ? page.at(-1)! : undefined;
  return {
    items: await present(db, workspaceId, page),
    nextCursor: last ? encodeCursor({ at: (q.status === 'open' ? last.due_at : last.opened_at).toISOString(), id: last.id }) : null,
  };
}

const reportSchema = z.object({
  kind: z.enum(['survey', 'complaint', 'manual', 'proactive', 'commitment', 'contradiction']),
  customerId: z.uuid(),
  occurredAt: z.iso.datetime(),
  summary: z.string(),
  severity: z.enum(['low', 'normal', 'high', 'critical']).optional(),
  ref: z.record(z.string(), z.unknown()).optional(),
  dedupeKey: z.string(),
  departmentId: z.uuid().nullable().optional(),
});

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

/** The recovery worker's side of queueOopsReports. */
export async function reportQueuedOops(d: CaseDeps, payload: unknown): Promise<Reported> {
  const p = z.object({ workspaceId: z.uuid(), report: reportSchema }).parse(payload);
  return reportOops(d, p.workspaceId, { ...p.report, occurredAt: new Date(p.report.occurredAt) });
}
