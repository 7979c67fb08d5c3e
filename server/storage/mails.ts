// The mail outbox: every e-mail Kept sends is first a row here, queued in the transaction that
// decided to send it. The sender claims due rows with SKIP LOCKED and a lease, so several
// instances never send one mail at the same time; with no SMTP server a mail becomes a preview.
import { sql, type Selectable } from 'kysely';
import { uuidv7 } from '../domain/ids.ts';
import type { Db } from './database.ts';
import type { MailsTable } from './schema.ts';

export type MailRow = Selectable<MailsTable>;

export interface NewMail {
  customerId: string | null;
  invitationId: string | null;
  /** What the mail is, e.g. survey_invitation, survey_reminder. */
  kind: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

/** Queues a mail to go out as soon as the sender runs; answers its id. */
export async function enqueueMail(tx: Db, workspaceId: string, m: NewMail, now: Date): Promise<string> {
  const id = uuidv7(now.getTime());
  await tx
    .insertInto('mails')
    .values({
      workspace_id: workspaceId,
      id,
      customer_id: m.customerId,
      invitation_id: m.invitationId,
      kind: m.kind,
      to_address: m.to,
      subject: m.subject,
      html: m.html,
      text: m.text,
      headers: JSON.stringify(m.headers),
      status: 'queued',
      attempts: 0,
      next_attempt_at: now,
      created_at: now,
    })
    .execute();
  return id;
}

export interface ClaimedMail extends MailRow {
  /** A survey mail whose customer unsubscribed after it was queued: it must not go out. (An unsubscribe is from
   * survey mail; messages about the customer's own case still reach them.) */
  unsubscribed: boolean;
}

/**
 * Takes up to `limit` due mails for sending: counts the attempt and moves next_attempt_at to
 * now + leaseMs, in one statement over rows locked with SKIP LOCKED. Another sender skips rows
 * being claimed and, once the claim commits, sees them as not due until the lease runs out, so
 * a mail is with one sender at a time even though the SMTP conversation happens outside any
 * transaction. A sender that dies mid-send leaves the mail to be retried after the lease.
 */
export async function claimDueMails(db: Db, now: Date, limit: number, leaseMs: number): Promise<ClaimedMail[]> {
  const r = await sql<ClaimedMail>`
    UPDATE mails m SET attempts = m.attempts + 1, next_attempt_at = ${new Date(now.getTime() + leaseMs)}
    FROM (
      SELECT workspace_id, id FROM mails
      WHERE status = 'queued' AND next_attempt_at <= ${now}
      ORDER BY next_attempt_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    ) due
    WHERE m.workspace_id = due.workspace_id AND m.id = due.id
    RETURNING m.*, m.kind IN ('survey_invitation', 'survey_reminder') AND EXISTS (
      SELECT 1 FROM unsubscribes u WHERE u.workspace_id = m.workspace_id AND u.customer_id = m.customer_id
    ) AS unsubscribed`.execute(db);
  return r.rows;
}

/**
 * With no SMTP server: every due mail becomes a preview at once (one statement, SKIP LOCKED).
 * Answers how many.
 */
export async function previewDueMails(db: Db, now: Date, limit: number): Promise<number> {
  const r = await sql`
    UPDATE mails m SET status = 'preview', next_attempt_at = NULL
    FROM (
      SELECT workspace_id, id FROM mails
      WHERE status = 'queued' AND next_attempt_at <= ${now}
      ORDER BY next_attempt_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    ) due
    WHERE m.workspace_id = due.workspace_id AND m.id = due.id`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

const byId = (db: Db, workspaceId: string, id: string) =>
  db.updateTable('mails').where('workspace_id', '=', workspaceId).where('id', '=', id).where('status', '=', 'queued');

export async function markMailSent(db: Db, workspaceId: string, id: string, now: Date): Promise<void> {
  await byId(db, workspaceId, id).set({ status: 'sent', sent_at: now, next_attempt_at: null, last_error: null }).execute();
}

/** A failed attempt that will be tried again at `nextAttemptAt`. */
export async function markMailRetry(db: Db, workspaceId: string, id: string, error: string, nextAttemptAt: Date): Promise<void> {
  await byId(db, workspaceId, id)
    .set({ next_attempt_at: nextAttemptAt, last_error: error.slice(0, 2000) })
    .execute();
}

/** Given up: the mail stays in the outbox with its last error. */
export async function markMailFailed(db: Db, workspaceId: string, id: string, error: string): Promise<void> {
  await byId(db, workspaceId, id)
    .set({ status: 'failed', next_attempt_at: null, last_error: error.slice(0, 2000) })
    .execute();
}

/** A workspace's mail, newest first; `before` is the keyset position of the last row of the previous page. */
export async function listMailRows(db: Db, workspaceId: string, limit: number, before?: { at: Date; id: string }): Promise<MailRow[]> {
  let q = db.selectFrom('mails').selectAll().where('workspace_id', '=', workspaceId);
  if (before) {
    const b = before;
    q = q.where(({ eb, refTuple, tuple }) => eb(refTuple('created_at', 'id'), '<', tuple(b.at, b.id)));
  }
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export async function findMail(db: Db, workspaceId: string, id: string): Promise<MailRow | undefined> {
  return db.selectFrom('mails').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}
