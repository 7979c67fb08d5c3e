// Listing a survey's invitations for staff, newest first, with each sent one's answer link.
import { z } from 'zod';
import type { Invitation } from '../../../contract/surveys.ts';
import * as store from '../../storage/invitations.ts';
import type { CustomerNames, InvitationRecord } from '../../storage/invitations.ts';
import { decodeCursor, encodeCursor } from '../core/cursor.ts';
import { answerUrl, invitationToken } from './links.ts';
import type { SignalDeps } from './signal-settings.ts';
import { getSurvey } from './surveys.ts';

export function toInvitation(r: InvitationRecord, customer: CustomerNames, url: string | null): Invitation {
  return {
    id: r.id,
    surveyId: r.surveyId,
    customerId: r.customerId,
    customer,
    channel: r.channel,
    origin: r.origin,
    handPicked: r.handPicked,
    createdBy: r.createdBy,
    status: r.status,
    suppressedReason: r.suppressedReason,
    sendAt: r.sendAt.toISOString(),
    sentAt: r.sentAt?.toISOString() ?? null,
    expiresAt: r.expiresAt?.toISOString() ?? null,
    remindedAt: r.remindedAt?.toISOString() ?? null,
    answeredAt: r.answeredAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    url,
  };
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
  const rows = await store.listInvitationsOf(
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
  return { items, nextCursor: last ? encodeCursor({ at: last.createdAt.toISOString(), id: last.id }) : null };
}
