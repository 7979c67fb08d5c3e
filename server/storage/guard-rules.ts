// Guard rules per workspace, the built-in ones included once.
import type { Insertable, Selectable } from 'kysely';
import type { Db } from './database.ts';
import type { GuardRulesTable } from './schema.ts';

export type GuardRuleRow = Selectable<GuardRulesTable>;

/** The workspace's rules that are not deleted, oldest first (the order they are checked in). */
export async function listGuardRules(db: Db, workspaceId: string): Promise<GuardRuleRow[]> {
  return db
    .selectFrom('guard_rules')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function findGuardRule(db: Db, workspaceId: string, id: string): Promise<GuardRuleRow | undefined> {
  return db
    .selectFrom('guard_rules')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** Inserts rules; a built-in one already made (or deleted) for the workspace is skipped. */
export async function insertGuardRules(db: Db, rows: Insertable<GuardRulesTable>[]): Promise<void> {
  if (!rows.length) return;
  await db
    .insertInto('guard_rules')
    .values(rows)
    .onConflict((oc) => oc.columns(['workspace_id', 'built_in']).where('built_in', 'is not', null).doNothing())
    .execute();
}

export async function builtInsMade(db: Db, workspaceId: string): Promise<Set<string>> {
  const r = await db
    .selectFrom('guard_rules')
    .select('built_in')
    .where('workspace_id', '=', workspaceId)
    .where('built_in', 'is not', null)
    .execute();
  return new Set(r.map((x) => x.built_in!));
}

export async function updateGuardRule(
  db: Db,
  workspaceId: string,
  id: string,
  set: Partial<Omit<Insertable<GuardRulesTable>, 'workspace_id' | 'id'>>,
): Promise<boolean> {
  const r = await db
    .updateTable('guard_rules')
    .set(set)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}
