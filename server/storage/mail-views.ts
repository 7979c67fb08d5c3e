// The mails staff look at and resend: the list, one mail, and the resend that queues it again.
import type { Db } from './database.ts';
import { toRecord, type MailRecord } from './mails.ts';

/** A workspace's mail, newest first; `before` is the keyset position of the last row of the previous page. */
export async function listMailRecords(
  db: Db,
  workspaceId: string,
  limit: number,
  before?: { at: Date; id: string },
): Promise<MailRecord[]> {
  let q = db.selectFrom('mails').selectAll().where('workspace_id', '=', workspaceId);
  if (before) {
    const b = before;
    q = q.where(({ eb, refTuple, tuple }) => eb(refTuple('created_at', 'id'), '<', tuple(b.at, b.id)));
  }
  return (await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute()).map(toRecord);
}

export async function findMail(db: Db, workspaceId: string, id: string): Promise<MailRecord | undefined> {
  const r = await db.selectFrom('mails').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return r && toRecord(r);
}

/** The mail, locked until the transaction ends. */
export async function lockMail(tx: Db, workspaceId: string, id: string): Promise<MailRecord | undefined> {
  const r = await tx
    .selectFrom('mails')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return r && toRecord(r);
}

/**
 * A person chose to send an unknown or failed mail again: the choice is recorded, and the mail
 * is queued at `now` with a fresh count of attempts. Its claim is dropped, so the outcome of an
 * earlier conversation can no longer change it. Call with the mail locked.
 */
export async function requeueMail(
  tx: Db,
  m: MailRecord,
  r: { id: string; at: Date; byUser: string | null; byToken: string | null },
): Promise<MailRecord> {
  await tx
    .insertInto('mail_resends')
    .values({
      workspace_id: m.workspaceId,
      mail_id: m.id,
      id: r.id,
      at: r.at,
      by_user: r.byUser,
      by_token: r.byToken,
      from_status: m.status as 'unknown' | 'failed',
      from_error: m.lastError,
    })
    .execute();
  return toRecord(
    await tx
      .updateTable('mails')
      .set({ status: 'queued', attempts: 0, next_attempt_at: r.at, claim_id: null, lease_until: null, last_error: null })
      .where('workspace_id', '=', m.workspaceId)
      .where('id', '=', m.id)
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
}
