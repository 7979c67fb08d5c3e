// Invitations: scheduled, sent or suppressed, and what they need to know of their customers.
import type { Selectable } from 'kysely';
import type { Invitation } from '../../contract/surveys.ts';
import type { Db } from './database.ts';
import type { InvitationsTable } from './schema.ts';

export type InvitationChannel = Invitation['channel'];
export type InvitationOrigin = Invitation['origin'];
export type InvitationStatus = Invitation['status'];
export type SuppressedReason = NonNullable<Invitation['suppressedReason']>;

export interface InvitationRecord {
  workspaceId: string;
  id: string;
  surveyId: string;
  customerId: string;
  channel: InvitationChannel;
  origin: InvitationOrigin;
  handPicked: boolean;
  createdBy: string | null;
  triggerId: string | null;
  eventId: string | null;
  locale: string | null;
  status: InvitationStatus;
  suppressedReason: SuppressedReason | null;
  sendAt: Date;
  sentAt: Date | null;
  expiresAt: Date | null;
  reminderDueAt: Date | null;
  remindedAt: Date | null;
  answeredAt: Date | null;
  createdAt: Date;
  /** A follow-up re-survey's case. */
  caseId: string | null;
}

/** An invitation as made: not sent, reminded or answered yet. */
export type NewInvitation = Omit<InvitationRecord, 'sentAt' | 'expiresAt' | 'reminderDueAt' | 'remindedAt' | 'answeredAt'> & {
  status: 'scheduled' | 'suppressed';
};

export const toInvitationRecord = (r: Selectable<InvitationsTable>): InvitationRecord => ({
  workspaceId: r.workspace_id,
  id: r.id,
  surveyId: r.survey_id,
  customerId: r.customer_id,
  channel: r.channel,
  origin: r.origin,
  handPicked: r.hand_picked,
  createdBy: r.created_by,
  triggerId: r.trigger_id,
  eventId: r.event_id,
  locale: r.locale,
  status: r.status,
  suppressedReason: r.suppressed_reason,
  sendAt: r.send_at,
  sentAt: r.sent_at,
  expiresAt: r.expires_at,
  reminderDueAt: r.reminder_due_at,
  remindedAt: r.reminded_at,
  answeredAt: r.answered_at,
  createdAt: r.created_at,
  caseId: r.case_id,
});

/** Stores new invitations; answers those actually inserted (a repeat of (trigger, event) adds nothing). */
export async function insertInvitations(tx: Db, invitations: NewInvitation[]): Promise<InvitationRecord[]> {
  if (!invitations.length) return [];
  // A trigger invites once per event: a retried batch conflicts on (trigger, event) and adds nothing.
  const rows = await tx
    .insertInto('invitations')
    .values(
      invitations.map((i) => ({
        workspace_id: i.workspaceId,
        id: i.id,
        survey_id: i.surveyId,
        customer_id: i.customerId,
        channel: i.channel,
        origin: i.origin,
        hand_picked: i.handPicked,
        created_by: i.createdBy,
        trigger_id: i.triggerId,
        event_id: i.eventId,
        locale: i.locale,
        status: i.status,
        suppressed_reason: i.suppressedReason,
        send_at: i.sendAt,
        created_at: i.createdAt,
        case_id: i.caseId,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .execute();
  return rows.map(toInvitationRecord);
}

/** Scheduled invitations whose time has come, locked for this transaction; others skip them. */
export async function claimDueInvitations(tx: Db, now: Date, limit: number): Promise<InvitationRecord[]> {
  const rows = await tx
    .selectFrom('invitations')
    .selectAll()
    .where('status', '=', 'scheduled')
    .where('send_at', '<=', now)
    .orderBy('send_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.map(toInvitationRecord);
}

/** Sent e-mail invitations, unanswered, whose reminder is due; locked for this transaction. */
export async function claimDueReminders(tx: Db, now: Date, limit: number): Promise<InvitationRecord[]> {
  const rows = await tx
    .selectFrom('invitations')
    .selectAll()
    .where('reminder_due_at', '<=', now)
    .where('reminded_at', 'is', null)
    .where('answered_at', 'is', null)
    .orderBy('reminder_due_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.map(toInvitationRecord);
}

export async function markReminded(tx: Db, workspaceId: string, id: string, now: Date): Promise<void> {
  await tx.updateTable('invitations').set({ reminded_at: now }).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

export async function markSent(
  tx: Db,
  workspaceId: string,
  id: string,
  at: { sentAt: Date; expiresAt: Date; reminderDueAt: Date | null },
): Promise<void> {
  await tx
    .updateTable('invitations')
    .set({ status: 'sent', sent_at: at.sentAt, expires_at: at.expiresAt, reminder_due_at: at.reminderDueAt })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function markSuppressed(tx: Db, workspaceId: string, id: string, reason: SuppressedReason): Promise<void> {
  await tx
    .updateTable('invitations')
    .set({ status: 'suppressed', suppressed_reason: reason })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function findInvitation(db: Db, workspaceId: string, id: string, lock = false): Promise<InvitationRecord | undefined> {
  let q = db.selectFrom('invitations').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (lock) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r && toInvitationRecord(r);
}

/** The customer's newest widget invitation to this survey made since `since` (sent or sampled out). */
export async function recentWidgetInvitation(
  db: Db,
  workspaceId: string,
  surveyId: string,
  customerId: string,
  since: Date,
): Promise<InvitationRecord | undefined> {
  const r = await db
    .selectFrom('invitations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', '=', customerId)
    .where('survey_id', '=', surveyId)
    .where('channel', '=', 'widget')
    .where('created_at', '>=', since)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r && toInvitationRecord(r);
}

/** A survey's invitations, newest first, keyset-paged, each with who its customer is. */
export async function listInvitationsOf(
  db: Db,
  workspaceId: string,
  surveyId: string,
  limit: number,
  before?: { at: Date; id: string },
): Promise<(InvitationRecord & { customer: CustomerNames })[]> {
  let q = db.selectFrom('invitations').selectAll().where('workspace_id', '=', workspaceId).where('survey_id', '=', surveyId);
  if (before) {
    q = q.where((eb) => eb.or([eb('created_at', '<', before.at), eb.and([eb('created_at', '=', before.at), eb('id', '<', before.id)])]));
  }
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  const names = await customerNames(
    db,
    workspaceId,
    rows.map((r) => r.customer_id),
  );
  return rows.map((r) => ({
    ...toInvitationRecord(r),
    customer: names.get(r.customer_id) ?? { name: null, email: null, externalId: null },
  }));
}

export interface CustomerNames {
  name: string | null;
  email: string | null;
  externalId: string | null;
}

/** Who each customer is, for lists: name, e-mail, external id. */
async function customerNames(db: Db, workspaceId: string, ids: string[]): Promise<Map<string, CustomerNames>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('customers')
    .select(['id', 'name', 'email', 'external_id'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, email: r.email, externalId: r.external_id }]));
}

/** What sending a survey and storing an answer need to know of a customer. */
export interface CustomerProfile {
  id: string;
  email: string | null;
  name: string | null;
  externalId: string | null;
  locale: string | null;
  attributes: Record<string, unknown>;
}

export async function customerProfiles(db: Db, workspaceId: string, ids: string[]): Promise<Map<string, CustomerProfile>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('customers')
    .select(['id', 'email', 'name', 'external_id', 'locale', 'attributes'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, email: r.email, name: r.name, externalId: r.external_id, locale: r.locale, attributes: r.attributes },
    ]),
  );
}

/** Invitations by id, locked for this transaction (in id order, so concurrent lockers cannot deadlock). */
export async function lockInvitations(tx: Db, workspaceId: string, ids: string[]): Promise<Map<string, InvitationRecord>> {
  if (!ids.length) return new Map();
  const rows = await tx
    .selectFrom('invitations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...new Set(ids)])
    .orderBy('id')
    .forUpdate()
    .execute();
  return new Map(rows.map((r) => [r.id, toInvitationRecord(r)]));
}
