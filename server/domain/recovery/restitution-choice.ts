// The customer chooses the restitution (seed 000), the customer's half: on their case page they
// pick one of the options offered or write what else would make it right. The answer closes the
// offer (of two concurrent answers exactly one wins: the case row is locked and the offer changes
// only while open), is recorded on the playbook (the "ask what would make it right" step, and for
// a pick the restitution with its cost, approved by the manager who offered it, where the order of
// the playbook allows), lands on the timeline, and the case's owner is told by mail.
import type { StepName } from '../../../contract/playbook.ts';
import { staffEmails } from '../../storage/case-assignments.ts';
import { insertStep, stepsOf, type CaseStep } from '../../storage/case-steps.ts';
import { findCase, type CaseRecord } from '../../storage/cases.ts';
import type { Db } from '../../storage/database.ts';
import { insertEvents } from '../../storage/events.ts';
import { enqueueMail } from '../../storage/mails.ts';
import * as store from '../../storage/restitution-offers.ts';
import { isUuid } from '../../lib/ids.ts';
import { KeptError, invalidInput, notFound } from '../core/errors.ts';
import { escapeHtml } from '../one-voice/mails.ts';
import { caseEvent } from './case-events.ts';
import { caseFromLink, type PlaybookDeps } from './case-messages.ts';
import { checkOrder } from './playbook.ts';

/** The longest "something else" a customer may write (the ask step's answer holds as much). */
export const somethingElseMaxLength = 2000;

export interface CustomerRestitution {
  /** The offer waiting for the customer's answer, if any; the cost is the company's business. */
  open: { id: string; message: string | null; options: { what: string }[]; offeredAt: Date } | null;
  /** Offers the customer answered, newest first. */
  answered: { at: Date; chose: string | null; somethingElse: string | null }[];
}

/** What the customer's page shows of the offers: none while the case is closed. */
export async function customerRestitution(db: Db, c: CaseRecord): Promise<CustomerRestitution> {
  const offers = await store.offersOf(db, c.workspaceId, c.id);
  const open = c.status === 'open' ? offers.find((o) => o.status === 'open') : undefined;
  return {
    open: open
      ? { id: open.id, message: open.message, options: open.options.map((o) => ({ what: o.what })), offeredAt: open.offeredAt }
      : null,
    answered: offers
      .filter((o) => o.status === 'chosen' || o.status === 'something_else')
      .map((o) => ({
        at: o.answeredAt!,
        chose: o.chosenOption != null ? (o.options[o.chosenOption]?.what ?? null) : null,
        somethingElse: o.somethingElse,
      })),
  };
}

export type CustomerAnswer = { option: number } | { somethingElse: string };

/** Why an answer was refused, for the page that explains it. */
export type RefusalReason = 'answered' | 'withdrawn' | 'closed';

function refuse(reason: RefusalReason, message: string, extra: Record<string, unknown> = {}): KeptError {
  return new KeptError('conflict', message, { reason, ...extra });
}

/** True when the playbook's order lets `step` be recorded now. */
function fits(step: StepName, taken: CaseStep[]): boolean {
  if (taken.some((t) => t.step === step)) return false;
  try {
    checkOrder(step, taken);
    return true;
  } catch {
    return false;
  }
}

/** The customer's answer to an offer, through the case's signed link. */
export async function answerRestitutionOffer(d: PlaybookDeps, token: string, offerId: string, answer: CustomerAnswer): Promise<void> {
  const text = 'somethingElse' in answer ? answer.somethingElse.trim() : '';
  if ('somethingElse' in answer) {
    if (!text) throw invalidInput('Write what would make it right first', [{ path: ['somethingElse'], message: 'is empty' }]);
    if (text.length > somethingElseMaxLength) {
      throw invalidInput('That is too long', [{ path: ['somethingElse'], message: `at most ${somethingElseMaxLength} characters` }]);
    }
  }
  const linked = await caseFromLink(d, token);
  if (!isUuid(offerId)) throw notFound('The offer');
  const now = d.clock.now();
  await d.db.transaction().execute(async (tx) => {
    const c = (await findCase(tx, linked.workspaceId, linked.id, true))!;
    const o = await store.findOffer(tx, c.workspaceId, c.id, offerId, true);
    if (!o) throw notFound('The offer');
    if (o.status === 'withdrawn') throw refuse('withdrawn', 'This offer was withdrawn', { withdrawnAt: o.withdrawnAt?.toISOString() });
    if (o.status !== 'open') {
      const chose = o.chosenOption != null ? (o.options[o.chosenOption]?.what ?? null) : null;
      throw refuse('answered', 'You have answered this offer already', {
        chose,
        somethingElse: o.somethingElse,
        answeredAt: o.answeredAt?.toISOString(),
      });
    }
    if (c.status === 'closed') throw refuse('closed', `Case #${c.number} is closed`);
    const option = 'option' in answer ? o.options[answer.option] : undefined;
    if ('option' in answer && !option)
      throw invalidInput('No such option', [{ path: ['option'], message: `choose 1 to ${o.options.length}` }]);
    const closed = await store.closeOffer(
      tx,
      c.workspaceId,
      o.id,
      option
        ? { status: 'chosen', chosenOption: (answer as { option: number }).option, at: now }
        : { status: 'something_else', somethingElse: text, at: now },
    );
    if (!closed) throw refuse('answered', 'You have answered this offer already');

    const taken = (await stepsOf(tx, c.workspaceId, [c.id])).get(c.id) ?? [];
    const recorded: StepName[] = [];
    const base = { workspaceId: c.workspaceId, caseId: c.id, status: 'done' as const, byUser: null, at: now };
    if (fits('ask', taken)) {
      const question = `Which would make it right? ${o.options.map((x, i) => `${i + 1}. ${x.what}`).join(' ')}`;
      await insertStep(tx, {
        ...base,
        step: 'ask',
        data: { question, answer: option ? option.what : text, offerId: o.id, byCustomer: true },
      });
      taken.push({ ...base, step: 'ask', data: {}, skipReason: null, costAmount: null, costCurrency: null, approvedBy: null });
      recorded.push('ask');
    }
    if (option && fits('restitution', taken)) {
      await insertStep(tx, {
        ...base,
        step: 'restitution',
        data: { what: option.what, wow: option.wow ? option.what : null, offerId: o.id, chosenByCustomer: true },
        cost: { amount: Number(option.amount), currency: o.currency, approvedBy: o.approvedBy },
      });
      recorded.push('restitution');
    }
    const chosen = option
      ? caseEvent(c, 'case.restitution_chosen', now, {
          offerId: o.id,
          option: (answer as { option: number }).option,
          what: option.what,
          cost: { amount: Number(option.amount), currency: o.currency },
          wow: option.wow,
          stepsRecorded: recorded,
        })
      : caseEvent(c, 'case.restitution_something_else', now, { offerId: o.id, text, stepsRecorded: recorded });
    const steps = recorded.map((step) => caseEvent(c, 'case.step_completed', now, { step, byUserId: null, byCustomer: true }));
    await insertEvents(tx, c.workspaceId, [chosen, ...steps], now);
    await tellOwner(tx, c, o, option ? `chose: ${option.what}` : `wrote what else would make it right: ${text}`, now);
  });
}

/** The owner hears of the answer by mail; a case without an owner tells the manager who offered. */
async function tellOwner(tx: Db, c: CaseRecord, o: store.RestitutionOfferRecord, what: string, now: Date): Promise<void> {
  const to = c.ownerId ?? o.approvedBy;
  for (const u of await staffEmails(tx, c.workspaceId, [to])) {
    const subject = `The customer answered the restitution offer on case #${c.number} (${c.title})`;
    await enqueueMail(
      tx,
      c.workspaceId,
      {
        customerId: null,
        invitationId: null,
        kind: 'case_restitution_answer',
        to: u.email,
        subject,
        html: `<p>${escapeHtml(subject)}. The customer ${escapeHtml(what)}</p>`,
        text: `${subject}. The customer ${what}\n`,
        headers: {},
      },
      now,
    );
  }
}

/** The offers part of the customer's page, through the case's signed link. */
export async function restitutionByLink(d: PlaybookDeps, token: string): Promise<CustomerRestitution> {
  return customerRestitution(d.db, await caseFromLink(d, token));
}
