// What a customer was told about a promise: one row per commitment and notice (made, kept,
// missed), claimed in the transaction that changed the promise, so nobody is told twice.
import type { Db } from './database.ts';
import type { CommitmentNoticeKind } from './schema/promises.ts';

export type { CommitmentNoticeKind };
export type NoticeStatus = 'passed' | 'held' | 'cancelled' | 'no_address';

export interface CommitmentNoticeRecord {
  commitmentId: string;
  notice: CommitmentNoticeKind;
  status: NoticeStatus;
  messageId: string | null;
  mailId: string | null;
  at: Date;
}

/**
 * Claims the notice (recorded as no_address until settled); answers false when this promise's notice of this kind exists already (a
 * retried job, another process): the caller then sends nothing.
 */
export async function claimNotice(tx: Db, workspaceId: string, n: CommitmentNoticeRecord): Promise<boolean> {
  const r = await tx
    .insertInto('commitment_notices')
    .values({
      workspace_id: workspaceId,
      commitment_id: n.commitmentId,
      notice: n.notice,
      status: n.status,
      message_id: n.messageId,
      mail_id: n.mailId,
      at: n.at,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'commitment_id', 'notice']).doNothing())
    .returning('notice')
    .execute();
  return r.length > 0;
}

/** Settles a claimed notice with the outbox's decision. */
export async function settleNotice(
  tx: Db,
  workspaceId: string,
  commitmentId: string,
  notice: CommitmentNoticeKind,
  outcome: { status: NoticeStatus; messageId: string | null; mailId: string | null },
): Promise<void> {
  await tx
    .updateTable('commitment_notices')
    .set({ status: outcome.status, message_id: outcome.messageId, mail_id: outcome.mailId })
    .where('workspace_id', '=', workspaceId)
    .where('commitment_id', '=', commitmentId)
    .where('notice', '=', notice)
    .execute();
}

/** The notices of these commitments, oldest first, by commitment. */
export async function noticesOf(db: Db, workspaceId: string, commitmentIds: string[]): Promise<Map<string, CommitmentNoticeRecord[]>> {
  const out = new Map<string, CommitmentNoticeRecord[]>();
  if (!commitmentIds.length) return out;
  const rows = await db
    .selectFrom('commitment_notices')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('commitment_id', 'in', [...new Set(commitmentIds)])
    .orderBy('at')
    .execute();
  // Made, kept and missed can share a moment (a fixed clock, a keep in the same millisecond): their own order then.
  const rank = { made: 0, kept: 1, missed: 2 } as const;
  rows.sort((a, b) => a.at.getTime() - b.at.getTime() || rank[a.notice] - rank[b.notice]);
  for (const r of rows) {
    const list = out.get(r.commitment_id) ?? [];
    list.push({ commitmentId: r.commitment_id, notice: r.notice, status: r.status, messageId: r.message_id, mailId: r.mail_id, at: r.at });
    out.set(r.commitment_id, list);
  }
  return out;
}
