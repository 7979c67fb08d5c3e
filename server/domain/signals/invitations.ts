// Getting surveys to customers. An invitation is made by a trigger, a random sample, the widget
// or a person (then it is marked hand-picked), and sent when its time comes unless a rule stops
// it: the survey was archived, the customer unsubscribed or has no e-mail, or the contact rule
// (one invitation per N days across all surveys) says they were asked too recently. Every
// decision is kept on the invitation, and a sent one goes on the customer's timeline.
import { z } from 'zod';
import type { Invitation, Survey } from '../../../contract/surveys.ts';
import type { CustomerRef } from '../../../contract/events.ts';
import { resolveCustomers } from '../../storage/customers.ts';
import type { Db } from '../../storage/database.ts';
import { insertEvents } from '../../storage/events.ts';
import * as store from '../../storage/invitations.ts';
import { applyRollupChanges, segmentOf, utcDay } from '../../storage/rollup-deltas.ts';
import type { InvitationChannel, InvitationOrigin, SuppressedReason } from '../../storage/schema.ts';
import { enabledTriggerTypes, findSurveys, triggersFor } from '../../storage/surveys.ts';
import type { Clock } from '../core/clock.ts';
import { decodeCursor, encodeCursor } from '../core/cursor.ts';
import { checkMessage, type Verdict } from '../one-voice/guard.ts';
import { queueMessageIn, type Queued } from '../one-voice/outbox.ts';
import { KeptError, notFound } from '../core/errors.ts';
import { uuidv7 } from '../../lib/ids.ts';
import { signLink } from './links.ts';
import { composeSurveyMail } from '../one-voice/mails.ts';
import type { SettingsCache, SignalSettings } from './signal-settings.ts';
import { getSurvey } from './surveys.ts';
import { chooseLocale, textsFor } from './survey-texts.ts';
import { unsubscribeUrl } from './unsubscribe.ts';

export interface SignalDeps {
  db: Db;
  clock: Clock;
  settings: SettingsCache;
  /** Base of customer links, e.g. https://kept.example.com */
  publicUrl: string;
}

const day = 86_400_000;

export const invitationToken = (settings: SignalSettings, workspaceId: string, invitationId: string) =>
  signLink(settings.linkSecret, 'invitation', workspaceId, invitationId);

export const answerUrl = (publicUrl: string, token: string) => `${publicUrl}/s/${token}`;

export function toInvitation(r: store.InvitationRow, customer: store.CustomerNames, url: string | null): Invitation {
  return {
    id: r.id,
    surveyId: r.survey_id,
    customerId: r.customer_id,
    customer,
    channel: r.channel,
    origin: r.origin,
    handPicked: r.hand_picked,
    createdBy: r.created_by,
    status: r.status,
    suppressedReason: r.suppressed_reason,
    sendAt: r.send_at.toISOString(),
    sentAt: r.sent_at?.toISOString() ?? null,
    expiresAt: r.expires_at?.toISOString() ?? null,
    remindedAt: r.reminded_at?.toISOString() ?? null,
    answeredAt: r.answered_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    url,
  };
}

function newInvitation(
  workspaceId: string,
  o: {
    surveyId: string;
    customerId: string;
    channel: InvitationChannel;
    origin: InvitationOrigin;
    sendAt: Date;
    now: Date;
    createdBy?: string | null;
    triggerId?: string | null;
    eventId?: string | null;
    locale?: string | null;
    status?: 'scheduled' | 'suppressed';
    suppressedReason?: SuppressedReason | null;
    caseId?: string | null;
  },
) {
  return {
    workspace_id: workspaceId,
    id: uuidv7(o.now.getTime()),
    survey_id: o.surveyId,
    customer_id: o.customerId,
    channel: o.channel,
    origin: o.origin,
    // A case's follow-up is chosen, not drawn: like a hand-picked one, it stays out of headline scores.
    hand_picked: o.origin === 'hand' || o.origin === 'follow_up',
    created_by: o.createdBy ?? null,
    trigger_id: o.triggerId ?? null,
    event_id: o.eventId ?? null,
    locale: o.locale ?? null,
    status: o.status ?? ('scheduled' as const),
    suppressed_reason: o.suppressedReason ?? null,
    send_at: o.sendAt,
    created_at: o.now,
    case_id: o.caseId ?? null,
  };
}

/**
 * The event types a workspace's triggers listen for, remembered for a few seconds so storing
 * events costs no extra query when nothing listens. A trigger added or removed on this instance
 * takes effect at once; on other instances within triggerCacheMs.
 */
export const triggerCacheMs = 5000;
const triggerTypeCache = new Map<string, { at: number; types: Set<string> }>();

async function triggerTypes(db: Db, workspaceId: string, now: Date): Promise<Set<string>> {
  const hit = triggerTypeCache.get(workspaceId);
  if (hit && now.getTime() - hit.at < triggerCacheMs && now.getTime() >= hit.at) return hit.types;
  const types = new Set(await enabledTriggerTypes(db, workspaceId));
  if (triggerTypeCache.size > 10_000) triggerTypeCache.clear();
  triggerTypeCache.set(workspaceId, { at: now.getTime(), types });
  return types;
}

export function forgetTriggerTypes(workspaceId: string): void {
  triggerTypeCache.delete(workspaceId);
}

/** How late a triggered invitation may still go out: backfilled old events do not survey anyone. */
export const triggerGraceMs = 2 * day;

/**
 * Called in the transaction that stores events: every enabled trigger listening for an event's
 * type schedules an invitation at occurred_at + delay (once per trigger and event). Sampling is
 * decided here and recorded. Kept's own events (source `kept`) never trigger surveys.
 */
export async function scheduleTriggered(
  tx: Db,
  workspaceId: string,
  events: { id: string; type: string; source: string; customerId: string; occurredAt: Date }[],
  now: Date,
  random: () => number = Math.random,
): Promise<number> {
  const types = await triggerTypes(tx, workspaceId, now);
  const candidates = events.filter((e) => e.source !== 'kept' && types.has(e.type));
  if (!candidates.length) return 0;
  const triggers = await triggersFor(tx, workspaceId, [...new Set(candidates.map((e) => e.type))]);
  if (!triggers.length) return 0;
  const rows = [];
  for (const e of candidates) {
    for (const t of triggers) {
      if (t.event_type !== e.type) continue;
      const sendAt = new Date(e.occurredAt.getTime() + t.delay_hours * 3_600_000);
      if (sendAt.getTime() + triggerGraceMs < now.getTime()) continue;
      const sampledOut = random() * 100 >= t.sample_percent;
      rows.push(
        newInvitation(workspaceId, {
          surveyId: t.survey_id,
          customerId: e.customerId,
          channel: 'email',
          origin: 'trigger',
          sendAt,
          now,
          triggerId: t.id,
          eventId: e.id,
          ...(sampledOut ? { status: 'suppressed' as const, suppressedReason: 'sampled_out' as const } : {}),
        }),
      );
    }
  }
  return (await store.insertInvitations(tx, rows)).length;
}

type Profile = {
  id: string;
  email: string | null;
  name: string | null;
  external_id: string | null;
  locale: string | null;
  attributes: Record<string, unknown>;
};

/**
 * Sends one claimed invitation or records why not, inside the caller's transaction. A sent
 * e-mail invitation queues its mail in the same transaction, so it goes out exactly when the
 * invitation counts as sent.
 */
async function deliver(
  tx: Db,
  d: SignalDeps,
  settings: SignalSettings,
  inv: store.InvitationRow,
  survey: Survey,
  customer: Profile,
  now: Date,
): Promise<{ sent: true; url: string } | { sent: false; reason: SuppressedReason }> {
  let reason: SuppressedReason | undefined;
  let verdict: Verdict | undefined;
  const url = answerUrl(d.publicUrl, invitationToken(settings, inv.workspace_id, inv.id));
  if (survey.archivedAt) reason = 'survey_archived';
  else if (await store.isUnsubscribedRow(tx, inv.workspace_id, inv.customer_id)) reason = 'unsubscribed';
  else if (inv.channel === 'email' && !customer.email) reason = 'no_email';
  // One voice: an invitation that contradicts the timeline (the customer has an open case) is not
  // sent, and does not use up the contact rule either.
  else if (
    inv.channel === 'email' &&
    (verdict = await checkMessage(tx, inv.workspace_id, inv.customer_id, mailKind(inv, false), now)).action !== 'pass'
  )
    reason = 'guard';
  // The customer of a case was told we would follow up: the contact rule does not hold that back.
  else if (inv.origin !== 'follow_up' && !(await store.takeContact(tx, inv.workspace_id, inv.customer_id, now, settings.contactDays)))
    reason = 'contact_rule';
  if (reason) {
    await store.markSuppressed(tx, inv.workspace_id, inv.id, reason);
    // The outbox keeps the guard's decision, in words, beside every other message.
    if (reason === 'guard') await queueSurveyMail(tx, d, settings, inv, survey, customer, url, false, now, verdict);
    return { sent: false, reason };
  }
  const expiresAt = new Date(now.getTime() + settings.expiryDays * day);
  const reminderDueAt = inv.channel === 'email' && settings.reminderDays > 0 ? new Date(now.getTime() + settings.reminderDays * day) : null;
  await store.markSent(tx, inv.workspace_id, inv.id, { sentAt: now, expiresAt, reminderDueAt });
  await applyRollupChanges(tx, inv.workspace_id, [
    { surveyId: survey.id, day: utcDay(now), handPicked: inv.hand_picked, segment: segmentOf(customer.attributes), invited: 1 },
  ]);
  await insertEvents(
    tx,
    inv.workspace_id,
    [
      {
        id: uuidv7(now.getTime()),
        customerId: inv.customer_id,
        type: 'survey.invited',
        source: 'kept',
        occurredAt: now,
        idempotencyKey: `invitation:${inv.id}`,
        data: {
          surveyId: survey.id,
          surveyName: survey.name,
          kind: survey.kind,
          invitationId: inv.id,
          channel: inv.channel,
          origin: inv.origin,
          handPicked: inv.hand_picked,
        },
      },
    ],
    now,
  );
  if (inv.channel === 'email') await queueSurveyMail(tx, d, settings, inv, survey, customer, url, false, now, verdict);
  return { sent: true, url };
}

async function queueSurveyMail(
  tx: Db,
  d: SignalDeps,
  settings: SignalSettings,
  inv: store.InvitationRow,
  survey: Survey,
  customer: Profile,
  url: string,
  reminder: boolean,
  now: Date,
  verdict?: Verdict,
): Promise<Queued> {
  const locale = chooseLocale(survey, [inv.locale, customer.locale]);
  const mail = composeSurveyMail({
    survey,
    texts: textsFor(survey, locale),
    locale,
    customerName: customer.name,
    answerUrl: url,
    unsubscribeUrl: unsubscribeUrl(d.publicUrl, settings.linkSecret, inv.workspace_id, inv.customer_id),
    reminder,
  });
  return queueMessageIn(
    tx,
    d.clock,
    inv.workspace_id,
    { customerId: inv.customer_id, invitationId: inv.id, kind: mailKind(inv, reminder), source: 'kept', to: customer.email!, ...mail },
    { verdict, holdable: false },
  );
}

/** A case's follow-up (and its reminder) is its own kind: the rules about surveys during an open case do not stop it. */
const mailKind = (inv: store.InvitationRow, reminder: boolean) =>
  inv.origin === 'follow_up' ? 'survey_follow_up' : reminder ? 'survey_reminder' : 'survey_invitation';

/** Sends (or suppresses) the scheduled invitations that are due, in batches; safe on several instances. */
export async function dispatchDueInvitations(d: SignalDeps, limit = 100): Promise<{ sent: number; suppressed: number }> {
  const now = d.clock.now();
  return d.db.transaction().execute(async (tx) => {
    const due = await store.claimDueInvitations(tx, now, limit);
    let sent = 0;
    for (const inv of due) {
      const settings = await d.settings.get(inv.workspace_id);
      const survey = (await findSurveys(tx, inv.workspace_id, [inv.survey_id])).get(inv.survey_id)!;
      const customer = (await store.customerProfiles(tx, inv.workspace_id, [inv.customer_id])).get(inv.customer_id)!;
      if ((await deliver(tx, d, settings, inv, survey, customer, now)).sent) sent++;
    }
    return { sent, suppressed: due.length - sent };
  });
}

/** One reminder per unanswered e-mail invitation, reminderDays after it was sent, unless it expired. */
export async function sendDueReminders(d: SignalDeps, limit = 100): Promise<number> {
  const now = d.clock.now();
  return d.db.transaction().execute(async (tx) => {
    const due = await store.claimDueReminders(tx, now, limit);
    let sent = 0;
    for (const inv of due) {
      await store.markReminded(tx, inv.workspace_id, inv.id, now);
      if (inv.expires_at && inv.expires_at <= now) continue;
      if (await store.isUnsubscribedRow(tx, inv.workspace_id, inv.customer_id)) continue;
      const settings = await d.settings.get(inv.workspace_id);
      const survey = (await findSurveys(tx, inv.workspace_id, [inv.survey_id])).get(inv.survey_id)!;
      if (survey.archivedAt) continue;
      const customer = (await store.customerProfiles(tx, inv.workspace_id, [inv.customer_id])).get(inv.customer_id)!;
      if (!customer.email) continue;
      const url = answerUrl(d.publicUrl, invitationToken(settings, inv.workspace_id, inv.id));
      await queueSurveyMail(tx, d, settings, inv, survey, customer, url, true, now);
      sent++;
    }
    return sent;
  });
}

const reasonText: Record<SuppressedReason, string> = {
  contact_rule: 'was invited to a survey too recently (the contact rule)',
  unsubscribed: 'has unsubscribed',
  no_email: 'has no e-mail address',
  sampled_out: 'was not drawn in the sample',
  survey_archived: 'cannot be invited: the survey is archived',
  guard: 'is held back by a guard rule (see the outbox for the reason)',
};

/**
 * An invitation chosen by a person: marked hand-picked (left out of headline scores by
 * default), sent at once. It skips sampling but not the contact rule or an unsubscribe.
 */
export async function inviteByHand(
  d: SignalDeps,
  workspaceId: string,
  surveyId: string,
  input: { customerId?: string; customer?: CustomerRef; channel: 'email' | 'link'; locale?: string },
  createdBy: string | null,
): Promise<Invitation> {
  const survey = await getSurvey(d.db, workspaceId, surveyId);
  if (survey.archivedAt) throw new KeptError('conflict', 'The survey is archived; it sends no more invitations');
  const settings = await d.settings.get(workspaceId);
  const now = d.clock.now();
  return d.db.transaction().execute(async (tx) => {
    const customerId = input.customerId ?? (await resolveCustomers(tx, workspaceId, [input.customer!], now))[0]!;
    const customer = (await store.customerProfiles(tx, workspaceId, [customerId])).get(customerId);
    if (!customer) throw notFound('The customer');
    const [inv] = await store.insertInvitations(tx, [
      newInvitation(workspaceId, {
        surveyId,
        customerId,
        channel: input.channel,
        origin: 'hand',
        sendAt: now,
        now,
        createdBy,
        locale: input.locale,
      }),
    ]);
    const r = await deliver(tx, d, settings, inv!, survey, customer, now);
    if (!r.sent) {
      const last = r.reason === 'contact_rule' ? await store.lastContact(tx, workspaceId, customerId) : undefined;
      throw new KeptError(
        'conflict',
        `Not sent: the customer ${reasonText[r.reason]}` +
          (last ? `; last invited ${last.toISOString().slice(0, 10)}, one invitation per ${settings.contactDays} days` : ''),
        { reason: r.reason },
      );
    }
    const row = (await store.findInvitation(tx, workspaceId, inv!.id))!;
    return toInvitation(row, { name: customer.name, email: customer.email, externalId: customer.external_id }, r.url);
  });
}

/**
 * A case's follow-up re-survey, in the caller's transaction: scheduled for `sendAt`, or sent at
 * once when that is now or past. Unsubscribes still hold; the contact rule does not.
 */
export async function inviteForFollowUp(
  tx: Db,
  d: SignalDeps,
  workspaceId: string,
  o: { surveyId: string; customerId: string; caseId: string; channel: 'email' | 'link'; sendAt: Date; createdBy: string | null },
): Promise<{ invitationId: string; status: 'scheduled' | 'sent' | 'suppressed'; reason?: SuppressedReason; url?: string }> {
  const now = d.clock.now();
  const survey = await getSurvey(tx, workspaceId, o.surveyId);
  if (survey.archivedAt) throw new KeptError('conflict', 'The survey is archived; it sends no more invitations');
  const customer = (await store.customerProfiles(tx, workspaceId, [o.customerId])).get(o.customerId)!;
  if (o.channel === 'email' && !customer.email) {
    throw new KeptError('invalid_input', 'The customer has no e-mail address', {
      problems: [{ path: ['channel'], message: 'the customer has no e-mail address: use channel link and share the link' }],
    });
  }
  const [inv] = await store.insertInvitations(tx, [
    newInvitation(workspaceId, { ...o, origin: 'follow_up', sendAt: o.sendAt > now ? o.sendAt : now, now }),
  ]);
  if (o.sendAt > now) return { invitationId: inv!.id, status: 'scheduled' };
  const r = await deliver(tx, d, await d.settings.get(workspaceId), inv!, survey, customer, now);
  return r.sent ? { invitationId: inv!.id, status: 'sent', url: r.url } : { invitationId: inv!.id, status: 'suppressed', reason: r.reason };
}

/** One-off send to a random sample of a segment: each drawn customer gets an e-mail invitation now. */
export async function drawSample(
  d: SignalDeps,
  workspaceId: string,
  surveyId: string,
  input: { segment?: { attribute: string; value: string }; size: number },
): Promise<{ eligible: number; scheduled: number }> {
  const survey = await getSurvey(d.db, workspaceId, surveyId);
  if (survey.archivedAt) throw new KeptError('conflict', 'The survey is archived; it sends no more invitations');
  const settings = await d.settings.get(workspaceId);
  const now = d.clock.now();
  const picked = await store.sampleCustomers(d.db, workspaceId, {
    attribute: input.segment?.attribute,
    value: input.segment?.value,
    size: input.size,
    now,
    days: settings.contactDays,
  });
  await d.db.transaction().execute((tx) =>
    store.insertInvitations(
      tx,
      picked.ids.map((customerId) =>
        newInvitation(workspaceId, { surveyId, customerId, channel: 'email', origin: 'sample', sendAt: now, now }),
      ),
    ),
  );
  return { eligible: picked.eligible, scheduled: picked.ids.length };
}

export async function listInvitations(
  d: SignalDeps,
  workspaceId: string,
  surveyId: string,
  page: { limit: number; cursor?: string },
): Promise<{ items: Invitation[]; nextCursor: string | null }> {
  await getSurvey(d.db, workspaceId, surveyId);
  const settings = await d.settings.get(workspaceId);
  const before = page.cursor ? decodeCursor(page.cursor, z.object({ at: z.iso.datetime(), id: z.uuid() })) : undefined;
  const rows = await store.listInvitationRows(
    d.db,
    workspaceId,
    surveyId,
    page.limit + 1,
    before && { at: new Date(before.at), id: before.id },
  );
  const items = rows
    .slice(0, page.limit)
    .map((r) =>
      toInvitation(r, r.customer, r.status === 'sent' ? answerUrl(d.publicUrl, invitationToken(settings, workspaceId, r.id)) : null),
    );
  const last = rows.length > page.limit ? rows[page.limit - 1]! : undefined;
  return { items, nextCursor: last ? encodeCursor({ at: last.created_at.toISOString(), id: last.id }) : null };
}

export type WidgetInvitation = { show: true; invitationId: string; customerLocale: string | null } | { show: false; reason: string };

/**
 * The widget's invitation for a customer the site vouched for (created when unknown). An open
 * one made recently is reused, so reloading the page neither burns the contact rule nor asks
 * twice; a recent answer, sample draw or refusal keeps the widget quiet until the window passes.
 */
export async function inviteForWidget(
  d: SignalDeps,
  settings: SignalSettings,
  workspaceId: string,
  survey: Survey,
  ref: CustomerRef,
  now: Date,
  random: () => number = Math.random,
): Promise<WidgetInvitation> {
  return d.db.transaction().execute(async (tx): Promise<WidgetInvitation> => {
    const customerId = (await resolveCustomers(tx, workspaceId, [ref], now))[0]!;
    const customer = (await store.customerProfiles(tx, workspaceId, [customerId])).get(customerId)!;
    if (await store.isUnsubscribedRow(tx, workspaceId, customerId)) return { show: false, reason: 'unsubscribed' };
    const since = new Date(now.getTime() - Math.max(settings.contactDays, 1) * day);
    const recent = await store.recentWidgetInvitation(tx, workspaceId, survey.id, customerId, since);
    if (recent) {
      if (recent.status === 'sent' && !recent.answered_at && (!recent.expires_at || recent.expires_at > now)) {
        return { show: true, invitationId: recent.id, customerLocale: customer.locale };
      }
      return { show: false, reason: recent.answered_at ? 'answered' : (recent.suppressed_reason ?? 'expired') };
    }
    const base = { surveyId: survey.id, customerId, channel: 'widget' as const, origin: 'widget' as const, sendAt: now, now };
    if (random() * 100 >= survey.samplePercent) {
      await store.insertInvitations(tx, [newInvitation(workspaceId, { ...base, status: 'suppressed', suppressedReason: 'sampled_out' })]);
      return { show: false, reason: 'sampled_out' };
    }
    const [inv] = await store.insertInvitations(tx, [newInvitation(workspaceId, base)]);
    const r = await deliver(tx, d, settings, inv!, survey, customer, now);
    return r.sent ? { show: true, invitationId: inv!.id, customerLocale: customer.locale } : { show: false, reason: r.reason };
  });
}
