// Commitments: promises made to customers. Making, keeping and renegotiating one, and breaking it
// when its due time passes. Each change is a row in its history and an event on the customer's
// timeline, in one transaction. The clock is a graphile-worker job at the due time, added in the
// same transaction that makes or renegotiates the commitment (so it survives restarts; a due time
// that passed while Kept was down breaks at once after start), removed when it is kept. A broken
// commitment is an oops: reportOopsIn opens a recovery case, or joins the customer's open one,
// whose clock starts at the due time.
import type { CommitmentInput, CommitmentMade, RenegotiateInput } from '../../contract/commitments.ts';
import { maxCommitmentDays } from '../../contract/commitments.ts';
import { findCaseRow } from '../storage/cases.ts';
import * as store from '../storage/commitments.ts';
import { findCustomer, resolveCustomers } from '../storage/customers.ts';
import type { Db } from '../storage/database.ts';
import { findDepartment } from '../storage/departments.ts';
import { insertEvents } from '../storage/events.ts';
import { findUser } from '../storage/staff.ts';
import { reportOopsIn } from './cases.ts';
import type { Clock } from './clock.ts';
import { presentCommitments, suggestCommitment } from './commitment-ledger.ts';
import { warningsFor } from './commitment-stats.ts';
import { invalidInput, KeptError, notFound, type FieldProblem } from './errors.ts';
import { isUuid, uuidv7 } from './ids.ts';

export interface CommitmentDeps {
  db: Db;
  clock: Clock;
}

/** Who acts: a person, another system (its API token), or neither (Kept's own clock). */
export interface Actor {
  userId: string | null;
  tokenId: string | null;
}

const dayMs = 86_400_000;

function dueProblem(field: string, due: Date, now: Date): FieldProblem | undefined {
  if (due.getTime() <= now.getTime()) return { path: [field], message: 'is not in the future' };
  if (due.getTime() > now.getTime() + maxCommitmentDays * dayMs)
    return { path: [field], message: `is more than ${maxCommitmentDays} days ahead` };
  return undefined;
}

const timelineEvent = (c: store.CommitmentRow, type: string, at: Date, data: Record<string, unknown>) => ({
  id: uuidv7(at.getTime()),
  customerId: c.customer_id,
  type,
  source: 'kept',
  occurredAt: at,
  idempotencyKey: `commitment:${c.id}:${type}:${at.getTime()}`,
  data: { commitmentId: c.id, what: c.what, kind: c.kind, ...data },
});

/** Checks the names in the input against the workspace: problems for the fields, never a write. */
async function checkReferences(tx: Db, workspaceId: string, input: CommitmentInput) {
  const problems: FieldProblem[] = [];
  if (input.ownerId) {
    const u = await findUser(tx, workspaceId, input.ownerId);
    if (!u || u.disabled_at) problems.push({ path: ['ownerId'], message: 'no such active person in this workspace' });
  }
  if (input.departmentId && !(await findDepartment(tx, workspaceId, input.departmentId))) {
    problems.push({ path: ['departmentId'], message: 'no such department in this workspace' });
  }
  const kase = input.caseId ? await findCaseRow(tx, workspaceId, input.caseId) : undefined;
  if (input.caseId && !kase) problems.push({ path: ['caseId'], message: 'no such case in this workspace' });
  if (problems.length) throw invalidInput('The commitment was not made', problems);
  return kase;
}

/**
 * Makes a commitment: one transaction stores it, its history and `commitment.made`, and adds its
 * clock. Answers with what the team achieved for similar promises and a warning when it is due
 * sooner than they keep 90 % of them (a warning, never a refusal).
 */
export async function makeCommitment(d: CommitmentDeps, workspaceId: string, by: Actor, input: CommitmentInput): Promise<CommitmentMade> {
  const now = d.clock.now();
  const via = by.tokenId ? ('system' as const) : input.caseId ? ('case' as const) : ('staff' as const);
  const source = input.source ?? (via === 'system' ? 'api' : 'kept');
  const key = input.idempotencyKey ?? null;
  const answer = async (id: string, duplicate: boolean): Promise<CommitmentMade> => {
    const [commitment] = await presentCommitments(d.db, workspaceId, [id]);
    const suggestion = await suggestCommitment(d, workspaceId, commitment!.kind, commitment!.departmentId ?? undefined);
    const dueIn = new Date(commitment!.dueAt).getTime() - now.getTime();
    return { commitment: commitment!, suggestion, warnings: duplicate ? [] : warningsFor(suggestion, dueIn), duplicate };
  };
  if (key) {
    const seen = await store.findCommitmentByKey(d.db, workspaceId, source, key);
    if (seen) return answer(seen.id, true);
  }
  const dueAt = new Date(input.dueAt);
  const problem = dueProblem('dueAt', dueAt, now);
  if (problem) throw invalidInput('The commitment was not made', [problem]);
  const id = uuidv7(now.getTime());
  const made = await d.db.transaction().execute(async (tx) => {
    const kase = await checkReferences(tx, workspaceId, input);
    let customerId: string;
    if (input.customerId) {
      if (!(await findCustomer(tx, workspaceId, input.customerId))) throw notFound('Customer');
      customerId = input.customerId;
    } else if (input.customer) customerId = (await resolveCustomers(tx, workspaceId, [input.customer], now))[0]!;
    else customerId = kase!.customer_id;
    if (kase && kase.customer_id !== customerId) {
      throw invalidInput('The commitment was not made', [{ path: ['caseId'], message: 'is the case of another customer' }]);
    }
    const row = {
      workspace_id: workspaceId,
      id,
      customer_id: customerId,
      what: input.what,
      kind: input.kind,
      status: 'open' as const,
      made_at: now,
      first_due_at: dueAt,
      due_at: dueAt,
      owner_id: input.ownerId ?? by.userId,
      department_id: input.departmentId ?? null,
      case_id: input.caseId ?? null,
      made_via: via,
      made_by_user: by.userId,
      made_by_token: by.tokenId,
      source,
      idempotency_key: key,
      kept_at: null,
      kept_by_user: null,
      kept_by_token: null,
      broken_at: null,
      oops_case_id: null,
    };
    if (!(await store.insertCommitment(tx, row))) return false; // a concurrent repeat of the same key won
    await store.insertChange(tx, change(row, 'made', now, now, by));
    await insertEvents(
      tx,
      workspaceId,
      [
        timelineEvent({ ...row, renegotiations: 0 }, 'commitment.made', now, {
          dueAt: dueAt.toISOString(),
          caseId: row.case_id,
          ownerId: row.owner_id,
        }),
      ],
      now,
    );
    await store.scheduleCommitmentClock(tx, workspaceId, id, dueAt);
    return true;
  });
  if (made) return answer(id, false);
  return answer((await store.findCommitmentByKey(d.db, workspaceId, source, key!))!.id, true);
}

function change(
  c: Pick<store.CommitmentRow, 'workspace_id' | 'id' | 'due_at'>,
  kind: 'made' | 'renegotiated' | 'kept' | 'broken',
  at: Date,
  recordedAt: Date,
  by: Actor,
  extra: { previous_due_at?: Date; note?: string | null } = {},
) {
  return {
    workspace_id: c.workspace_id,
    commitment_id: c.id,
    id: uuidv7(recordedAt.getTime()),
    change: kind,
    at,
    recorded_at: recordedAt,
    due_at: c.due_at,
    previous_due_at: extra.previous_due_at ?? null,
    by_user: by.userId,
    by_token: by.tokenId,
    note: extra.note ?? null,
  };
}

/**
 * Breaks an open commitment whose due time has passed, in the caller's transaction: history,
 * `commitment.broken` at the due time, and the oops (occurred at the due time, counted once).
 */
async function breakIn(tx: Db, clock: Clock, c: store.CommitmentRow): Promise<string> {
  const now = clock.now();
  const ws = c.workspace_id;
  // Made before the case's own events, so the timeline shows the broken promise before case.opened.
  const eventId = uuidv7(now.getTime());
  await store.updateCommitment(tx, ws, c.id, { status: 'broken', broken_at: c.due_at });
  await store.insertChange(tx, change(c, 'broken', c.due_at, now, { userId: null, tokenId: null }));
  const what = c.what.length > 150 ? `${c.what.slice(0, 147)}...` : c.what;
  const oops = await reportOopsIn(tx, clock, ws, {
    kind: 'commitment',
    customerId: c.customer_id,
    occurredAt: c.due_at,
    summary: `Broken promise: ${what} (due ${c.due_at.toISOString()})`,
    ref: { commitmentId: c.id },
    dedupeKey: `commitment:${c.id}`,
    departmentId: c.department_id,
    ownerId: c.owner_id,
  });
  await store.updateCommitment(tx, ws, c.id, { oops_case_id: oops.caseId });
  const kase = await findCaseRow(tx, ws, oops.caseId);
  const data = {
    dueAt: c.due_at.toISOString(),
    firstDueAt: c.first_due_at.toISOString(),
    caseId: oops.caseId,
    caseNumber: kase ? Number(kase.number) : null,
    joinedCase: oops.joined,
  };
  await insertEvents(tx, ws, [{ ...timelineEvent(c, 'commitment.broken', c.due_at, data), id: eventId }], now);
  return oops.caseId;
}

/** The clock's job: breaks the commitment if it is still open and due. Harmless otherwise. */
export async function breakDueCommitment(
  d: CommitmentDeps,
  workspaceId: string,
  id: string,
): Promise<{ broken: boolean; caseId?: string }> {
  return d.db.transaction().execute(async (tx) => {
    const c = await store.findCommitment(tx, workspaceId, id, true);
    if (!c || (c.status !== 'open' && c.status !== 'renegotiated')) return { broken: false };
    if (c.due_at.getTime() > d.clock.now().getTime()) {
      // Run early (a renegotiation moved the time while this job was running): wait for the due time.
      await store.scheduleCommitmentClock(tx, workspaceId, id, c.due_at);
      return { broken: false };
    }
    return { broken: true, caseId: await breakIn(tx, d.clock, c) };
  });
}

function refuseResolved(c: store.CommitmentRow): void {
  if (c.status === 'kept') {
    throw new KeptError('conflict', `The commitment was kept already, at ${c.kept_at!.toISOString()}`, {
      status: 'kept',
      keptAt: c.kept_at!.toISOString(),
    });
  }
  if (c.status === 'broken') throw brokenConflict(c);
}

const brokenConflict = (c: store.CommitmentRow) =>
  new KeptError(
    'conflict',
    `The commitment was broken at its due time, ${c.due_at.toISOString()}: a broken promise cannot be kept or renegotiated. Its recovery case is where to make it right.`,
    { status: 'broken', brokenAt: c.due_at.toISOString(), caseId: c.oops_case_id },
  );

/**
 * Runs a change on an open commitment in one transaction. One found past its due time that the
 * clock has not broken yet (its job is moments away) is broken now, and the change refused.
 */
async function changeOpen(d: CommitmentDeps, workspaceId: string, id: string, apply: (tx: Db, c: store.CommitmentRow) => Promise<void>) {
  if (!isUuid(id)) throw notFound('The commitment');
  const now = d.clock.now();
  const late = await d.db.transaction().execute(async (tx) => {
    const c = await store.findCommitment(tx, workspaceId, id, true);
    if (!c) throw notFound('The commitment');
    refuseResolved(c);
    if (c.due_at.getTime() < now.getTime()) {
      const caseId = await breakIn(tx, d.clock, c);
      return { ...c, oops_case_id: caseId };
    }
    await apply(tx, c);
    return undefined;
  });
  if (late) throw brokenConflict(late);
}

/** Keeps an open (or renegotiated) commitment, at or before its due time; its clock is removed. */
export async function keepCommitment(d: CommitmentDeps, workspaceId: string, id: string, by: Actor, note?: string): Promise<void> {
  const now = d.clock.now();
  await changeOpen(d, workspaceId, id, async (tx, c) => {
    await store.updateCommitment(tx, workspaceId, id, { status: 'kept', kept_at: now, kept_by_user: by.userId, kept_by_token: by.tokenId });
    await store.insertChange(tx, change(c, 'kept', now, now, by, { note }));
    const onTime = now.getTime() <= c.first_due_at.getTime();
    await insertEvents(
      tx,
      workspaceId,
      [
        timelineEvent(c, 'commitment.kept', now, {
          dueAt: c.due_at.toISOString(),
          onTime,
          renegotiations: c.renegotiations,
          note: note ?? null,
        }),
      ],
      now,
    );
    await store.cancelCommitmentClock(tx, id);
  });
}

/** The customer agreed to a new time: the due time moves (the old one stays in the history), and so does the clock. */
export async function renegotiateCommitment(
  d: CommitmentDeps,
  workspaceId: string,
  id: string,
  by: Actor,
  input: RenegotiateInput,
): Promise<void> {
  const now = d.clock.now();
  const newDueAt = new Date(input.newDueAt);
  const problem = dueProblem('newDueAt', newDueAt, now);
  if (problem) throw invalidInput('The commitment was not renegotiated', [problem]);
  await changeOpen(d, workspaceId, id, async (tx, c) => {
    if (newDueAt.getTime() === c.due_at.getTime()) {
      throw invalidInput('The commitment was not renegotiated', [{ path: ['newDueAt'], message: 'is the due time already' }]);
    }
    await store.updateCommitment(tx, workspaceId, id, { status: 'renegotiated', due_at: newDueAt, renegotiations: c.renegotiations + 1 });
    await store.insertChange(
      tx,
      change({ ...c, due_at: newDueAt }, 'renegotiated', now, now, by, { previous_due_at: c.due_at, note: input.note }),
    );
    await insertEvents(
      tx,
      workspaceId,
      [
        timelineEvent(c, 'commitment.renegotiated', now, {
          previousDueAt: c.due_at.toISOString(),
          dueAt: newDueAt.toISOString(),
          note: input.note,
        }),
      ],
      now,
    );
    await store.scheduleCommitmentClock(tx, workspaceId, id, newDueAt);
  });
}
