// The register of rules (policies): name, text, why, department, accountable owner, status and
// the history of their versions. The text changes only through a review (reviews.ts).
import type { Rule, RuleInput, RuleListQuery, RulePatch } from '../../../contract/learning.ts';
import type { Db } from '../../storage/database.ts';
import { findDepartment } from '../../storage/departments.ts';
import * as store from '../../storage/learning-rules.ts';
import { findUser } from '../../storage/staff.ts';
import { isUuid, uuidv7 } from '../../lib/ids.ts';
import type { Clock } from '../core/clock.ts';
import { KeptError, invalidInput, notFound, type FieldProblem } from '../core/errors.ts';

export const presentRule = (r: store.RuleRecord, versions?: store.RuleVersion[]): Rule => ({
  id: r.id,
  name: r.name,
  text: r.text,
  why: r.why,
  departmentId: r.departmentId,
  ownerId: r.ownerId,
  status: r.status,
  version: r.version,
  phrases: r.phrases,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
  ...(versions && {
    versions: versions.map((v) => ({
      version: v.version,
      text: v.text,
      why: v.why,
      at: v.at.toISOString(),
      byUserId: v.byUserId,
      reason: v.reason,
    })),
  }),
});

/** The rule of this workspace, or not_found (a rule of another workspace is not found either). */
export async function ruleOf(db: Db, workspaceId: string, id: string, lock = false): Promise<store.RuleRecord> {
  const r = isUuid(id) ? await store.findRule(db, workspaceId, id, lock) : undefined;
  if (!r) throw notFound('Rule');
  return r;
}

async function checkReferences(db: Db, workspaceId: string, input: { departmentId?: string | null; ownerId?: string | null }) {
  const problems: FieldProblem[] = [];
  if (input.departmentId && !(await findDepartment(db, workspaceId, input.departmentId))) {
    problems.push({ path: ['departmentId'], message: 'no such department in this workspace' });
  }
  if (input.ownerId) {
    const u = await findUser(db, workspaceId, input.ownerId);
    if (!u || u.disabledAt) problems.push({ path: ['ownerId'], message: 'no such active person in this workspace' });
  }
  if (problems.length) throw invalidInput('The rule was not saved', problems);
}

const nameTaken = (name: string) =>
  new KeptError('conflict', `A rule named “${name}” is in the register already`, { reason: 'rule_name_taken' });

export async function createRule(db: Db, clock: Clock, workspaceId: string, byUser: string | null, input: RuleInput): Promise<Rule> {
  await checkReferences(db, workspaceId, input);
  const now = clock.now();
  const id = uuidv7(now.getTime());
  const made = await db.transaction().execute((tx) =>
    store.insertRule(tx, {
      workspaceId,
      id,
      name: input.name,
      text: input.text,
      why: input.why ?? null,
      departmentId: input.departmentId ?? null,
      ownerId: input.ownerId ?? byUser,
      phrases: [...new Set(input.phrases)],
      at: now,
      byUser,
    }),
  );
  if (!made) throw nameTaken(input.name);
  return getRule(db, workspaceId, id);
}

export async function getRule(db: Db, workspaceId: string, id: string): Promise<Rule> {
  const r = await ruleOf(db, workspaceId, id);
  return presentRule(r, await store.versionsOf(db, workspaceId, id));
}

export async function listRules(db: Db, workspaceId: string, q: RuleListQuery): Promise<{ items: Rule[] }> {
  return { items: (await store.listRules(db, workspaceId, q.status)).map((r) => presentRule(r)) };
}

export async function updateRule(db: Db, clock: Clock, workspaceId: string, id: string, patch: RulePatch): Promise<Rule> {
  const r = await ruleOf(db, workspaceId, id);
  if (r.status === 'trashed') throw new KeptError('conflict', 'The rule is trashed; it cannot change', { reason: 'rule_trashed' });
  await checkReferences(db, workspaceId, patch);
  const phrases = patch.phrases && [...new Set(patch.phrases)];
  if (!(await store.updateRule(db, workspaceId, id, { ...patch, phrases }, clock.now()))) throw nameTaken(patch.name!);
  return getRule(db, workspaceId, id);
}
