// Invitations: scheduled, sent or suppressed; the contact rule's ledger; unsubscribes.
import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db } from './database.ts';
import type { InvitationsTable, SuppressedReason } from './schema.ts';

export type InvitationRow = Selectable<InvitationsTable>;

export async function insertInvitations(tx: Db, rows: Insertable<InvitationsTable>[]): Promise<InvitationRow[]> {
  if (!rows.length) return [];
  // A trigger invites once per event: a retried batch conflicts on (trigger, event) and adds nothing.
  return tx
    .insertInto('invitations')
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .execute();
}

/** Scheduled invitations whose time has come, locked for this transaction; others skip them. */
export async function claimDueInvitations(tx: Db, now: Date, limit: number): Promise<InvitationRow[]> {
  return tx
    .selectFrom('invitations')
    .selectAll()
    .where('status', '=', 'scheduled')
    .where('send_at', '<=', now)
    .orderBy('send_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

/** Sent e-mail invitations, unanswered, whose reminder is due; locked for this transaction. */
export async function claimDueReminders(tx: Db, now: Date, limit: number): Promise<InvitationRow[]> {
  return tx
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

/**
 * The contact rule, atomically: records that the customer is invited now unless they were
 * invited less than `days` days ago. Concurrent callers for one customer serialise on the row,
 * so at most one of them wins within the window.
 */
export async function takeContact(tx: Db, workspaceId: string, customerId: string, now: Date, days: number): Promise<boolean> {
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const r = await sql`INSERT INTO survey_contacts AS c (workspace_id, customer_id, last_invited_at)
    VALUES (${workspaceId}, ${customerId}, ${now})
    ON CONFLICT (workspace_id, customer_id) DO UPDATE SET last_invited_at = excluded.last_invited_at
    WHERE c.last_invited_at <= ${cutoff}
    RETURNING 1`.execute(tx);
  return r.rows.length === 1;
}

export async function lastContact(db: Db, workspaceId: string, customerId: string): Promise<Date | undefined> {
  const r = await db
    .selectFrom('survey_contacts')
    .select('last_invited_at')
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  return r?.last_invited_at;
}

export async function isUnsubscribedRow(db: Db, workspaceId: string, customerId: string): Promise<boolean> {
  const r = await db
    .selectFrom('unsubscribes')
    .select('customer_id')
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  return !!r;
}

export async function findInvitation(db: Db, workspaceId: string, id: string, lock = false): Promise<InvitationRow | undefined> {
  let q = db.selectFrom('invitations').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** The customer's newest widget invitation to this survey made since `since` (sent or sampled out). */
export async function recentWidgetInvitation(db: Db, workspaceId: string, surveyId: string, customerId: string, since: Date) {
  return db
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
}

export async function listInvitationRows(db: Db, workspaceId: string, surveyId: string, limit: number, before?: { at: Date; id: string }) {
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
  return rows.map((r) => ({ ...r, customer: names.get(r.customer_id) ?? { name: null, email: null, externalId: null } }));
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

/** Customers with an e-mail, not unsubscribed, not invited within `days`, in the segment: `size` of them at random. */
export async function sampleCustomers(
  db: Db,
  workspaceId: string,
  opts: { attribute?: string; value?: string; size: number; now: Date; days: number },
): Promise<{ eligible: number; ids: string[] }> {
  const cutoff = new Date(opts.now.getTime() - opts.days * 86_400_000);
  const segment = opts.attribute ? sql`AND c.attributes ->> ${opts.attribute} = ${opts.value!}` : sql``;
  const r = await sql<{ id: string; eligible: number }>`
    SELECT c.id, count(*) OVER () AS eligible FROM customers c
    WHERE c.workspace_id = ${workspaceId} AND c.email IS NOT NULL ${segment}
      AND NOT EXISTS (SELECT 1 FROM unsubscribes u WHERE u.workspace_id = c.workspace_id AND u.customer_id = c.id)
      AND NOT EXISTS (SELECT 1 FROM survey_contacts sc WHERE sc.workspace_id = c.workspace_id AND sc.customer_id = c.id
                      AND sc.last_invited_at > ${cutoff})
    ORDER BY random() LIMIT ${opts.size}`.execute(db);
  return { eligible: r.rows[0]?.eligible ?? 0, ids: r.rows.map((x) => x.id) };
}

export async function customerProfiles(db: Db, workspaceId: string, ids: string[]) {
  if (!ids.length)
    return new Map<
      string,
      {
        id: string;
        email: string | null;
        name: string | null;
        external_id: string | null;
        locale: string | null;
        attributes: Record<string, unknown>;
      }
    >();
  const rows = await db
    .selectFrom('customers')
    .select(['id', 'email', 'name', 'external_id', 'locale', 'attributes'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Invitations by id, locked for this transaction (in id order, so concurrent lockers cannot deadlock). */
export async function lockInvitations(tx: Db, workspaceId: string, ids: string[]): Promise<Map<string, InvitationRow>> {
  if (!ids.length) return new Map();
  const rows = await tx
    .selectFrom('invitations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...new Set(ids)])
    .orderBy('id')
    .forUpdate()
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}
