// A new invitation, as every way of inviting makes it: a trigger, a sample, the widget, a person
// or a case's follow-up.
import { uuidv7 } from '../../lib/ids.ts';
import type { InvitationChannel, InvitationOrigin, NewInvitation, SuppressedReason } from '../../storage/invitations.ts';

export function newInvitation(
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
): NewInvitation {
  return {
    workspaceId,
    id: uuidv7(o.now.getTime()),
    surveyId: o.surveyId,
    customerId: o.customerId,
    channel: o.channel,
    origin: o.origin,
    // A case's follow-up is chosen, not drawn: like a hand-picked one, it stays out of headline scores.
    handPicked: o.origin === 'hand' || o.origin === 'follow_up',
    createdBy: o.createdBy ?? null,
    triggerId: o.triggerId ?? null,
    eventId: o.eventId ?? null,
    locale: o.locale ?? null,
    status: o.status ?? 'scheduled',
    suppressedReason: o.suppressedReason ?? null,
    sendAt: o.sendAt,
    createdAt: o.now,
    caseId: o.caseId ?? null,
  };
}
