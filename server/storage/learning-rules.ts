// Learning storage: the register of rules, their versions, and the friction tagged to them.
// Rows are mapped to camelCase records here; the domain never sees a snake_case row.
import { sql, type Selectable } from 'kysely';
import type { FrictionKind, RuleStatus } from '../../contract/learning.ts';
import type { Db } from './database.ts';
import type { RuleFrictionTable, RulesTable, RuleVersionsTable } from './schema.ts';

export interface RuleRecord {
  id: string;
  name: string;
  text: string;
  why: string | null;
  departmentId: string | null;
  ownerId: string | null;
  status: RuleStatus;
  version: number;
  phrases: string[];
  createdAt: Date;
  updatedAt: Date;
}

export interface RuleVersion {
  version: number;
  text: string;
  why: string | null;
  at: Date;
  byUserId: string | null;
  reason: string | null;
}

export interface FrictionRecord {
  id: string;
  ruleId: string;
  kind: FrictionKind;
  itemId: string;
  customerId: string;
  occurredAt: Date;
  words: string | null;
  taggedAt: Date;
  taggedBy: string | null;
  suggested: boolean;
}

/** A case, a complaint or an answer as friction sees it: whose, when, and in whose words. */
export interface FeedbackItem {
  kind: FrictionKind;
  id: string;
  customerId: string;
  occurredAt: Date;
  words: string | null;
}

const toRule = (r: Selectable<RulesTable>): RuleRecord => ({
  id: r.id,
  name: r.name,
  text: r.text,
  why: r.why,
  departmentId: r.department_id,
  ownerId: r.owner_id,
  status: r.status,
  version: r.version,
  phrases: r.phrases,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toVersion = (r: Selectable<RuleVersionsTable>): RuleVersion => ({
  version: r.version,
  text: r.text,
  why: r.why,
  at: r.at,
  byUserId: r.by_user,
  reason: r.reason,
});

export const toFriction = (r: Selectable<RuleFrictionTable>): FrictionRecord => ({
  id: r.id,
  ruleId: r.rule_id,
  kind: r.item_kind,
  itemId: r.item_id,
  customerId: r.customer_id,
  occurredAt: r.occurred_at,
  words: r.words,
  taggedAt: r.tagged_at,
  taggedBy: r.tagged_by,
  suggested: r.suggested,
});

export interface NewRule {
  workspaceId: string;
  id: string;
  name: string;
  text: string;
  why: string | null;
  departmentId: string | null;
  ownerId: string | null;
  phrases: string[];
  at: Date;
  byUser: string | null;
}

export async function insertRule(tx: Db, r: NewRule): Promise<boolean> {
  const done = await tx
    .insertInto('rules')
    .values({
      workspace_id: r.workspaceId,
      id: r.id,
      name: r.name,
      text: r.text,
      why: r.why,
      department_id: r.departmentId,
      owner_id: r.ownerId,
      status: 'in_force',
      phrases: r.phrases,
      created_at: r.at,
      updated_at: r.at,
    })
    .onConflict((oc) =>
      oc
        .expression(sql`workspace_id, lower(name)`)
        .where('status', '<>', 'trashed')
        .doNothing(),
    )
    .returning('id')
    .execute();
  if (!done.length) return false;
  await insertVersion(tx, r.workspaceId, r.id, { version: 1, text: r.text, why: r.why, at: r.at, byUserId: r.byUser, reason: null });
  return true;
}

export async function insertVersion(tx: Db, workspaceId: string, ruleId: string, v: RuleVersion): Promise<void> {
  await tx
    .insertInto('rule_versions')
    .values({
      workspace_id: workspaceId,
      rule_id: ruleId,
      version: v.version,
      text: v.text,
      why: v.why,
      at: v.at,
      by_user: v.byUserId,
      reason: v.reason,
    })
    .execute();
}

export async function findRule(db: Db, workspaceId: string, id: string, lock = false): Promise<RuleRecord | undefined> {
  let q = db.selectFrom('rules').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (lock) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r && toRule(r);
}

export async function listRules(db: Db, workspaceId: string, status?: RuleStatus): Promise<RuleRecord[]> {
  let q = db.selectFrom('rules').selectAll().where('workspace_id', '=', workspaceId);
  if (status) q = q.where('status', '=', status);
  return (await q.orderBy('name').orderBy('id').limit(1000).execute()).map(toRule);
}

export async function versionsOf(db: Db, workspaceId: string, ruleId: string): Promise<RuleVersion[]> {
  const rows = await db
    .selectFrom('rule_versions')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('rule_id', '=', ruleId)
    .orderBy('version')
    .execute();
  return rows.map(toVersion);
}

export interface RuleChange {
  name?: string;
  text?: string;
  why?: string | null;
  departmentId?: string | null;
  ownerId?: string | null;
  phrases?: string[];
  status?: RuleStatus;
  version?: number;
}

/** False when another rule in force already has the name. */
export async function updateRule(tx: Db, workspaceId: string, id: string, c: RuleChange, now: Date): Promise<boolean> {
  try {
    await tx
      .updateTable('rules')
      .set({
        ...(c.name !== undefined && { name: c.name }),
        ...(c.text !== undefined && { text: c.text }),
        ...(c.why !== undefined && { why: c.why }),
        ...(c.departmentId !== undefined && { department_id: c.departmentId }),
        ...(c.ownerId !== undefined && { owner_id: c.ownerId }),
        ...(c.phrases !== undefined && { phrases: c.phrases }),
        ...(c.status !== undefined && { status: c.status }),
        ...(c.version !== undefined && { version: c.version }),
        updated_at: now,
      })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .execute();
    return true;
  } catch (err) {
    if ((err as { code?: string }).code === '23505') return false;
    throw err;
  }
}

/** The item with its customer, time and words, or undefined when this workspace has no such item. */
export async function findFeedbackItem(db: Db, workspaceId: string, kind: FrictionKind, id: string): Promise<FeedbackItem | undefined> {
  const q =
    kind === 'case'
      ? sql<{ customer_id: string; at: Date; words: string | null }>`SELECT customer_id, oops_at AS at, title AS words FROM cases
          WHERE workspace_id = ${workspaceId} AND id = ${id}`
      : kind === 'complaint'
        ? sql<{ customer_id: string; at: Date; words: string | null }>`SELECT customer_id, occurred_at AS at,
            concat_ws(E'\n', subject, body) AS words FROM complaints WHERE workspace_id = ${workspaceId} AND id = ${id}`
        : sql<{ customer_id: string; at: Date; words: string | null }>`SELECT customer_id, answered_at AS at, reason AS words
            FROM responses WHERE workspace_id = ${workspaceId} AND id = ${id}`;
  const r = (await q.execute(db)).rows[0];
  return r && { kind, id, customerId: r.customer_id, occurredAt: r.at, words: r.words };
}

export interface NewFriction {
  workspaceId: string;
  id: string;
  ruleId: string;
  item: FeedbackItem;
  at: Date;
  byUser: string | null;
  suggested: boolean;
}

/** Tags the item to the rule once: the existing tag when it was tagged already. */
export async function insertFriction(tx: Db, f: NewFriction): Promise<{ friction: FrictionRecord; duplicate: boolean }> {
  const r = await tx
    .insertInto('rule_friction')
    .values({
      workspace_id: f.workspaceId,
      id: f.id,
      rule_id: f.ruleId,
      item_kind: f.item.kind,
      item_id: f.item.id,
      customer_id: f.item.customerId,
      occurred_at: f.item.occurredAt,
      words: f.item.words,
      tagged_at: f.at,
      tagged_by: f.byUser,
      suggested: f.suggested,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'rule_id', 'item_kind', 'item_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (r) return { friction: toFriction(r), duplicate: false };
  const seen = await tx
    .selectFrom('rule_friction')
    .selectAll()
    .where('workspace_id', '=', f.workspaceId)
    .where('rule_id', '=', f.ruleId)
    .where('item_kind', '=', f.item.kind)
    .where('item_id', '=', f.item.id)
    .executeTakeFirstOrThrow();
  return { friction: toFriction(seen), duplicate: true };
}

export interface FrictionFilter {
  from?: Date;
  to?: Date;
  kind?: FrictionKind;
  limit: number;
}

export async function frictionOf(db: Db, workspaceId: string, ruleId: string, f: FrictionFilter): Promise<FrictionRecord[]> {
  let q = db.selectFrom('rule_friction').selectAll().where('workspace_id', '=', workspaceId).where('rule_id', '=', ruleId);
  if (f.from) q = q.where('occurred_at', '>=', f.from);
  if (f.to) q = q.where('occurred_at', '<', f.to);
  if (f.kind) q = q.where('item_kind', '=', f.kind);
  return (await q.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute()).map(toFriction);
}

/** The restitution cost recorded on each of these cases (case_steps, step restitution). */
export async function restitutionOf(db: Db, workspaceId: string, caseIds: string[]): Promise<Map<string, number>> {
  if (!caseIds.length) return new Map();
  const rows = await db
    .selectFrom('case_steps')
    .select(['case_id', 'cost_amount'])
    .where('workspace_id', '=', workspaceId)
    .where('case_id', 'in', caseIds)
    .where('step', '=', 'restitution')
    .where('status', '=', 'done')
    .where('cost_amount', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.case_id, Number(r.cost_amount)]));
}
