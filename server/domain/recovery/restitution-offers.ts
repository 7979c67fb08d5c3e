// The customer chooses the restitution (seed 000), the staff's half: a manager or admin offers one
// to three options from a case (what, cost, an optional "wow"), the customer hears of them by mail
// through the outbox with the link to their case page, and an open offer can be withdrawn. The
// offer is the approval: the option the customer picks is recorded as the case's restitution,
// approved by the manager who offered it. The customer's half is restitution-choice.ts.
import { restitutionOfferInputSchema, type RestitutionOffer, type RestitutionOfferInput } from '../../../contract/restitution.ts';
import { activeStaff } from '../../storage/case-assignments.ts';
import { staffNames } from '../../storage/case-messages.ts';
import { stepsOf } from '../../storage/case-steps.ts';
import { findCase, type CaseRecord } from '../../storage/cases.ts';
import type { Db } from '../../storage/database.ts';
import { insertEvents } from '../../storage/events.ts';
import * as store from '../../storage/restitution-offers.ts';
import { isUuid, uuidv7 } from '../../lib/ids.ts';
import { KeptError, invalidInput, notFound } from '../core/errors.ts';
import type { Principal } from '../core/principal.ts';
import { caseEvent } from './case-events.ts';
import { sendToCustomerIn, type PlaybookDeps } from './case-messages.ts';
import { checkOrder } from './playbook.ts';

/** Where an offer fits in the playbook: it asks what would make it right, and its pick is the restitution. */
export function checkOfferFits(taken: { step: string }[]): void {
  const have = new Set(taken.map((t) => t.step));
  if (have.has('restitution')) {
    throw new KeptError('conflict', 'The case has its restitution already', { reason: 'restitution_recorded' });
  }
  checkOrder(have.has('ask') ? 'restitution' : 'ask', taken as { step: 'ask' }[]);
}

/** The approver of an offer: the person making it (a manager or admin), or the one an API token names. */
async function approverOf(tx: Db, p: Principal, approvedBy: string | undefined): Promise<string> {
  if (p.role === 'agent') {
    throw new KeptError('forbidden', 'A restitution is approved by a manager or admin, who makes the offer themselves', {
      problems: [{ path: ['approvedBy'], message: 'only a manager or admin offers a restitution' }],
    });
  }
  let approver = approvedBy;
  if (p.userId) {
    if (approver && approver !== p.userId) {
      throw new KeptError('forbidden', 'You can record only your own approval', {
        problems: [{ path: ['approvedBy'], message: 'must be you (or left out): an approval is the approver’s own action' }],
      });
    }
    approver = p.userId;
  } else if (!approver) {
    throw invalidInput('An offer needs a manager’s approval', [
      { path: ['approvedBy'], message: 'name the manager or admin who approved it' },
    ]);
  }
  const u = isUuid(approver) ? await activeStaff(tx, p.workspaceId, approver) : undefined;
  if (!u)
    throw invalidInput('The person named is not active staff of this workspace', [
      { path: ['approvedBy'], message: 'no such active user' },
    ]);
  if (u.role !== 'manager' && u.role !== 'admin') {
    throw invalidInput(`${u.name || u.email} cannot approve this`, [{ path: ['approvedBy'], message: 'must be a manager or admin' }]);
  }
  return u.id;
}

/** The mail to the customer: the staff's words, the options in words, and the case page to choose on. */
export function offerMessage(message: string | undefined, options: { what: string }[]): string {
  const intro = message ?? 'We want to make this right, and you should choose how.';
  const list = options.map((o, i) => `${i + 1}. ${o.what}`).join('\n');
  return (
    `${intro}\n\n` +
    `${options.length > 1 ? 'Choose the one you prefer' : 'Tell us if this suits you'} on your case page (the link is below):\n\n${list}\n\n` +
    'If something else would make it right, write it there instead.'
  );
}

function withOpenCase<T>(d: PlaybookDeps, p: Principal, caseId: string, act: (tx: Db, c: CaseRecord) => Promise<T>): Promise<T> {
  if (!isUuid(caseId)) throw notFound('The case');
  return d.db.transaction().execute(async (tx) => {
    const c = await findCase(tx, p.workspaceId, caseId, true);
    if (!c) throw notFound('The case');
    if (c.status === 'closed') throw new KeptError('conflict', `Case #${c.number} is closed`, { reason: 'closed' });
    return act(tx, c);
  });
}

/** Offers the customer one to three restitutions to choose from; the customer is told by mail. */
export async function offerRestitution(
  d: PlaybookDeps,
  p: Principal,
  caseId: string,
  raw: RestitutionOfferInput,
): Promise<RestitutionOffer> {
  const parsed = restitutionOfferInputSchema.safeParse(raw);
  if (!parsed.success) {
    throw invalidInput(
      'The offer is not valid',
      parsed.error.issues.map((i) => ({ path: i.path as (string | number)[], message: i.message })),
    );
  }
  const input = parsed.data;
  const now = d.clock.now();
  const id = uuidv7(now.getTime());
  await withOpenCase(d, p, caseId, async (tx, c) => {
    checkOfferFits((await stepsOf(tx, c.workspaceId, [c.id])).get(c.id) ?? []);
    const approvedBy = await approverOf(tx, p, input.approvedBy);
    const options = input.options.map((o) => ({ what: o.what, amount: o.cost, wow: o.wow }));
    const stored = await store.insertOffer(tx, {
      workspaceId: c.workspaceId,
      id,
      caseId: c.id,
      options,
      currency: input.currency,
      message: input.message ?? null,
      offeredBy: p.userId ?? null,
      approvedBy,
      offeredAt: now,
    });
    if (!stored) {
      throw new KeptError('conflict', `Case #${c.number} has an open offer already: withdraw it first`, { reason: 'offer_open' });
    }
    const sent = await sendToCustomerIn(tx, d, c, offerMessage(input.message, options), p.userId ?? null, now);
    await insertEvents(
      tx,
      c.workspaceId,
      [
        caseEvent(c, 'case.restitution_offered', now, {
          offerId: id,
          options: options.map((o) => ({ what: o.what, cost: { amount: o.amount, currency: input.currency }, wow: o.wow })),
          byUserId: p.userId ?? null,
          approvedByUserId: approvedBy,
          emailed: !!sent.mailId,
        }),
      ],
      now,
    );
  });
  return (await listRestitutionOffers(d.db, p.workspaceId, caseId)).find((o) => o.id === id)!;
}

/** Withdraws an open offer: the customer can no longer pick from it. */
export async function withdrawRestitutionOffer(d: PlaybookDeps, p: Principal, caseId: string, offerId: string): Promise<RestitutionOffer> {
  const now = d.clock.now();
  if (!isUuid(offerId)) throw notFound('The offer');
  await withOpenCase(d, p, caseId, async (tx, c) => {
    const o = await store.findOffer(tx, c.workspaceId, c.id, offerId, true);
    if (!o) throw notFound('The offer');
    if (!(await store.closeOffer(tx, c.workspaceId, o.id, { status: 'withdrawn', by: p.userId ?? null, at: now }))) {
      throw new KeptError(
        'conflict',
        o.status === 'withdrawn' ? 'The offer was withdrawn already' : 'The customer has answered this offer already',
        {
          reason: o.status === 'withdrawn' ? 'withdrawn' : 'answered',
        },
      );
    }
    await insertEvents(
      tx,
      c.workspaceId,
      [caseEvent(c, 'case.restitution_withdrawn', now, { offerId: o.id, byUserId: p.userId ?? null })],
      now,
    );
  });
  return (await listRestitutionOffers(d.db, p.workspaceId, caseId)).find((o) => o.id === offerId)!;
}

/** A case's offers for staff, newest first. */
export async function listRestitutionOffers(db: Db, workspaceId: string, caseId: string): Promise<RestitutionOffer[]> {
  const rows = await store.offersOf(db, workspaceId, caseId);
  const names = await staffNames(
    db,
    workspaceId,
    rows.flatMap((r) => [r.offeredBy, r.approvedBy, r.withdrawnBy]),
  );
  const person = (id: string | null) => (id ? { id, name: names.get(id) ?? 'Former staff' } : null);
  return rows.map((r) => ({
    id: r.id,
    caseId: r.caseId,
    status: r.status,
    options: r.options.map((o) => ({ what: o.what, cost: { amount: Number(o.amount), currency: r.currency }, wow: o.wow })),
    message: r.message,
    offeredBy: person(r.offeredBy),
    approvedBy: person(r.approvedBy)!,
    offeredAt: r.offeredAt.toISOString(),
    chosenOption: r.chosenOption,
    somethingElse: r.somethingElse,
    answeredAt: r.answeredAt?.toISOString() ?? null,
    withdrawnBy: person(r.withdrawnBy),
    withdrawnAt: r.withdrawnAt?.toISOString() ?? null,
  }));
}

/** The offers of a case that exists. */
export async function caseRestitutionOffers(db: Db, workspaceId: string, caseId: string): Promise<RestitutionOffer[]> {
  if (!isUuid(caseId) || !(await findCase(db, workspaceId, caseId))) throw notFound('The case');
  return listRestitutionOffers(db, workspaceId, caseId);
}
