// Learning storage: departments' monthly exception budgets and the exceptions agents record.
import { sql, type Selectable } from 'kysely';
import type { Db } from './database.ts';
import type { RuleExceptionsTable } from './schema.ts';

export interface ExceptionBudgetRecord {
  departmentId: string;
  maxCount: number;
  maxAmount: number;
  currency: string;
  updatedAt: Date;
}

export type ExceptionStatus = 'within_budget' | 'pending' | 'approved';

export interface ExceptionRecord {
  id: string;
  ruleId: string;
  caseId: string;
  customerId: string;
  agentId: string;
  departmentId: string | null;
  what: string;
  why: string;
  costAmount: number;
  currency: string;
  status: ExceptionStatus;
  recordedAt: Date;
  approvedAt: Date | null;
  approvedBy: string | null;
  approvalNote: string | null;
}

export const toException = (r: Selectable<RuleExceptionsTable>): ExceptionRecord => ({
  id: r.id,
  ruleId: r.rule_id,
  caseId: r.case_id,
  customerId: r.customer_id,
  agentId: r.agent_id,
  departmentId: r.department_id,
  what: r.what,
  why: r.why,
  costAmount: Number(r.cost_amount),
  currency: r.currency,
  status: r.status,
  recordedAt: r.recorded_at,
  approvedAt: r.approved_at,
  approvedBy: r.approved_by,
  approvalNote: r.approval_note,
});

export async function findBudget(db: Db, workspaceId: string, departmentId: string): Promise<ExceptionBudgetRecord | undefined> {
  const r = await db
    .selectFrom('exception_budgets')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('department_id', '=', departmentId)
    .executeTakeFirst();
  return (
    r && {
      departmentId: r.department_id,
      maxCount: r.max_count,
      maxAmount: Number(r.max_amount),
      currency: r.currency,
      updatedAt: r.updated_at,
    }
  );
}

export async function upsertBudget(
  db: Db,
  workspaceId: string,
  b: { departmentId: string; maxCount: number; maxAmount: number; currency: string },
  byUser: string | null,
  now: Date,
): Promise<void> {
  const values = { max_count: b.maxCount, max_amount: b.maxAmount, currency: b.currency, updated_at: now, updated_by: byUser };
  await db
    .insertInto('exception_budgets')
    .values({ workspace_id: workspaceId, department_id: b.departmentId, ...values })
    .onConflict((oc) => oc.columns(['workspace_id', 'department_id']).doUpdateSet(values))
    .execute();
}

/** What one agent has used of a department's budget since `since` (pending ones count: they wait on it). */
export async function budgetUsed(
  tx: Db,
  workspaceId: string,
  agentId: string,
  departmentId: string | null,
  since: Date,
): Promise<{ count: number; amount: number }> {
  const r = await sql<{ n: number; amount: string }>`
    SELECT count(*)::int AS n, coalesce(sum(cost_amount), 0) AS amount FROM rule_exceptions
    WHERE workspace_id = ${workspaceId} AND agent_id = ${agentId} AND department_id IS NOT DISTINCT FROM ${departmentId}
      AND recorded_at >= ${since} AND status IN ('within_budget', 'approved')`.execute(tx);
  return { count: r.rows[0]!.n, amount: Number(r.rows[0]!.amount) };
}

/** Serialises the budget check of one agent, so two exceptions at once cannot both fit the last slot. */
export async function lockAgentBudget(tx: Db, workspaceId: string, agentId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`exception-budget:${workspaceId}:${agentId}`}))`.execute(tx);
}

export async function insertException(tx: Db, workspaceId: string, e: Omit<ExceptionRecord, 'approvedAt' | 'approvedBy' | 'approvalNote'>) {
  await tx
    .insertInto('rule_exceptions')
    .values({
      workspace_id: workspaceId,
      id: e.id,
      rule_id: e.ruleId,
      case_id: e.caseId,
      customer_id: e.customerId,
      agent_id: e.agentId,
      department_id: e.departmentId,
      what: e.what,
      why: e.why,
      cost_amount: e.costAmount,
      currency: e.currency,
      status: e.status,
      recorded_at: e.recordedAt,
    })
    .execute();
}

export async function findException(db: Db, workspaceId: string, id: string, lock = false): Promise<ExceptionRecord | undefined> {
  let q = db.selectFrom('rule_exceptions').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (lock) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r && toException(r);
}

export async function approveException(tx: Db, workspaceId: string, id: string, by: string, note: string | null, now: Date) {
  await tx
    .updateTable('rule_exceptions')
    .set({ status: 'approved', approved_at: now, approved_by: by, approval_note: note })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function listExceptions(
  db: Db,
  workspaceId: string,
  f: { status?: ExceptionStatus; ruleId?: string; caseId?: string; from?: Date; to?: Date; limit: number },
): Promise<ExceptionRecord[]> {
  let q = db.selectFrom('rule_exceptions').selectAll().where('workspace_id', '=', workspaceId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.ruleId) q = q.where('rule_id', '=', f.ruleId);
  if (f.caseId) q = q.where('case_id', '=', f.caseId);
  if (f.from) q = q.where('recorded_at', '>=', f.from);
  if (f.to) q = q.where('recorded_at', '<', f.to);
  return (await q.orderBy('recorded_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute()).map(toException);
}
