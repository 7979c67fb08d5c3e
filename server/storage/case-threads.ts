// Which case a customer's e-mail belongs to: the case of a mail it answers (a case's message, or a
// case's follow-up survey), or the case a customer names by its number.
import { sql } from 'kysely';
import type { Db } from './database.ts';

/** The case each of these mails was about, for those that were about one (first found wins). */
export async function caseOfMails(db: Db, workspaceId: string, mailIds: string[]): Promise<string | undefined> {
  if (!mailIds.length) return undefined;
  const r = await sql<{ case_id: string; ord: number }>`
    SELECT m.case_id, x.ord FROM case_messages m
    JOIN unnest(${mailIds}::uuid[]) WITH ORDINALITY AS x(id, ord) ON m.mail_id = x.id
    WHERE m.workspace_id = ${workspaceId}
    UNION ALL
    SELECT i.case_id, x.ord FROM mails ml
    JOIN unnest(${mailIds}::uuid[]) WITH ORDINALITY AS x(id, ord) ON ml.id = x.id
    JOIN invitations i ON i.workspace_id = ml.workspace_id AND i.id = ml.invitation_id
    WHERE ml.workspace_id = ${workspaceId} AND i.case_id IS NOT NULL
    ORDER BY ord
    LIMIT 1`.execute(db);
  return r.rows[0]?.case_id;
}

/** The case with this number whose customer has this address (case-insensitive), if any. */
export async function caseOfCustomerByNumber(db: Db, workspaceId: string, number: number, email: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('cases as c')
    .innerJoin('customers as u', (j) => j.onRef('u.workspace_id', '=', 'c.workspace_id').onRef('u.id', '=', 'c.customer_id'))
    .select('c.id')
    .where('c.workspace_id', '=', workspaceId)
    .where('c.number', '=', number)
    .where(sql<boolean>`lower(u.email) = lower(${email})`)
    .executeTakeFirst();
  return r?.id;
}
