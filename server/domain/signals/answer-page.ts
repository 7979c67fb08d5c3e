// The answer page: what a customer's survey link shows (the invitation, its survey and any
// answer they gave), or a clear error for a bad, expired or closed link.
import type { Survey } from '../../../contract/surveys.ts';
import * as invitations from '../../storage/invitations.ts';
import { findResponseByInvitation } from '../../storage/responses.ts';
import { findSurveys } from '../../storage/surveys.ts';
import { refusal, verifiedLink } from './answers.ts';
import type { SignalDeps } from './signal-settings.ts';
import { speakingAs } from './survey-brand.ts';
import { companyVoice } from '../core/company-profile.ts';

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
  /** The survey, speaking as the company (its brand filled from the company profile). */
  survey: Survey;
  /** The company shows "Powered by Kept" on its pages. */
  poweredBy: boolean;
  customer: { id: string; name: string | null; locale: string | null; attributes: Record<string, unknown> };
  response: { id: string; score: number; reason: string | null; answers: Record<string, string>; closesAt: Date | null } | null;
}

/** What the answer page shows for a link; throws a clear error for a bad, expired or closed one. */
export async function openInvitation(d: SignalDeps, token: string): Promise<OpenedInvitation> {
  const link = await verifiedLink(d, token);
  const inv = await invitations.findInvitation(d.db, link.workspaceId, link.id);
  const survey = inv && (await findSurveys(d.db, link.workspaceId, [inv.surveyId])).get(inv.surveyId);
  const r = inv && (await findResponseByInvitation(d.db, link.workspaceId, inv.id));
  const refused = refusal(inv, survey, r, d.clock.now());
  if (refused) throw refused;
  const company = await companyVoice(d.db, link.workspaceId);
  const customer = (await invitations.customerProfiles(d.db, link.workspaceId, [inv!.customerId])).get(inv!.customerId)!;
  return {
    workspaceId: link.workspaceId,
    invitation: {
      id: inv!.id,
      surveyId: inv!.surveyId,
      customerId: inv!.customerId,
      channel: inv!.channel,
      expiresAt: inv!.expiresAt,
      answeredAt: inv!.answeredAt,
      locale: inv!.locale,
      handPicked: inv!.handPicked,
    },
    survey: speakingAs(survey!, company),
    poweredBy: company.poweredBy,
    customer: { id: customer.id, name: customer.name, locale: customer.locale, attributes: customer.attributes },
    response: r ? { id: r.id, score: r.score, reason: r.reason, answers: r.answers, closesAt: r.closesAt } : null,
  };
}
