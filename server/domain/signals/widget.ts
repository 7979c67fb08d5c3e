// The widget: the embeddable script asks whether to show a survey to the customer signed in on
// a site. The site vouches for the customer with an HMAC of their externalId made with the
// workspace's widget secret; a wrong signature is refused, so nobody can answer as someone else.
// Showing the prompt is an invitation like any other: sampling, the contact rule and
// unsubscribes apply. A customer who reloads the page gets the same open invitation back.
import type { CustomerRef } from '../../../contract/events.ts';
import { scaleOf, type Survey } from '../../../contract/surveys.ts';
import { resolveCustomers } from '../../storage/customers.ts';
import type { Db } from '../../storage/database.ts';
import * as store from '../../storage/invitations.ts';
import { findWorkspaceBySlug } from '../../storage/staff.ts';
import { hasUnsubscribed } from '../../storage/unsubscribes.ts';
import { KeptError } from '../core/errors.ts';
import { deliver } from './invitation-sending.ts';
import { invitationToken, verifyWidgetSignature } from './links.ts';
import { newInvitation } from './new-invitation.ts';
import type { SignalDeps, SignalSettings } from './signal-settings.ts';
import { chooseLocale, textsFor } from './survey-texts.ts';
import { brandedSurvey } from './survey-brand.ts';
import { getSurvey } from './surveys.ts';

const day = 86_400_000;

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

/** Whether the widget shows the survey to the customer the site vouches for, and what it shows. */
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
  const survey = await brandedSurvey(d.db, workspaceId, await getSurvey(d.db, workspaceId, input.surveyId));
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

type WidgetInvitation = { show: true; invitationId: string; customerLocale: string | null } | { show: false; reason: string };

/**
 * The widget's invitation for a customer the site vouched for (created when unknown). An open
 * one made recently is reused, so reloading the page neither burns the contact rule nor asks
 * twice; a recent answer, sample draw or refusal keeps the widget quiet until the window passes.
 */
async function inviteForWidget(
  d: SignalDeps,
  settings: SignalSettings,
  workspaceId: string,
  survey: Survey,
  ref: CustomerRef,
  now: Date,
  random: () => number,
): Promise<WidgetInvitation> {
  return d.db.transaction().execute(async (tx): Promise<WidgetInvitation> => {
    const customerId = (await resolveCustomers(tx, workspaceId, [ref], now))[0]!;
    const customer = (await store.customerProfiles(tx, workspaceId, [customerId])).get(customerId)!;
    if (await hasUnsubscribed(tx, workspaceId, customerId)) return { show: false, reason: 'unsubscribed' };
    const since = new Date(now.getTime() - Math.max(settings.contactDays, 1) * day);
    const recent = await store.recentWidgetInvitation(tx, workspaceId, survey.id, customerId, since);
    if (recent) {
      if (recent.status === 'sent' && !recent.answeredAt && (!recent.expiresAt || recent.expiresAt > now)) {
        return { show: true, invitationId: recent.id, customerLocale: customer.locale };
      }
      return { show: false, reason: recent.answeredAt ? 'answered' : (recent.suppressedReason ?? 'expired') };
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
