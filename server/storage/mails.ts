// The mail outbox: every e-mail Kept sends is first a row here, queued in the transaction that
// decided to send it. A mail goes queued -> sending -> sent, back to queued for a retry, or
// failed; with no SMTP server it becomes a preview. `sending` is committed before the SMTP
// conversation starts, under a claim (claim_id) that fences the outcome and a lease the sender
// renews. A `sending` mail whose lease ran out is `unknown`, which no sender claims: only a
// person's resend queues it again. Why at most once: see domain/one-voice/mail-delivery.ts.
import { sql, type Selectable } from 'kysely';
import type { MailStatus } from '../../contract/mails.ts';
import { uuidv7 } from '../lib/ids.ts';
import type { Db } from './database.ts';
import type { MailsTable } from './schema.ts';
import { unsubscribedSql } from './unsubscribes.ts';

type MailRow = Selectable<MailsTable>;

/** One mail of the outbox, as the domain reads it. */
export interface MailRecord {
  workspaceId: string;
  id: string;
  customerId: string | null;
  invitationId: string | null;
  kind: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  status: MailStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date | null;
  createdAt: Date;
  sentAt: Date | null;
  /** The claim of the sender that holds (or last held) it; fences that sender's outcome. */
  claimId: string | null;
  claimedBy: string | null;
  claimedAt: Date | null;
  leaseUntil: Date | null;
  messageId: string | null;
}

export const toRecord = (r: MailRow): MailRecord => ({
  workspaceId: r.workspace_id,
  id: r.id,
  customerId: r.customer_id,
  invitationId: r.invitation_id,
  kind: r.kind,
  to: r.to_address,
  subject: r.subject,
  html: r.html,
  text: r.text,
  headers: r.headers,
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  nextAttemptAt: r.next_attempt_at,
  createdAt: r.created_at,
  sentAt: r.sent_at,
  claimId: r.claim_id,
  claimedBy: r.claimed_by,
  claimedAt: r.claimed_at,
  leaseUntil: r.lease_until,
  messageId: r.message_id,
});

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

/** A sender's hold on one mail: every outcome is written only while the claim is the mail's. */
export interface MailClaim {
  workspaceId: string;
  mailId: string;
  claimId: string;
}

/** A survey mail whose customer unsubscribed after it was queued: it must not go out. (An unsubscribe is from
 * survey mail; messages about the customer's own case still reach them.) */
const unsubscribed = (m: string) =>
  sql`${sql.ref(`${m}.kind`)} IN ('survey_invitation', 'survey_reminder', 'survey_follow_up') AND ${unsubscribedSql(sql.ref(`${m}.workspace_id`), sql.ref(`${m}.customer_id`))}`;

export const unsubscribedError = 'Not sent: the customer unsubscribed after this mail was queued';

/** Due mails whose customer unsubscribed since they were queued become failed (SKIP LOCKED); answers how many. */
export async function failUnsubscribedDueMails(db: Db, now: Date, limit: number): Promise<number> {
  const r = await sql`
    UPDATE mails m SET status = 'failed', next_attempt_at = NULL, last_error = ${unsubscribedError}
    FROM (
      SELECT workspace_id, id FROM mails q
      WHERE status = 'queued' AND next_attempt_at <= ${now} AND ${unsubscribed('q')}
      ORDER BY next_attempt_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    ) due
    WHERE m.workspace_id = due.workspace_id AND m.id = due.id`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/**
 * Takes the next due mail for sending in one statement over a row locked with SKIP LOCKED: it
 * becomes `sending` under a new claim, held by `claimedBy` until `leaseUntil`, its attempt is
 * counted and its Message-ID fixed (`<id@messageIdDomain>`, kept for every later attempt). The
 * statement commits before the caller opens the SMTP connection, so another sender skips the
 * mail, and a sender that dies leaves a mail visibly `sending` rather than silently queued.
 */
export async function claimNextMail(
  db: Db,
  now: Date,
  o: { claimId: string; claimedBy: string; leaseUntil: Date; messageIdDomain: string },
): Promise<MailRecord | undefined> {
  const r = await sql<MailRow>`
    UPDATE mails m SET status = 'sending', attempts = m.attempts + 1, next_attempt_at = NULL,
      claim_id = ${o.claimId}, claimed_by = ${o.claimedBy}, claimed_at = ${now}, lease_until = ${o.leaseUntil},
      message_id = COALESCE(m.message_id, '<' || m.id || '@' || ${o.messageIdDomain} || '>')
    FROM (
      SELECT workspace_id, id FROM mails q
      WHERE status = 'queued' AND next_attempt_at <= ${now} AND NOT (${unsubscribed('q')})
      ORDER BY next_attempt_at
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    ) due
    WHERE m.workspace_id = due.workspace_id AND m.id = due.id
    RETURNING m.*`.execute(db);
  return r.rows[0] && toRecord(r.rows[0]);
}

/**
 * Claims whose lease ran out: their sender died (or lost the database) in the middle of the SMTP
 * conversation, so the mail may or may not have been delivered. They become `unknown` with
 * `reason`, and are not sent again unless a person chooses to. Answers the mails changed.
 */
export async function markAbandonedMailsUnknown(
  db: Db,
  now: Date,
  reason: string,
  limit = 100,
): Promise<{ workspaceId: string; id: string; claimedBy: string | null; claimedAt: Date | null }[]> {
  const r = await sql<{ workspace_id: string; id: string; claimed_by: string | null; claimed_at: Date | null }>`
    UPDATE mails m SET status = 'unknown', lease_until = NULL, last_error = ${reason}
    FROM (
      SELECT workspace_id, id FROM mails
      WHERE status = 'sending' AND lease_until <= ${now}
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    ) gone
    WHERE m.workspace_id = gone.workspace_id AND m.id = gone.id
    RETURNING m.workspace_id, m.id, m.claimed_by, m.claimed_at`.execute(db);
  return r.rows.map((x) => ({ workspaceId: x.workspace_id, id: x.id, claimedBy: x.claimed_by, claimedAt: x.claimed_at }));
}

/**
 * With no SMTP server: every due mail becomes a preview at once (one statement, SKIP LOCKED).
 * Or one workspace's (the demo's, whose customers are made up). Answers how many.
 */
export async function previewDueMails(db: Db, now: Date, limit: number, workspaceId?: string): Promise<number> {
  const r = await sql`
    UPDATE mails m SET status = 'preview', next_attempt_at = NULL
    FROM (
      SELECT workspace_id, id FROM mails
      WHERE status = 'queued' AND next_attempt_at <= ${now}${workspaceId === undefined ? sql`` : sql` AND workspace_id = ${workspaceId}`}
      ORDER BY next_attempt_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    ) due
    WHERE m.workspace_id = due.workspace_id AND m.id = due.id`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/**
 * The mail, if `c` is still its claim. The outcome of a conversation is written even when the
 * mail was meanwhile marked unknown (its sender was slow, not dead): what the server answered
 * is better than "unknown". A resend replaces the claim, so a late outcome never touches it.
 */
const claimed = (db: Db, c: MailClaim, statuses: MailStatus[] = ['sending', 'unknown']) =>
  db
    .updateTable('mails')
    .where('workspace_id', '=', c.workspaceId)
    .where('id', '=', c.mailId)
    .where('claim_id', '=', c.claimId)
    .where('status', 'in', statuses);

const changed = (r: { numUpdatedRows: bigint }[]) => r.reduce((n, x) => n + Number(x.numUpdatedRows), 0) > 0;

/** Keeps the claim alive while the SMTP conversation lasts; false once the mail is no longer `sending` under it. */
export async function renewMailLease(db: Db, c: MailClaim, leaseUntil: Date): Promise<boolean> {
  return changed(await claimed(db, c, ['sending']).set({ lease_until: leaseUntil }).execute());
}

/** The SMTP server accepted it. False when the claim is no longer the mail's (a person resent it meanwhile). */
export async function markMailSent(db: Db, c: MailClaim, now: Date): Promise<boolean> {
  return changed(
    await claimed(db, c).set({ status: 'sent', sent_at: now, next_attempt_at: null, lease_until: null, last_error: null }).execute(),
  );
}

/** Refused or unreachable: tried again at `nextAttemptAt`. */
export async function markMailRetry(db: Db, c: MailClaim, error: string, nextAttemptAt: Date): Promise<boolean> {
  return changed(
    await claimed(db, c)
      .set({ status: 'queued', next_attempt_at: nextAttemptAt, lease_until: null, last_error: error.slice(0, 2000) })
      .execute(),
  );
}

/** Given up: the mail stays in the outbox with its last error. */
export async function markMailFailed(db: Db, c: MailClaim, error: string): Promise<boolean> {
  return changed(
    await claimed(db, c)
      .set({ status: 'failed', next_attempt_at: null, lease_until: null, last_error: error.slice(0, 2000) })
      .execute(),
  );
}

/** Handed over, then no answer: the server may or may not have it. */
export async function markMailUnknown(db: Db, c: MailClaim, reason: string): Promise<boolean> {
  return changed(
    await claimed(db, c)
      .set({ status: 'unknown', next_attempt_at: null, lease_until: null, last_error: reason.slice(0, 2000) })
      .execute(),
  );
}
