// Messages between the company and the customer about a case, in the order they were written.
import type { Selectable } from 'kysely';
import type { Db } from './database.ts';
import type { CaseMessagesTable } from './schema.ts';

/** A message on a case, either way. */
export interface CaseMessageRecord {
  workspaceId: string;
  id: string;
  caseId: string;
  direction: 'to_customer' | 'from_customer';
  body: string;
  byUser: string | null;
  mailId: string | null;
  at: Date;
}

const toMessage = (r: Selectable<CaseMessagesTable>): CaseMessageRecord => ({
  workspaceId: r.workspace_id,
  id: r.id,
  caseId: r.case_id,
  direction: r.direction,
  body: r.body,
  byUser: r.by_user,
  mailId: r.mail_id,
  at: r.at,
});

export async function insertMessage(tx: Db, m: CaseMessageRecord): Promise<void> {
  await tx
    .insertInto('case_messages')
    .values({
      workspace_id: m.workspaceId,
      id: m.id,
      case_id: m.caseId,
      direction: m.direction,
      body: m.body,
      by_user: m.byUser,
      mail_id: m.mailId,
      at: m.at,
    })
    .execute();
}

/** A case's messages, oldest first (a thread is read top to bottom); at most `limit`. */
export async function messagesOf(db: Db, workspaceId: string, caseId: string, limit = 500): Promise<CaseMessageRecord[]> {
  const rows = await db
    .selectFrom('case_messages')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('case_id', '=', caseId)
    .orderBy('at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toMessage);
}

/** Names of staff by id, for "who did it" on steps and messages. */
export async function staffNames(db: Db, workspaceId: string, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((i): i is string => !!i))];
  if (!wanted.length) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name', 'email'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name || r.email]));
}
