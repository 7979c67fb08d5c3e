// What a group of answers writes, decided in JavaScript from what the group read: each answer is
// checked on its own (a bad one gets its named error, the others go on), and the new answers,
// changed answers, timeline events, rollup changes, oopses and praise checks of the whole group
// are collected for a few set-based statements. Both ways of storing a group use it: the one
// statement of answer-group.ts and the locked transaction of answer-transaction.ts.
import type { Survey } from '../../../contract/surveys.ts';
import type { AnswerInput } from '../../../contract/answers.ts';
import { uuidv7 } from '../../lib/ids.ts';
import type { AnswerContext } from '../../storage/answer-context.ts';
import type { NewEvent } from '../../storage/events.ts';
import type * as store from '../../storage/responses.ts';
import { segmentOf, utcDay, type RollupChange } from '../../storage/rollup-deltas.ts';
import { KeptError } from '../core/errors.ts';
import type { CompanyVoice } from '../core/company-profile.ts';
import type { OopsReport } from '../recovery/cases.ts';
import { mayPraise } from '../learning/answer-praise.ts';
import { mayName, staffNamesOf } from '../learning/staff-names.ts';
import { answerOops, checkAnswer, refusal, responseEvent } from './answers.ts';
import { chooseLocale, textsFor } from './survey-texts.ts';
import { speakingAs } from './survey-brand.ts';
import { answerEditWindowMs } from './thresholds.ts';

export interface AnswerOutcome {
  responseId: string;
  updated: boolean;
  thankYou: string;
  /** A counted score link (signals/score-links.ts) found the invitation answered already: nothing was stored. */
  skipped?: true;
}

export interface AnswerJob {
  workspaceId: string;
  invitationId: string;
  input: AnswerInput;
  /** A score link being counted: never replaces an answer the customer gave meanwhile. */
  onlyIfUnanswered?: boolean;
}

export type Thresholds = Record<Survey['kind'], number>;

export interface AnswerPlan {
  /** One per job, in order: its outcome once the plan's writes commit, or its own error. */
  outcomes: (AnswerOutcome | Error)[];
  inserts: store.ResponseRecord[];
  updates: ({ id: string } & Parameters<typeof store.updateResponseAnswer>[3])[];
  changes: RollupChange[];
  events: NewEvent[];
  /** A score at or below the workspace's threshold is an oops: it opens (or joins) a recovery case. */
  oopses: (OopsReport & { dedupeKey: string })[];
  /** Answers with a score that is not negative and words that could name someone on the staff: the recovery worker looks for praise in them. */
  praise: string[];
}

/** Plans the answers of one workspace against what was read for them (`ctx`), at `now`. */
export function planAnswers(
  jobs: AnswerJob[],
  ctx: AnswerContext,
  o: { workspaceId: string; now: Date; thresholds: Thresholds; company: CompanyVoice },
): AnswerPlan {
  const { workspaceId, now, thresholds, company } = o;
  const { invitations: invs, surveys, customers: profiles, responses: existing } = ctx;
  const plan: AnswerPlan = { outcomes: [], inserts: [], updates: [], changes: [], events: [], oopses: [], praise: [] };
  const staff = staffNamesOf(ctx.staff);
  /** Words that could praise someone on the staff: the recovery worker looks for praise in them. */
  const maybePraise = (responseId: string, kind: Survey['kind'], score: number, reason: string | null, answers: Record<string, string>) => {
    if (mayPraise({ kind, score, reason, answers }) && mayName(staff, reason, answers)) plan.praise.push(responseId);
  };
  const maybeOops = (survey: Survey, customerId: string, responseId: string, score: number, reason: string | null) => {
    if (score <= thresholds[survey.kind]) plan.oopses.push(answerOops(survey, { customerId, responseId, score, reason, at: now }));
  };
  plan.outcomes = jobs.map((j): AnswerOutcome | Error => {
    const inv = invs.get(j.invitationId);
    const survey = inv && surveys.get(inv.surveyId);
    const old = existing.get(j.invitationId);
    const refused = refusal(inv, survey, old, now);
    if (refused) return refused;
    if (old && j.onlyIfUnanswered) return { responseId: old.id, updated: false, thankYou: '', skipped: true };
    try {
      checkAnswer(survey!, j.input);
    } catch (err) {
      return err as KeptError;
    }
    const customer = profiles.get(inv!.customerId)!;
    const input = j.input;
    const reason = survey!.askReason && input.reason ? input.reason : null;
    const answers = Object.fromEntries(Object.entries(input.answers ?? {}).filter(([, v]) => v !== ''));
    const base = {
      survey: survey!,
      customerId: customer.id,
      reason,
      answers,
      channel: inv!.channel,
      handPicked: inv!.handPicked,
      invitationId: inv!.id,
    };
    const locale = chooseLocale(survey!, [input.locale, inv!.locale, customer.locale]);
    const thankYou = textsFor(speakingAs(survey!, company), locale).thankYou;
    if (old) {
      plan.changes.push({
        surveyId: old.surveyId,
        day: utcDay(old.answeredAt),
        handPicked: old.handPicked,
        segment: old.segment,
        scores: [
          { score: old.score, delta: -1 },
          { score: input.score, delta: 1 },
        ],
      });
      plan.events.push(
        responseEvent('response.updated', {
          ...base,
          responseId: old.id,
          score: input.score,
          at: now,
          key: `response:${old.id}:${now.getTime()}`,
        }),
      );
      plan.updates.push({ id: old.id, score: input.score, reason, answers, locale: input.locale ?? old.locale, updatedAt: now });
      maybeOops(survey!, customer.id, old.id, input.score, reason);
      maybePraise(old.id, survey!.kind, input.score, reason, answers);
      return { responseId: old.id, updated: true, thankYou };
    }
    const id = uuidv7(now.getTime());
    const segment = segmentOf(customer.attributes);
    plan.inserts.push({
      workspaceId,
      id,
      surveyId: survey!.id,
      customerId: customer.id,
      invitationId: inv!.id,
      kind: survey!.kind,
      score: input.score,
      reason,
      answers,
      channel: inv!.channel,
      handPicked: inv!.handPicked,
      locale: input.locale ?? inv!.locale ?? customer.locale,
      segment,
      answeredAt: now,
      receivedAt: now,
      updatedAt: now,
      closesAt: new Date(now.getTime() + answerEditWindowMs),
      source: 'kept',
      idempotencyKey: null,
    });
    plan.changes.push({
      surveyId: survey!.id,
      day: utcDay(now),
      handPicked: inv!.handPicked,
      segment,
      scores: [{ score: input.score, delta: 1 }],
      answeredInvited: 1,
    });
    plan.events.push(responseEvent('response.created', { ...base, responseId: id, score: input.score, at: now, key: `response:${id}` }));
    maybeOops(survey!, customer.id, id, input.score, reason);
    maybePraise(id, survey!.kind, input.score, reason, answers);
    return { responseId: id, updated: false, thankYou };
  });
  return plan;
}
