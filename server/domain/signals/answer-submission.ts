// Submitting an answer from the answer page or the widget: checked, stored (or replacing the
// customer's earlier one within the edit window) with its timeline event, rollup change and, for
// a low score, the oops that opens a recovery case, all in one transaction. Concurrent answers
// share that transaction (group commit).
import type { Survey } from '../../../contract/surveys.ts';
import type { AnswerInput } from '../../../contract/answers.ts';
import { uuidv7 } from '../../lib/ids.ts';
import type { Db } from '../../storage/database.ts';
import { insertEvents, type NewEvent } from '../../storage/events.ts';
import { lockAnswerContext } from '../../storage/answer-context.ts';
import * as store from '../../storage/responses.ts';
import { appendRollupDeltas, segmentOf, utcDay, type RollupChange } from '../../storage/rollup-deltas.ts';
import { KeptError } from '../core/errors.ts';
import { createGroupCommit } from '../core/group-commit.ts';
import { answerThresholds, queueOopsReports, type OopsReport } from '../recovery/cases.ts';
import { mayPraise, queuePraiseChecks } from '../learning/answer-praise.ts';
import { answerOops, checkAnswer, refusal, responseEvent, verifiedLink } from './answers.ts';
import type { SignalDeps } from './signal-settings.ts';
import { chooseLocale, textsFor } from './survey-texts.ts';
import { speakingAs } from './survey-brand.ts';
import { voiceOf } from '../core/company-profile.ts';
import { answerEditWindowMs } from './thresholds.ts';

export interface AnswerOutcome {
  responseId: string;
  updated: boolean;
  thankYou: string;
  /** A counted score link (signals/score-links.ts) found the invitation answered already: nothing was stored. */
  skipped?: true;
}

interface AnswerJob {
  workspaceId: string;
  invitationId: string;
  input: AnswerInput;
  /** A score link being counted: never replaces an answer the customer gave meanwhile. */
  onlyIfUnanswered?: boolean;
}

/**
 * Stores answers to distinct invitations of one workspace in one transaction: the invitations are
 * locked, each answer is checked on its own (a bad one gets its error, the others are stored),
 * and the new answers, changed answers, timeline events and rollup changes are written with a
 * few statements for the whole group.
 */
async function storeAnswers(d: SignalDeps, jobs: AnswerJob[]): Promise<(AnswerOutcome | Error)[]> {
  const now = d.clock.now();
  const workspaceId = jobs[0]!.workspaceId;
  return d.db.transaction().execute(async (tx) => {
    // One statement reads what the group needs (storage/answer-context.ts); a second only for
    // invitations answered before (a changed answer), and one more the first time a workspace answers.
    const ctx = await lockAnswerContext(
      tx,
      workspaceId,
      jobs.map((j) => j.invitationId),
    );
    const { invitations: invs, surveys, customers: profiles, responses: existing } = ctx;
    const settings = ctx.recoverySettings;
    const thresholds = settings
      ? { nps: settings.npsMax, csat: settings.csatMax, ces: settings.cesMax }
      : await answerThresholds(tx, workspaceId, now);
    const company = voiceOf(workspaceId, ctx.companyProfile, ctx.workspace);
    const oopses: (OopsReport & { dedupeKey: string })[] = [];
    /** Answers with words and a score that is not negative: the recovery worker looks for praise in them. */
    const praise: string[] = [];
    /** A score at or below the workspace's threshold is an oops: it opens (or joins) a recovery case. */
    const maybeOops = (survey: Survey, customerId: string, responseId: string, score: number, reason: string | null) => {
      if (score <= thresholds[survey.kind]) oopses.push(answerOops(survey, { customerId, responseId, score, reason, at: now }));
    };
    const inserts: store.ResponseRecord[] = [];
    const updates: ({ id: string } & Parameters<typeof store.updateResponseAnswer>[3])[] = [];
    const changes: RollupChange[] = [];
    const events: NewEvent[] = [];
    const outcomes = jobs.map((j): AnswerOutcome | Error => {
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
        changes.push({
          surveyId: old.surveyId,
          day: utcDay(old.answeredAt),
          handPicked: old.handPicked,
          segment: old.segment,
          scores: [
            { score: old.score, delta: -1 },
            { score: input.score, delta: 1 },
          ],
        });
        events.push(
          responseEvent('response.updated', {
            ...base,
            responseId: old.id,
            score: input.score,
            at: now,
            key: `response:${old.id}:${now.getTime()}`,
          }),
        );
        updates.push({ id: old.id, score: input.score, reason, answers, locale: input.locale ?? old.locale, updatedAt: now });
        maybeOops(survey!, customer.id, old.id, input.score, reason);
        if (mayPraise({ kind: survey!.kind, score: input.score, reason, answers })) praise.push(old.id);
        return { responseId: old.id, updated: true, thankYou };
      }
      const id = uuidv7(now.getTime());
      const segment = segmentOf(customer.attributes);
      inserts.push({
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
      changes.push({
        surveyId: survey!.id,
        day: utcDay(now),
        handPicked: inv!.handPicked,
        segment,
        scores: [{ score: input.score, delta: 1 }],
        answeredInvited: 1,
      });
      events.push(responseEvent('response.created', { ...base, responseId: id, score: input.score, at: now, key: `response:${id}` }));
      maybeOops(survey!, customer.id, id, input.score, reason);
      if (mayPraise({ kind: survey!.kind, score: input.score, reason, answers })) praise.push(id);
      return { responseId: id, updated: false, thankYou };
    });
    await store.insertAnswers(tx, workspaceId, inserts, now);
    for (const { id, ...u } of updates) await store.updateResponseAnswer(tx, workspaceId, id, u);
    await insertEvents(tx, workspaceId, events, now);
    await appendRollupDeltas(tx, workspaceId, changes);
    // In the same transaction, the promise of a case: the recovery worker opens it moments later,
    // with its clock starting at the answer.
    await queueOopsReports(tx, d.clock, workspaceId, oopses);
    await queuePraiseChecks(tx, d.clock, workspaceId, praise);
    return outcomes;
  });
}

/** One group-commit queue per database pool and clock (core/group-commit.ts). */
const answerQueues = new WeakMap<Db, WeakMap<object, ReturnType<typeof createGroupCommit<AnswerJob, AnswerOutcome>>>>();

function answerQueue(d: SignalDeps) {
  let byClock = answerQueues.get(d.db);
  if (!byClock) answerQueues.set(d.db, (byClock = new WeakMap()));
  let queue = byClock.get(d.clock);
  if (!queue) {
    queue = createGroupCommit<AnswerJob, AnswerOutcome>({
      maxItems: 200,
      maxInFlight: 4,
      group: (j) => j.workspaceId,
      key: (j) => j.invitationId,
      run: (jobs) => storeAnswers(d, jobs),
    });
    byClock.set(d.clock, queue);
  }
  return queue;
}

/**
 * Stores a customer's answer to an invitation, or replaces their earlier one within 24 hours.
 * Concurrent answers share a transaction (group commit); each is answered after its COMMIT.
 */
export async function submitAnswer(d: SignalDeps, token: string, input: AnswerInput): Promise<AnswerOutcome> {
  if (input.website) throw new KeptError('forbidden', 'This answer looks automated and was refused.', { reason: 'bot' });
  const link = await verifiedLink(d, token);
  return answerQueue(d).submit({ workspaceId: link.workspaceId, invitationId: link.id, input });
}

/**
 * A score link's click, counted by the signals worker (signals/score-links.ts): the same path as an
 * answer from the page, but it never replaces an answer the customer gave meanwhile (`skipped`).
 */
export function submitCountedClick(d: SignalDeps, workspaceId: string, invitationId: string, score: number): Promise<AnswerOutcome> {
  return answerQueue(d).submit({ workspaceId, invitationId, input: { score, answers: {} }, onlyIfUnanswered: true });
}
