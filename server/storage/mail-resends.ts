// The record of each time a person chose to send a mail again (storage/mails.requeueMail writes
// it): who, when, and what state the mail was in.
import type { Db } from './database.ts';

export interface MailResend {
  at: Date;
  byUser: string | null;
  byToken: string | null;
  /** The user's or the token's name. */
  byName: string | null;
  fromStatus: 'unknown' | 'failed';
  fromError: string | null;
}

/** The resends of some mails of one workspace, oldest first, by mail id. */
export async function listMailResends(db: Db, workspaceId: string, mailIds: string[]): Promise<Map<string, MailResend[]>> {
  const byMail = new Map<string, MailResend[]>();
  if (mailIds.length === 0) return byMail;
  const rows = await db
    .selectFrom('mail_resends as r')
    .leftJoin('users as u', (j) => j.onRef('u.workspace_id', '=', 'r.workspace_id').onRef('u.id', '=', 'r.by_user'))
    .leftJoin('api_tokens as t', (j) => j.onRef('t.workspace_id', '=', 'r.workspace_id').onRef('t.id', '=', 'r.by_token'))
    .select([
      'r.mail_id',
      'r.at',
      'r.by_user',
      'r.by_token',
      'r.from_status',
      'r.from_error',
      'u.name as user_name',
      't.name as token_name',
    ])
    .where('r.workspace_id', '=', workspaceId)
    .where('r.mail_id', 'in', mailIds)
    .orderBy('r.mail_id')
    .orderBy('r.id')
    .execute();
  for (const r of rows) {
    const list = byMail.get(r.mail_id) ?? [];
    list.push({
      at: r.at,
      byUser: r.by_user,
      byToken: r.by_token,
      byName: r.user_name ?? r.token_name ?? null,
      fromStatus: r.from_status,
      fromError: r.from_error,
    });
    byMail.set(r.mail_id, list);
  }
  return byMail;
}
