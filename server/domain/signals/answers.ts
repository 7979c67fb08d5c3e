// Answers: what customers send from the answer page, the widget or an import. An invitation
// takes one answer; the customer may change it for 24 hours, then it is closed. No staff
// member can change an answer: there is no such function. Every answer goes on the customer's
// timeline (response.created / response.updated) and into the score rollups in the same
// transaction, so the dashboards are current the moment the customer sees "thank you".
import type { CustomerRef } from '../../../contract/events.ts';
import { scaleOf, type AnswerInput, type ResponseImport, type Survey } from '../../../contract/surveys.ts';
import { resolveCustomers } from '../../storage/customers.ts';
import type { Db } from '../../storage/database.ts';
import { insertEvents, type NewEvent } from '../../storage/events.ts';
import * as invitations from '../../storage/invitations.ts';
import * as store from '../../storage/responses.ts';
import { applyRollupChanges, segmentOf, utcDay, type RollupChange } from '../../storage/rollup-deltas.ts';
import { findWorkspaceBySlug } from '../../storage/staff.ts';
import { findSurveys } from '../../storage/surveys.ts';
import { invalidInput, KeptError, type FieldProblem } from '../core/errors.ts';
import { maxFutureMs } from '../core/events.ts';
import { uuidv7 } from '../../lib/ids.ts';
import { answerThresholds, queueOopsReports, type OopsReport } from '../recovery/cases.ts';
import { createGroupCommit } from '../core/group-commit.ts';
import { invitationToken, inviteForWidget, type SignalDeps } from './invitations.ts';
import { parseLink, verifyLink, verifyWidgetSignature } from './links.ts';
import { chooseLocale, textsFor } from './survey-texts.ts';
import { getSurvey } from './surveys.ts';

export type { SignalDeps } from './invitations.ts';

/** Scores so low that the case they open is of high severity. */
const veryLow: Record<Survey['kind'], number> = { nps: 3, csat: 1, ces: 2 };

/** The oops a low answer reports (the caller compares the score with the workspace's threshold). */
export function answerOops(
  survey: Survey,
  a: { customerId: string; responseId: string; score: number; reason: string | null; at: Date },
): OopsReport & { dedupeKey: string } {
  return {
    kind: 'survey',
    customerId: a.customerId,
    occurredAt: a.at,
    summary: `${survey.kind.toUpperCase()} ${a.score} of ${scaleOf[survey.kind].max} on “${survey.name}”${a.reason ? `: ${a.reason}` : ''}`,
    severity: a.score <= veryLow[survey.kind] ? 'high' : 'normal',
    ref: { responseId: a.responseId, surveyId: survey.id },
    dedupeKey: `response:${a.responseId}`,
    departmentId: survey.departmentId,
  };
}

/** How long a customer may change an answer after first giving it. */
export const editWindowMs = 24 * 3_600_000;

const invalidLink = () =>
  new KeptError('not_found', 'This survey link is not valid. Check that it was copied whole.', { reason: 'invalid_link' });

export interface OpenedInvitation {
  workspaceId: string;
  invitation: {
    id: string;
    surveyId: string;
    customerId: string;
    channel: 'email' | 'link' | 'widget';
    expiresAt: Date | null;
    answeredAt: Date | null;
    locale: string | null;
    handPicked: boolean;
  };
  survey: Survey;
  customer: { id: string; name: string | null; locale: string | null; attributes: Record<string, unknown> };
  response: { id: string; score: number; reason: string | null; answers: Record<string, string>; closesAt: Date | null } | null;
}

/** The workspace a link names, if the link is shaped right and its signature holds. */
async function verifiedLink(d: SignalDeps, token: string) {
  const link = parseLink(token);
  if (!link) throw invalidLink();
  let settings;
  try {
    settings = await d.settings.get(link.workspaceId);
  } catch (err) {
    if (err instanceof KeptError && err.code === 'not_found') throw invalidLink();
    throw err;
  }
  if (!verifyLink(settings.linkSecret, 'invitation', link)) throw invalidLink();
  return link;
}

/** Why an invitation cannot take an answer now, or undefined when it can. */
function refusal(
  inv: invitations.InvitationRow | undefined,
  survey: Survey | undefined,
  r: store.ResponseRow | undefined,
  now: Date,
): KeptError | undefined {
  if (!inv || inv.status !== 'sent' || !survey) return invalidLink();
  if (r && r.closes_at && r.closes_at <= now) {
    return new KeptError('conflict', 'This survey is closed: the answer can no longer be changed. Thank you for it.', {
      reason: 'invitation_closed',
    });
  }
  if (!r && inv.expires_at && inv.expires_at <= now)
    return new KeptError('gone', 'This survey link has expired.', { reason: 'invitation_expired' });
  if (!r && survey.archivedAt) return new KeptError('gone', 'This survey has ended.', { reason: 'survey_archived' });
  return undefined;
}

/** What the answer page shows for a link; throws a clear error for a bad, expired or closed one. */
export async function openInvitation(d: SignalDeps, token: string): Promise<OpenedInvitation> {
  const link = await verifiedLink(d, token);
  const inv = await invitations.findInvitation(d.db, link.workspaceId, link.id);
  const survey = inv && (await findSurveys(d.db, link.workspaceId, [inv.survey_id])).get(inv.survey_id);
  const r = inv && (await store.findResponseByInvitation(d.db, link.workspaceId, inv.id));
  const refused = refusal(inv, survey, r, d.clock.now());
  if (refused) throw refused;
  const customer = (await invitations.customerProfiles(d.db, link.workspaceId, [inv!.customer_id])).get(inv!.customer_id)!;
  return {
    workspaceId: link.workspaceId,
    invitation: {
      id: inv!.id,
      surveyId: inv!.survey_id,
      customerId: inv!.customer_id,
      channel: inv!.channel,
      expiresAt: inv!.expires_at,
      answeredAt: inv!.answered_at,
      locale: inv!.locale,
      handPicked: inv!.hand_picked,
    },
    survey: survey!,
    customer: { id: customer.id, name: customer.name, locale: customer.locale, attributes: customer.attributes },
    response: r ? { id: r.id, score: r.score, reason: r.reason, answers: r.answers, closesAt: r.closes_at } : null,
  };
}

/** The answer's rules beyond the wire schema: the survey's scale and its own questions. */
export function checkAnswer(
  survey: Survey,
  a: { score: number; reason?: string; answers?: Record<string, string> },
  path: (string | number)[] = [],
): void {
  const problems: FieldProblem[] = [];
  const { min, max } = scaleOf[survey.kind];
  if (a.score < min || a.score > max) problems.push({ path: [...path, 'score'], message: `must be from ${min} to ${max} for this survey` });
  for (const [id, value] of Object.entries(a.answers ?? {})) {
    const q = survey.questions.find((x) => x.id === id);
    if (!q) problems.push({ path: [...path, 'answers', id], message: 'is not a question of this survey' });
    else if (q.type === 'single_choice' && value !== '' && !q.options.some((o) => o.id === value)) {
      problems.push({ path: [...path, 'answers', id], message: `must be one of: ${q.options.map((o) => o.id).join(', ')}` });
    }
  }
  if (problems.length) throw invalidInput('The answer was not saved', problems);
}

const timelineEvent = (
  type: 'response.created' | 'response.updated',
  o: {
    responseId: string;
    customerId: string;
    survey: Survey;
    score: number;
    reason: string | null;
    answers: Record<string, string>;
    channel: string;
    handPicked: boolean;
    invitationId: string | null;
    at: Date;
    key: string;
  },
): NewEvent => ({
  id: uuidv7(o.at.getTime()),
  customerId: o.customerId,
  type,
  source: 'kept',
  occurredAt: o.at,
  idempotencyKey: o.key,
  data: {
    responseId: o.responseId,
    surveyId: o.survey.id,
    surveyName: o.survey.name,
    kind: o.survey.kind,
    score: o.score,
    scaleMax: scaleOf[o.survey.kind].max,
    reason: o.reason,
    answers: o.answers,
    channel: o.channel,
    handPicked: o.handPicked,
    invitationId: o.invitationId,
  },
});

export interface AnswerOutcome {
  responseId: string;
  updated: boolean;
  thankYou: string;
}

interface AnswerJob {
  workspaceId: string;
  invitationId: string;
  input: AnswerInput;
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
    const ids = jobs.map((j) => j.invitationId);
    const invs = await invitations.lockInvitations(tx, workspaceId, ids);
    const surveys = await findSurveys(
      tx,
      workspaceId,
      [...invs.values()].map((i) => i.survey_id),
    );
    const profiles = await invitations.customerProfiles(
      tx,
      workspaceId,
      [...invs.values()].map((i) => i.customer_id),
    );
    const existing = await store.findResponsesByInvitations(tx, workspaceId, ids);
    const thresholds = await answerThresholds(tx, workspaceId, now);
    const oopses: (OopsReport & { dedupeKey: string })[] = [];
    /** A score at or below the workspace's threshold is an oops: it opens (or joins) a recovery case. */
    const maybeOops = (survey: Survey, customerId: string, responseId: string, score: number, reason: string | null) => {
      if (score <= thresholds[survey.kind]) oopses.push(answerOops(survey, { customerId, responseId, score, reason, at: now }));
    };
    const inserts: Parameters<typeof store.insertResponses>[1] = [];
    const answered: string[] = [];
    const updates: ({ id: string } & Parameters<typeof store.updateResponseAnswer>[3])[] = [];
    const changes: RollupChange[] = [];
    const events: NewEvent[] = [];
    const outcomes = jobs.map((j): AnswerOutcome | Error => {
      const inv = invs.get(j.invitationId);
      const survey = inv && surveys.get(inv.survey_id);
      const old = existing.get(j.invitationId);
      const refused = refusal(inv, survey, old, now);
      if (refused) return refused;
      try {
        checkAnswer(survey!, j.input);
      } catch (err) {
        return err as KeptError;
      }
      const customer = profiles.get(inv!.customer_id)!;
      const input = j.input;
      const reason = survey!.askReason && input.reason ? input.reason : null;
      const answers = Object.fromEntries(Object.entries(input.answers ?? {}).filter(([, v]) => v !== ''));
      const base = {
        survey: survey!,
        customerId: customer.id,
        reason,
        answers,
        channel: inv!.channel,
        handPicked: inv!.hand_picked,
        invitationId: inv!.id,
      };
      const locale = chooseLocale(survey!, [input.locale, inv!.locale, customer.locale]);
      const thankYou = textsFor(survey!, locale).thankYou;
      if (old) {
        changes.push({
          surveyId: old.survey_id,
          day: utcDay(old.answered_at),
          handPicked: old.hand_picked,
          segment: old.segment,
          scores: [
            { score: old.score, delta: -1 },
            { score: input.score, delta: 1 },
          ],
        });
        events.push(
          timelineEvent('response.updated', {
            ...base,
            responseId: old.id,
            score: input.score,
            at: now,
            key: `response:${old.id}:${now.getTime()}`,
          }),
        );
        updates.push({ id: old.id, score: input.score, reason, answers, locale: input.locale ?? old.locale, updatedAt: now });
        maybeOops(survey!, customer.id, old.id, input.score, reason);
        return { responseId: old.id, updated: true, thankYou };
      }
      const id = uuidv7(now.getTime());
      const segment = segmentOf(customer.attributes);
      inserts.push({
        workspace_id: workspaceId,
        id,
        survey_id: survey!.id,
        customer_id: customer.id,
        invitation_id: inv!.id,
        kind: survey!.kind,
        score: input.score,
        reason,
        answers: JSON.stringify(answers),
        channel: inv!.channel,
        hand_picked: inv!.hand_picked,
        locale: input.locale ?? inv!.locale ?? customer.locale,
        segment: JSON.stringify(segment),
        answered_at: now,
        received_at: now,
        updated_at: now,
        closes_at: new Date(now.getTime() + editWindowMs),
        source: 'kept',
        idempotency_key: null,
      });
      answered.push(inv!.id);
      changes.push({
        surveyId: survey!.id,
        day: utcDay(now),
        handPicked: inv!.hand_picked,
        segment,
        scores: [{ score: input.score, delta: 1 }],
        answeredInvited: 1,
      });
      events.push(timelineEvent('response.created', { ...base, responseId: id, score: input.score, at: now, key: `response:${id}` }));
      maybeOops(survey!, customer.id, id, input.score, reason);
      return { responseId: id, updated: false, thankYou };
    });
    await store.insertResponses(tx, inserts);
    for (const { id, ...u } of updates) await store.updateResponseAnswer(tx, workspaceId, id, u);
    await store.markInvitationsAnswered(tx, workspaceId, answered, now);
    await applyRollupChanges(tx, workspaceId, changes);
    await insertEvents(tx, workspaceId, events, now);
    // In the same transaction, the promise of a case: the recovery worker opens it moments later,
    // with its clock starting at the answer.
    await queueOopsReports(tx, d.clock, workspaceId, oopses);
    return outcomes;
  });
}

/** One group-commit queue per database pool and clock (domain/group-commit.ts). */
const answerQueues = new WeakMap<Db, WeakMap<object, ReturnType<typeof createGroupCommit<AnswerJob, AnswerOutcome>>>>();

/**
 * Stores a customer's answer to an invitation, or replaces their earlier one within 24 hours.
 * Concurrent answers share a transaction (group commit); each is answered after its COMMIT.
 */
export async function submitAnswer(d: SignalDeps, token: string, input: AnswerInput): Promise<AnswerOutcome> {
  if (input.website) throw new KeptError('forbidden', 'This answer looks automated and was refused.', { reason: 'bot' });
  const link = await verifiedLink(d, token);
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
  return queue.submit({ workspaceId: link.workspaceId, invitationId: link.id, input });
}

const workspaceCache = new Map<string, { at: number; id: string | undefined }>();
async function workspaceIdBySlug(db: Db, slug: string, now: number): Promise<string | undefined> {
  const hit = workspaceCache.get(slug);
  if (hit && now - hit.at < 60_000) return hit.id;
  const w = await findWorkspaceBySlug(db, slug);
  if (workspaceCache.size > 10_000) workspaceCache.clear();
  workspaceCache.set(slug, { at: now, id: w?.id });
  return w?.id;
}

export interface WidgetPromptResult {
  show: boolean;
  reason?: string;
  token?: string;
  kind?: Survey['kind'];
  min?: number;
  max?: number;
  locale?: string;
  texts?: Record<string, string>;
  askReason?: boolean;
  colour?: string;
}

/**
 * The widget asks whether to show a survey to the customer signed in on the site. The site
 * vouches for the customer with an HMAC of their externalId made with the workspace's widget
 * secret; a wrong signature is refused, so nobody can answer as someone else. Showing the
 * prompt is an invitation like any other: sampling, the contact rule and unsubscribes apply.
 * A customer who reloads the page gets the same open invitation back.
 */
export async function widgetPrompt(
  d: SignalDeps,
  input: { workspace: string; surveyId: string; externalId: string; signature: string; locale?: string },
  random: () => number = Math.random,
): Promise<WidgetPromptResult> {
  const now = d.clock.now();
  const workspaceId = await workspaceIdBySlug(d.db, input.workspace, now.getTime());
  if (!workspaceId) throw new KeptError('not_found', `There is no workspace "${input.workspace}"`);
  const settings = await d.settings.get(workspaceId);
  if (!verifyWidgetSignature(settings.widgetSecret, input.externalId, input.signature)) {
    throw new KeptError(
      'forbidden',
      'The signature does not match this externalId: compute HMAC-SHA256(widget secret, externalId) on your server',
      {
        reason: 'invalid_signature',
      },
    );
  }
  const survey = await getSurvey(d.db, workspaceId, input.surveyId);
  if (survey.archivedAt) return { show: false, reason: 'survey_archived' };
  const out = await inviteForWidget(d, settings, workspaceId, survey, { externalId: input.externalId } satisfies CustomerRef, now, random);
  if (!out.show) return { show: false, reason: out.reason };
  const locale = chooseLocale(survey, [out.customerLocale, input.locale]);
  const texts = textsFor(survey, locale);
  return {
    show: true,
    token: invitationToken(settings, workspaceId, out.invitationId),
    kind: survey.kind,
    ...scaleOf[survey.kind],
    locale,
    texts: {
      question: texts.question,
      lowLabel: texts.lowLabel,
      highLabel: texts.highLabel,
      reasonQuestion: texts.reasonQuestion,
      submit: texts.submit,
      thankYou: texts.thankYou,
      dismiss: texts.dismiss,
    },
    askReason: survey.askReason,
    ...(survey.brand.colour ? { colour: survey.brand.colour } : {}),
  };
}

/**
 * Historical answers from another tool: all or nothing, once per (source, idempotency key).
 * Imported answers are not hand-picked and have no invitation, so they count in scores but not
 * in the response rate.
 */
export async function importResponses(d: SignalDeps, workspaceId: string, inputs: ResponseImport[]) {
  const now = d.clock.now();
  const pathOf = (i: number) => (inputs.length === 1 ? [] : ['responses', i]);
  const surveys = await findSurveys(
    d.db,
    workspaceId,
    inputs.map((r) => r.surveyId),
  );
  const problems: FieldProblem[] = [];
  inputs.forEach((r, i) => {
    const s = surveys.get(r.surveyId);
    if (!s) return problems.push({ path: [...pathOf(i), 'surveyId'], message: 'is not a survey of this workspace' });
    try {
      checkAnswer(s, r, pathOf(i));
    } catch (err) {
      problems.push(...((err as KeptError).details as { problems: FieldProblem[] }).problems);
    }
    if (Date.parse(r.answeredAt) > now.getTime() + maxFutureMs)
      problems.push({ path: [...pathOf(i), 'answeredAt'], message: 'is in the future' });
  });
  if (problems.length) throw invalidInput('Some answers were refused; none were stored', problems);
  return d.db.transaction().execute(async (tx) => {
    const customerIds = await resolveCustomers(
      tx,
      workspaceId,
      inputs.map((r) => r.customer),
      now,
    );
    const profiles = await invitations.customerProfiles(tx, workspaceId, customerIds);
    const rows = inputs.map((r, i) => {
      const segment = segmentOf(profiles.get(customerIds[i]!)?.attributes);
      return {
        workspace_id: workspaceId,
        id: uuidv7(now.getTime()),
        survey_id: r.surveyId,
        customer_id: customerIds[i]!,
        invitation_id: null,
        kind: surveys.get(r.surveyId)!.kind,
        score: r.score,
        reason: r.reason ?? null,
        answers: JSON.stringify(r.answers),
        channel: 'import' as const,
        hand_picked: false,
        locale: r.locale ?? null,
        segment: JSON.stringify(segment),
        answered_at: new Date(r.answeredAt),
        received_at: now,
        updated_at: now,
        closes_at: null,
        source: r.source,
        idempotency_key: r.idempotencyKey ?? null,
        _segment: segment,
      };
    });
    // Within one batch a repeated (source, key) is a duplicate of its first occurrence.
    const firstByKey = new Map<string, number>();
    const fresh = rows.filter((r, i) => {
      if (r.idempotency_key === null) return true;
      const k = `${r.source}\u0000${r.idempotency_key}`;
      if (firstByKey.has(k)) return false;
      firstByKey.set(k, i);
      return true;
    });
    const inserted = await store.insertResponses(
      tx,
      fresh.map(({ _segment, ...r }) => r),
    );
    const stored = fresh.filter((r) => inserted.has(r.id));
    const changes: RollupChange[] = stored.map((r) => ({
      surveyId: r.survey_id,
      day: utcDay(r.answered_at),
      handPicked: false,
      segment: r._segment,
      scores: [{ score: r.score, delta: 1 }],
    }));
    await applyRollupChanges(tx, workspaceId, changes);
    await insertEvents(
      tx,
      workspaceId,
      stored.map((r) =>
        timelineEvent('response.created', {
          responseId: r.id,
          customerId: r.customer_id,
          survey: surveys.get(r.survey_id)!,
          score: r.score,
          reason: r.reason,
          answers: inputs[rows.indexOf(r)]!.answers,
          channel: 'import',
          handPicked: false,
          invitationId: null,
          at: r.answered_at,
          key: `response:${r.id}`,
        }),
      ),
      now,
    );
    const missing = rows.filter((r) => !inserted.has(r.id) && r.idempotency_key !== null);
    const originals = new Map(
      (
        await store.findResponsesByKeys(
          tx,
          workspaceId,
          missing.map((r) => ({ source: r.source, key: r.idempotency_key! })),
        )
      ).map((o) => [`${o.source}\u0000${o.idempotency_key}`, o]),
    );
    const results = rows.map((r, index) => {
      if (inserted.has(r.id)) return { index, id: r.id, customerId: r.customer_id, duplicate: false };
      const k = `${r.source}\u0000${r.idempotency_key}`;
      const first = rows[firstByKey.get(k)!]!;
      const o = inserted.has(first.id) ? { id: first.id, customer_id: first.customer_id } : originals.get(k)!;
      return { index, id: o.id, customerId: o.customer_id, duplicate: true };
    });
    return { stored: stored.length, duplicates: rows.length - stored.length, results };
  });
}
