// What happens to a commitment after it is made: kept, renegotiated to a time the customer
// agreed to, or broken by its clock at the due time. Breaking is an oops: reportOopsIn, in the
// same transaction, opens a recovery case or joins the customer's open one, with its clock at the
// due time. A keep or renegotiation that finds the due time passed before the clock's job ran
// breaks the commitment then, and is refused.
import type { RenegotiateInput } from '../../../contract/commitments.ts';
import { findCase } from '../../storage/cases.ts';
import * as store from '../../storage/commitments.ts';
import type { Db } from '../../storage/database.ts';
import { insertEvents } from '../../storage/events.ts';
import { reportOopsIn } from '../recovery/cases.ts';
import { change, dueProblem, timelineEvent, type Actor, type CommitmentDeps } from './commitments.ts';
import { invalidInput, KeptError, notFound } from '../core/errors.ts';
import { tellCustomerIn } from './commitment-notices.ts';
import { isUuid, uuidv7 } from '../../lib/ids.ts';
import { trimAtWord } from '../core/customer-text.ts';

/** The due time in a case's summary, in words: "5 December 2026 at 09:38" (UTC). Made at first use (see whenInWords in one-voice/guard.ts). */
let dueFormat: Intl.DateTimeFormat | undefined;
const dueInWords = (d: Date) =>
  (dueFormat ??= new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' })).format(d);

/**
 * Breaks an open commitment whose due time has passed, in the caller's transaction: history,
 * `commitment.broken` at the due time, and the oops (occurred at the due time, counted once).
 */
async function breakIn(tx: Db, d: CommitmentDeps, c: store.CommitmentRecord): Promise<string> {
  const clock = d.clock;
  const now = clock.now();
  const ws = c.workspaceId;
  // Made before the case's own events, so the timeline shows the broken promise before case.opened.
  const eventId = uuidv7(now.getTime());
  await store.updateCommitment(tx, ws, c.id, { status: 'broken', brokenAt: c.dueAt });
  await store.insertChange(tx, change(c, 'broken', c.dueAt, now, { userId: null, tokenId: null }));
  const what = trimAtWord(c.what, 150);
  const oops = await reportOopsIn(tx, clock, ws, {
    kind: 'commitment',
    customerId: c.customerId,
    occurredAt: c.dueAt,
    summary: `Broken promise: ${what} (due ${dueInWords(c.dueAt)} UTC)`,
    ref: { commitmentId: c.id },
    dedupeKey: `commitment:${c.id}`,
    departmentId: c.departmentId,
    ownerId: c.ownerId,
  });
  await store.updateCommitment(tx, ws, c.id, { oopsCaseId: oops.caseId });
  const kase = await findCase(tx, ws, oops.caseId);
  const data = {
    dueAt: c.dueAt.toISOString(),
    firstDueAt: c.firstDueAt.toISOString(),
    caseId: oops.caseId,
    caseNumber: kase ? kase.number : null,
    joinedCase: oops.joined,
  };
  await insertEvents(tx, ws, [{ ...timelineEvent(c, 'commitment.broken', c.dueAt, data), id: eventId }], now);
  await tellCustomerIn(tx, d, c, 'missed', oops.caseId);
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
    if (c.dueAt.getTime() > d.clock.now().getTime()) {
      // Run early (a renegotiation moved the time while this job was running): wait for the due time.
      await store.scheduleCommitmentClock(tx, workspaceId, id, c.dueAt);
      return { broken: false };
    }
    return { broken: true, caseId: await breakIn(tx, d, c) };
  });
}

function refuseResolved(c: store.CommitmentRecord): void {
  if (c.status === 'kept') {
    throw new KeptError('conflict', `The commitment was kept already, at ${c.keptAt!.toISOString()}`, {
      status: 'kept',
      keptAt: c.keptAt!.toISOString(),
    });
  }
  if (c.status === 'broken') throw brokenConflict(c);
}

const brokenConflict = (c: store.CommitmentRecord) =>
  new KeptError(
    'conflict',
    `The commitment was broken at its due time, ${c.dueAt.toISOString()}: a broken promise cannot be kept or renegotiated. Its recovery case is where to make it right.`,
    { status: 'broken', brokenAt: c.dueAt.toISOString(), caseId: c.oopsCaseId },
  );

/**
 * Runs a change on an open commitment in one transaction. One found past its due time that the
 * clock has not broken yet (its job is moments away) is broken now, and the change refused.
 */
async function changeOpen(d: CommitmentDeps, workspaceId: string, id: string, apply: (tx: Db, c: store.CommitmentRecord) => Promise<void>) {
  if (!isUuid(id)) throw notFound('The commitment');
  const now = d.clock.now();
  const late = await d.db.transaction().execute(async (tx) => {
    const c = await store.findCommitment(tx, workspaceId, id, true);
    if (!c) throw notFound('The commitment');
    refuseResolved(c);
    if (c.dueAt.getTime() < now.getTime()) {
      const caseId = await breakIn(tx, d, c);
      return { ...c, oopsCaseId: caseId };
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
    await store.updateCommitment(tx, workspaceId, id, { status: 'kept', keptAt: now, keptByUser: by.userId, keptByToken: by.tokenId });
    await store.insertChange(tx, change(c, 'kept', now, now, by, { note }));
    const onTime = now.getTime() <= c.firstDueAt.getTime();
    await insertEvents(
      tx,
      workspaceId,
      [
        timelineEvent(c, 'commitment.kept', now, {
          dueAt: c.dueAt.toISOString(),
          onTime,
          renegotiations: c.renegotiations,
          note: note ?? null,
        }),
      ],
      now,
    );
    await store.cancelCommitmentClock(tx, id);
    await tellCustomerIn(tx, d, { ...c, status: 'kept', keptAt: now }, 'kept', c.caseId);
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
    if (newDueAt.getTime() === c.dueAt.getTime()) {
      throw invalidInput('The commitment was not renegotiated', [{ path: ['newDueAt'], message: 'is the due time already' }]);
    }
    await store.updateCommitment(tx, workspaceId, id, { status: 'renegotiated', dueAt: newDueAt, renegotiations: c.renegotiations + 1 });
    await store.insertChange(
      tx,
      change({ ...c, dueAt: newDueAt }, 'renegotiated', now, now, by, { previousDueAt: c.dueAt, note: input.note }),
    );
    await insertEvents(
      tx,
      workspaceId,
      [
        timelineEvent(c, 'commitment.renegotiated', now, {
          previousDueAt: c.dueAt.toISOString(),
          dueAt: newDueAt.toISOString(),
          note: input.note,
        }),
      ],
      now,
    );
    await store.scheduleCommitmentClock(tx, workspaceId, id, newDueAt);
  });
}
