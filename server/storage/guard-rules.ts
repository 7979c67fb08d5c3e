// Guard rules per workspace, the built-in ones included once.
import type { Selectable, Updateable } from 'kysely';
import type { GuardRule } from '../../contract/outbox.ts';
import type { Db } from './database.ts';
import type { GuardRulesTable } from './schema.ts';

type GuardRuleRow = Selectable<GuardRulesTable>;

/** A workspace's guard rule as stored: the rule itself is data, checked when it was saved. */
export interface SavedGuardRule {
  workspaceId: string;
  id: string;
  name: string;
  description: string | null;
  enabled: boolean;
  /** The key of a built-in rule, or null for one a manager wrote. */
  builtIn: string | null;
  rule: GuardRule;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
}

export type NewGuardRule = Omit<SavedGuardRule, 'deletedAt' | 'enabled'> & { enabled?: boolean };
export type GuardRuleChanges = Partial<Pick<SavedGuardRule, 'name' | 'description' | 'enabled' | 'rule' | 'updatedAt' | 'deletedAt'>>;

const toSaved = (r: GuardRuleRow): SavedGuardRule => ({
  workspaceId: r.workspace_id,
  id: r.id,
  name: r.name,
  description: r.description,
  enabled: r.enabled,
  builtIn: r.built_in,
  rule: r.rule as GuardRule,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  deletedAt: r.deleted_at,
});

/** The workspace's rules that are not deleted, oldest first (the order they are checked in). */
export async function listGuardRules(db: Db, workspaceId: string): Promise<SavedGuardRule[]> {
  const rows = await db
    .selectFrom('guard_rules')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toSaved);
}

export async function findGuardRule(db: Db, workspaceId: string, id: string): Promise<SavedGuardRule | undefined> {
  const r = await db
    .selectFrom('guard_rules')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return r && toSaved(r);
}

/** Inserts rules; a built-in one already made (or deleted) for the workspace is skipped. */
export async function insertGuardRules(db: Db, rules: NewGuardRule[]): Promise<void> {
  if (!rules.length) return;
  await db
    .insertInto('guard_rules')
    .values(
      rules.map((r) => ({
        workspace_id: r.workspaceId,
        id: r.id,
        name: r.name,
        description: r.description,
        enabled: r.enabled,
        rule: JSON.stringify(r.rule),
        built_in: r.builtIn,
        created_at: r.createdAt,
        updated_at: r.updatedAt,
      })),
    )
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

export async function updateGuardRule(db: Db, workspaceId: string, id: string, c: GuardRuleChanges): Promise<boolean> {
  const set: Updateable<GuardRulesTable> = {
    name: c.name,
    description: c.description,
    enabled: c.enabled,
    rule: c.rule === undefined ? undefined : JSON.stringify(c.rule),
    updated_at: c.updatedAt,
    deleted_at: c.deletedAt,
  };
  const r = await db
    .updateTable('guard_rules')
    .set(set)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}
