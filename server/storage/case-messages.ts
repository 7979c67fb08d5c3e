// Messages between the company and the customer about a case, in the order they were written.
import type { Insertable, Selectable } from 'kysely';
import type { Db } from './database.ts';
import type { CaseMessagesTable } from './schema.ts';

export type MessageRow = Selectable<CaseMessagesTable>;

export async function insertMessage(tx: Db, row: Insertable<CaseMessagesTable>): Promise<void> {
  await tx.insertInto('case_messages').values(row).execute();
}

/** A case's messages, oldest first (a thread is read top to bottom); at most `limit`. */
export async function messagesOf(db: Db, workspaceId: string, caseId: string, limit = 500): Promise<MessageRow[]> {
  return db
    .selectFrom('case_messages')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('case_id', '=', caseId)
    .orderBy('at')
    .orderBy('id')
    .limit(limit)
    .execute();
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
