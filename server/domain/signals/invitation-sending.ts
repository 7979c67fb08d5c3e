// Sending invitations: when an invitation's time comes it is sent unless a rule stops it (the
// survey was archived, the customer unsubscribed or has no e-mail, one voice holds it, or the
// contact rule says they were asked too recently). Every decision is kept on the invitation; a
// sent one goes on the customer's timeline, into the rollups and, by e-mail, into the outbox.
import type { Survey } from '../../../contract/surveys.ts';
import { uuidv7 } from '../../lib/ids.ts';
import type { Db } from '../../storage/database.ts';
import { insertEvents } from '../../storage/events.ts';
import * as store from '../../storage/invitations.ts';
import type { CustomerProfile, InvitationRecord, SuppressedReason } from '../../storage/invitations.ts';
import { appendRollupDeltas, segmentOf, utcDay } from '../../storage/rollup-deltas.ts';
import { takeContact } from '../../storage/survey-contacts.ts';
import { findSurveys } from '../../storage/surveys.ts';
import { hasUnsubscribed } from '../../storage/unsubscribes.ts';
import { checkMessage, type Verdict } from '../one-voice/guard.ts';
import { composeSurveyMail } from '../one-voice/mails.ts';
import { queueMessageIn, type Queued } from '../one-voice/outbox.ts';
import { answerUrl, invitationToken } from './links.ts';
import type { SignalDeps, SignalSettings } from './signal-settings.ts';
import { chooseLocale, textsFor } from './survey-texts.ts';
import { brandedSurvey } from './survey-brand.ts';
import { unsubscribeUrl } from './unsubscribe.ts';

const day = 86_400_000;

/**
 * Sends one claimed invitation or records why not, inside the caller's transaction. A sent
 * e-mail invitation queues its mail in the same transaction, so it goes out exactly when the
 * invitation counts as sent.
 */
export async function deliver(
  tx: Db,
  d: SignalDeps,
  settings: SignalSettings,
  inv: InvitationRecord,
  survey: Survey,
  customer: CustomerProfile,
  now: Date,
): Promise<{ sent: true; url: string } | { sent: false; reason: SuppressedReason }> {
  let reason: SuppressedReason | undefined;
  let verdict: Verdict | undefined;
  const url = answerUrl(d.publicUrl, invitationToken(settings, inv.workspaceId, inv.id));
  if (survey.archivedAt) reason = 'survey_archived';
  else if (await hasUnsubscribed(tx, inv.workspaceId, inv.customerId)) reason = 'unsubscribed';
  else if (inv.channel === 'email' && !customer.email) reason = 'no_email';
  // One voice: an invitation that contradicts the timeline (the customer has an open case) is not
  // sent, and does not use up the contact rule either.
  else if (
    inv.channel === 'email' &&
    (verdict = await checkMessage(tx, inv.workspaceId, inv.customerId, mailKind(inv, false), now)).action !== 'pass'
  )
    reason = 'guard';
  // The customer of a case was told we would follow up: the contact rule does not hold that back.
  else if (inv.origin !== 'follow_up' && !(await takeContact(tx, inv.workspaceId, inv.customerId, now, settings.contactDays)))
    reason = 'contact_rule';
  if (reason) {
    await store.markSuppressed(tx, inv.workspaceId, inv.id, reason);
    // The outbox keeps the guard's decision, in words, beside every other message.
    if (reason === 'guard') await queueSurveyMail(tx, d, settings, inv, survey, customer, url, false, now, verdict);
    return { sent: false, reason };
  }
  const expiresAt = new Date(now.getTime() + settings.expiryDays * day);
  const reminderDueAt = inv.channel === 'email' && settings.reminderDays > 0 ? new Date(now.getTime() + settings.reminderDays * day) : null;
  await store.markSent(tx, inv.workspaceId, inv.id, { sentAt: now, expiresAt, reminderDueAt });
  await appendRollupDeltas(tx, inv.workspaceId, [
    { surveyId: survey.id, day: utcDay(now), handPicked: inv.handPicked, segment: segmentOf(customer.attributes), invited: 1 },
  ]);
  await insertEvents(
    tx,
    inv.workspaceId,
    [
      {
        id: uuidv7(now.getTime()),
        customerId: inv.customerId,
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
          handPicked: inv.handPicked,
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
  inv: InvitationRecord,
  survey: Survey,
  customer: CustomerProfile,
  url: string,
  reminder: boolean,
  now: Date,
  verdict?: Verdict,
): Promise<Queued> {
  survey = await brandedSurvey(tx, inv.workspaceId, survey);
  const locale = chooseLocale(survey, [inv.locale, customer.locale]);
  const mail = composeSurveyMail({
    survey,
    texts: textsFor(survey, locale),
    locale,
    customerName: customer.name,
    answerUrl: url,
    unsubscribeUrl: unsubscribeUrl(d.publicUrl, settings.linkSecret, inv.workspaceId, inv.customerId),
    reminder,
  });
  return queueMessageIn(
    tx,
    d.clock,
    inv.workspaceId,
    { customerId: inv.customerId, invitationId: inv.id, kind: mailKind(inv, reminder), source: 'kept', to: customer.email!, ...mail },
    { verdict, holdable: false },
  );
}

/** A case's follow-up (and its reminder) is its own kind: the rules about surveys during an open case do not stop it. */
const mailKind = (inv: InvitationRecord, reminder: boolean) =>
  inv.origin === 'follow_up' ? 'survey_follow_up' : reminder ? 'survey_reminder' : 'survey_invitation';

/** Sends (or suppresses) the scheduled invitations that are due, in batches; safe on several instances. */
export async function dispatchDueInvitations(d: SignalDeps, limit = 100): Promise<{ sent: number; suppressed: number }> {
  const now = d.clock.now();
  return d.db.transaction().execute(async (tx) => {
    const due = await store.claimDueInvitations(tx, now, limit);
    let sent = 0;
    for (const inv of due) {
      const settings = await d.settings.get(inv.workspaceId);
      const survey = (await findSurveys(tx, inv.workspaceId, [inv.surveyId])).get(inv.surveyId)!;
      const customer = (await store.customerProfiles(tx, inv.workspaceId, [inv.customerId])).get(inv.customerId)!;
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
      await store.markReminded(tx, inv.workspaceId, inv.id, now);
      if (inv.expiresAt && inv.expiresAt <= now) continue;
      if (await hasUnsubscribed(tx, inv.workspaceId, inv.customerId)) continue;
      const settings = await d.settings.get(inv.workspaceId);
      const survey = (await findSurveys(tx, inv.workspaceId, [inv.surveyId])).get(inv.surveyId)!;
      if (survey.archivedAt) continue;
      const customer = (await store.customerProfiles(tx, inv.workspaceId, [inv.customerId])).get(inv.customerId)!;
      if (!customer.email) continue;
      const url = answerUrl(d.publicUrl, invitationToken(settings, inv.workspaceId, inv.id));
      await queueSurveyMail(tx, d, settings, inv, survey, customer, url, true, now);
      sent++;
    }
    return sent;
  });
}
