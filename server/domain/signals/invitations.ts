// Inviting on purpose: a person picks a customer (then the invitation is marked hand-picked), a
// case asks for its follow-up, or staff draw a random sample of a segment. Triggers are in
// triggers.ts, the widget's invitations in widget.ts, and sending in invitation-sending.ts.
import { checkReferences } from '../core/references.ts';
import type { CustomerRef } from '../../../contract/events.ts';
import type { Invitation } from '../../../contract/surveys.ts';
import { resolveCustomers } from '../../storage/customers.ts';
import type { Db } from '../../storage/database.ts';
import * as store from '../../storage/invitations.ts';
import type { SuppressedReason } from '../../storage/invitations.ts';
import { lastContact, sampleCustomers } from '../../storage/survey-contacts.ts';
import { KeptError, notFound } from '../core/errors.ts';
import { deliver } from './invitation-sending.ts';
import { toInvitation } from './invitation-list.ts';
import { newInvitation } from './new-invitation.ts';
import type { SignalDeps } from './signal-settings.ts';
import { getSurvey } from './surveys.ts';

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
  await checkReferences(d.db, workspaceId, [['customer', input.customerId, ['customerId']]]);
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
      const last = r.reason === 'contact_rule' ? await lastContact(tx, workspaceId, customerId) : undefined;
      throw new KeptError(
        'conflict',
        `Not sent: the customer ${reasonText[r.reason]}` +
          (last ? `; last invited ${last.toISOString().slice(0, 10)}, one invitation per ${settings.contactDays} days` : ''),
        { reason: r.reason },
      );
    }
    const sent = (await store.findInvitation(tx, workspaceId, inv!.id))!;
    return toInvitation(sent, { name: customer.name, email: customer.email, externalId: customer.externalId }, r.url);
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
  const picked = await sampleCustomers(d.db, workspaceId, {
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
