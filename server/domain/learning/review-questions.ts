// The review asks the affected customers for their input (seed 001: "ask them for their input in
// rule design"): one question per review, written by staff (a default offered in en/fr/de), sent
// through the outbox (the guard and unsubscribes apply, framed in the company's voice) once to each
// distinct customer behind the rule's friction, quoting what they said and when. Each answers on a
// public page reached by a signed link (question-answers.ts); the answers join the review's evidence.
import { questionMaxLength, type QuestionInput, type ReviewQuestion } from '../../../contract/learning-review.ts';
import type { Db } from '../../storage/database.ts';
import { customerProfiles } from '../../storage/invitations.ts';
import * as store from '../../storage/learning-questions.ts';
import { currentReview } from '../../storage/learning-reviews.ts';
import { uuidv7 } from '../../lib/ids.ts';
import { companyVoice } from '../core/company-profile.ts';
import { customerWhere } from '../core/customer-text.ts';
import { KeptError, invalidInput, notFound } from '../core/errors.ts';
import type { Principal } from '../core/principal.ts';
import { queueMessageIn } from '../one-voice/outbox.ts';
import { signLink } from '../signals/links.ts';
import type { SignalDeps } from '../signals/signal-settings.ts';
import { isUnsubscribed } from '../signals/unsubscribe.ts';
import { noticeLocale } from './improvement-texts.ts';
import { composeQuestionMail, questionFor } from './question-texts.ts';
import { ruleOf } from './rules.ts';

/** How long a customer's link takes answers (while the review is open). */
export const questionAnswerDays = 30;
/** The answers the evidence shows, latest first. */
const answersShown = 500;

/** The customer's answer page. */
export const questionUrl = (publicUrl: string, linkSecret: Buffer, workspaceId: string, askedId: string) =>
  `${publicUrl}/q/${signLink(linkSecret, 'review_question', workspaceId, askedId)}`;

function checkTexts(input: QuestionInput): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const [locale, raw] of Object.entries(input.texts)) {
    const text = raw?.trim();
    if (!text) continue;
    if (text.length > questionMaxLength) {
      throw new KeptError('invalid_input', `The question is too long: at most ${questionMaxLength} characters`, {
        reason: 'question_too_long',
        problems: [{ path: ['texts', locale], message: `at most ${questionMaxLength} characters (${text.length})` }],
      });
    }
    texts[locale] = text;
  }
  if (!Object.keys(texts).length) {
    throw new KeptError('invalid_input', 'Write the question first', {
      reason: 'question_empty',
      problems: [{ path: ['texts'], message: 'no question in any language' }],
    });
  }
  return texts;
}

function periodOf(input: QuestionInput) {
  const from = input.from ? new Date(input.from) : null;
  const to = input.to ? new Date(input.to) : null;
  if (from && to && to.getTime() <= from.getTime())
    throw invalidInput('The period is not valid', [{ path: ['to'], message: 'is not after from' }]);
  return { from, to };
}

/**
 * Asks every distinct customer behind the rule's friction (in the period, if given) the review's
 * question, in one transaction: the question row (a second one is refused: question_asked), then
 * per customer a row (asked once per review) and the message through the outbox.
 */
export async function askCustomers(d: SignalDeps, p: Principal, ruleId: string, input: QuestionInput): Promise<ReviewQuestion> {
  const texts = checkTexts(input);
  const period = periodOf(input);
  const now = d.clock.now();
  const expiresAt = new Date(now.getTime() + questionAnswerDays * 86_400_000);
  const ws = p.workspaceId;
  const secret = (await d.settings.get(ws)).linkSecret;
  const reviewId = await d.db.transaction().execute(async (tx) => {
    const rule = await ruleOf(tx, ws, ruleId, true);
    const review = await currentReview(tx, ws, ruleId, true);
    if (!review) throw notFound('Review');
    if (review.status !== 'open') {
      throw new KeptError('conflict', 'The review is closed: it asks no more questions', { reason: 'review_closed' });
    }
    const made = await store.insertQuestion(tx, ws, {
      reviewId: review.id,
      ruleId,
      texts,
      periodFrom: period.from,
      periodTo: period.to,
      askedAt: now,
      askedBy: p.userId ?? null,
      expiresAt,
    });
    if (!made) {
      const asked = await store.findQuestion(tx, ws, review.id);
      throw new KeptError('conflict', 'The review has asked its question already; each customer is asked once', {
        reason: 'question_asked',
        askedAt: asked?.askedAt.toISOString(),
      });
    }
    const behind = await store.customersBehindFriction(tx, ws, ruleId, period);
    const profiles = await customerProfiles(
      tx,
      ws,
      behind.map((b) => b.customerId),
    );
    const brand = await companyVoice(tx, ws);
    for (const b of behind) {
      const c = profiles.get(b.customerId);
      const locale = noticeLocale(c?.locale);
      const id = uuidv7(now.getTime());
      if (
        !(await store.claimAsked(tx, ws, { id, reviewId: review.id, customerId: b.customerId, locale, words: b.words, saidAt: b.saidAt }))
      )
        continue;
      if (!c?.email) continue; // stays no_address
      if (await isUnsubscribed(tx, ws, b.customerId)) {
        await store.settleAsked(tx, ws, id, 'unsubscribed', null);
        continue;
      }
      const mail = composeQuestionMail({
        locale,
        where: customerWhere(c, brand),
        rule: rule.name,
        question: questionFor(texts, locale),
        words: b.words,
        saidAt: b.saidAt,
        expiresAt,
        name: c.name,
        url: questionUrl(d.publicUrl, secret, ws, id),
        brand,
      });
      const q = await queueMessageIn(tx, d.clock, ws, {
        customerId: b.customerId,
        kind: 'review_question',
        source: 'kept',
        to: c.email,
        idempotencyKey: `review-question:${review.id}:${b.customerId}`,
        ...mail,
      });
      await store.settleAsked(tx, ws, id, q.status, q.messageId);
    }
    return review.id;
  });
  return (await presentQuestion(d.db, ws, reviewId))!;
}

/** The review's question with its counts and answers, or null when it asked none. */
export async function presentQuestion(db: Db, workspaceId: string, reviewId: string): Promise<ReviewQuestion | null> {
  const q = await store.findQuestion(db, workspaceId, reviewId);
  if (!q) return null;
  const answers = await store.answersOf(db, workspaceId, reviewId, answersShown);
  return {
    texts: q.texts,
    from: q.periodFrom?.toISOString() ?? null,
    to: q.periodTo?.toISOString() ?? null,
    askedAt: q.askedAt.toISOString(),
    askedBy: q.askedBy,
    expiresAt: q.expiresAt.toISOString(),
    counts: await store.questionCounts(db, workspaceId, reviewId),
    answers: answers.map((a) => ({
      customerId: a.customerId,
      locale: a.locale,
      words: a.words,
      answer: a.answer!,
      answeredAt: a.answeredAt!.toISOString(),
    })),
  };
}

/** The answer page of each customer the rule's current review asked (what the mails link to), in the order asked. */
export async function questionLinks(d: SignalDeps, workspaceId: string, ruleId: string): Promise<{ customerId: string; url: string }[]> {
  const review = await currentReview(d.db, workspaceId, ruleId);
  if (!review) return [];
  const secret = (await d.settings.get(workspaceId)).linkSecret;
  return (await store.askedOf(d.db, workspaceId, review.id)).map((a) => ({
    customerId: a.customerId,
    url: questionUrl(d.publicUrl, secret, workspaceId, a.id),
  }));
}
