// A customer answers the review's question on the public page (/q/TOKEN). The signed link names
// the row of the customer asked; it takes answers while the review is open and until the question
// expires (30 days). A second answer replaces the first (the customer may correct themselves; the
// evidence shows the latest, with its time). Free text, at most 2,000 characters, never empty.
import { questionAnswerMaxLength } from '../../../contract/learning-review.ts';
import * as store from '../../storage/learning-questions.ts';
import { findRule } from '../../storage/learning-rules.ts';
import { currentReview } from '../../storage/learning-reviews.ts';
import { companyVoice, type CompanyVoice } from '../core/company-profile.ts';
import { KeptError } from '../core/errors.ts';
import { parseLink, verifyLink } from '../signals/links.ts';
import type { SignalDeps } from '../signals/signal-settings.ts';
import { noticeLocale, type NoticeLocale } from './improvement-texts.ts';
import { questionFor } from './question-texts.ts';

export interface QuestionView {
  workspaceId: string;
  askedId: string;
  locale: NoticeLocale;
  rule: string;
  question: string;
  words: string | null;
  answer: string | null;
  answeredAt: Date | null;
  expiresAt: Date;
  /** open: takes answers; closed: the review ended; expired: past expiresAt. */
  state: 'open' | 'closed' | 'expired';
  company: CompanyVoice;
}

const invalidLink = () => new KeptError('not_found', 'This link is not valid', { reason: 'invalid_link' });

/** What the page shows for a token; a bad token (forged, tampered, of nobody) is not_found. */
export async function openQuestion(d: SignalDeps, token: string): Promise<QuestionView> {
  const link = parseLink(token);
  if (!link) throw invalidLink();
  let secret: Buffer;
  try {
    secret = (await d.settings.get(link.workspaceId)).linkSecret;
  } catch {
    throw invalidLink();
  }
  if (!verifyLink(secret, 'review_question', link)) throw invalidLink();
  const ws = link.workspaceId;
  const asked = await store.findAsked(d.db, ws, link.id);
  if (!asked) throw invalidLink();
  const q = await store.findQuestion(d.db, ws, asked.reviewId);
  if (!q) throw invalidLink();
  const rule = await findRule(d.db, ws, q.ruleId);
  const review = await currentReview(d.db, ws, q.ruleId);
  const open = review?.id === asked.reviewId && review.status === 'open';
  const locale = noticeLocale(asked.locale);
  return {
    workspaceId: ws,
    askedId: asked.id,
    locale,
    rule: rule?.name ?? '',
    question: questionFor(q.texts, locale),
    words: asked.words,
    answer: asked.answer,
    answeredAt: asked.answeredAt,
    expiresAt: q.expiresAt,
    state: !open ? 'closed' : d.clock.now().getTime() >= q.expiresAt.getTime() ? 'expired' : 'open',
    company: await companyVoice(d.db, ws),
  };
}

export type AnswerProblem = 'answer_empty' | 'answer_too_long';

/** The answer as stored, or a named invalid_input (answer_empty, answer_too_long). */
export function checkAnswer(raw: string): string {
  const text = raw.trim();
  if (!text) throw new KeptError('invalid_input', 'Write your answer first', { reason: 'answer_empty' });
  if (text.length > questionAnswerMaxLength) {
    throw new KeptError('invalid_input', `The answer is too long: at most ${questionAnswerMaxLength} characters`, {
      reason: 'answer_too_long',
    });
  }
  return text;
}

/**
 * Stores (or replaces) the customer's answer. A closed review is a conflict (review_closed), an
 * expired question gone (question_expired); the row is locked so two posts settle one after the other.
 */
export async function answerQuestion(d: SignalDeps, token: string, raw: string): Promise<QuestionView> {
  const text = checkAnswer(raw);
  const view = await openQuestion(d, token);
  if (view.state === 'closed') throw new KeptError('conflict', 'The review has ended', { reason: 'review_closed' });
  if (view.state === 'expired') throw new KeptError('gone', 'The question has closed', { reason: 'question_expired' });
  const now = d.clock.now();
  await d.db.transaction().execute(async (tx) => {
    await store.findAsked(tx, view.workspaceId, view.askedId, true);
    await store.saveAnswer(tx, view.workspaceId, view.askedId, text, now);
  });
  return { ...view, answer: text, answeredAt: now };
}
