// The front line bends rules within a budget: an agent records "I bent rule R for this customer"
// on a case. Each department sets a monthly budget per agent (count and money); inside it no
// approval is needed. Beyond it the exception is refused unless the agent asks for approval; then
// it is pending until a manager approves it in their own session (the approver is whoever makes
// that request, never a field of a body, and never the agent). Exceptions are on the timeline.
import type {
  ApprovalInput,
  ExceptionBudget,
  ExceptionBudgetInput,
  ExceptionInput,
  ExceptionListQuery,
  RuleException,
} from '../../../contract/learning.ts';
import { findCase } from '../../storage/cases.ts';
import type { Db } from '../../storage/database.ts';
import { findDepartment } from '../../storage/departments.ts';
import { insertEvents } from '../../storage/events.ts';
import * as store from '../../storage/learning-exceptions.ts';
import { isUuid, uuidv7 } from '../../lib/ids.ts';
import type { Clock } from '../core/clock.ts';
import { KeptError, invalidInput, notFound } from '../core/errors.ts';
import type { Principal } from '../core/principal.ts';
import { caseEvent } from '../recovery/case-events.ts';
import { ruleOf } from './rules.ts';

export const presentException = (e: store.ExceptionRecord): RuleException => ({
  id: e.id,
  ruleId: e.ruleId,
  caseId: e.caseId,
  customerId: e.customerId,
  agentId: e.agentId,
  departmentId: e.departmentId,
  what: e.what,
  why: e.why,
  cost: { amount: e.costAmount, currency: e.currency },
  status: e.status,
  recordedAt: e.recordedAt.toISOString(),
  approvedAt: e.approvedAt?.toISOString() ?? null,
  approvedBy: e.approvedBy,
  approvalNote: e.approvalNote,
});

const monthStart = (now: Date) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));

export async function setBudget(
  db: Db,
  clock: Clock,
  workspaceId: string,
  departmentId: string,
  byUser: string | null,
  input: ExceptionBudgetInput,
): Promise<ExceptionBudget> {
  if (!isUuid(departmentId) || !(await findDepartment(db, workspaceId, departmentId))) throw notFound('Department');
  await store.upsertBudget(db, workspaceId, { departmentId, ...input }, byUser, clock.now());
  return getBudget(db, workspaceId, departmentId);
}

export async function getBudget(db: Db, workspaceId: string, departmentId: string): Promise<ExceptionBudget> {
  const b = isUuid(departmentId) ? await store.findBudget(db, workspaceId, departmentId) : undefined;
  if (!b) throw notFound('Exception budget');
  return { departmentId, maxCount: b.maxCount, maxAmount: b.maxAmount, currency: b.currency, updatedAt: b.updatedAt.toISOString() };
}

/** Records an exception by the signed-in agent; over budget without askApproval: refused, nothing stored. */
export async function recordException(db: Db, clock: Clock, p: Principal, ruleId: string, input: ExceptionInput): Promise<RuleException> {
  if (!p.userId) throw new KeptError('forbidden', 'An exception is recorded by a signed-in person', { reason: 'not_a_person' });
  const agentId = p.userId;
  const rule = await ruleOf(db, p.workspaceId, ruleId);
  if (rule.status === 'trashed')
    throw new KeptError('conflict', 'The rule is trashed: there is nothing to bend', { reason: 'rule_trashed' });
  const departmentId = input.departmentId ?? rule.departmentId;
  if (input.departmentId && !(await findDepartment(db, p.workspaceId, input.departmentId))) {
    throw invalidInput('The exception was not recorded', [{ path: ['departmentId'], message: 'no such department in this workspace' }]);
  }
  const now = clock.now();
  const id = uuidv7(now.getTime());
  return db.transaction().execute(async (tx) => {
    const kase = await findCase(tx, p.workspaceId, input.caseId);
    if (!kase) {
      throw new KeptError('invalid_input', 'The exception was not recorded', {
        reason: 'unknown_item',
        problems: [{ path: ['caseId'], message: 'no such case in this workspace' }],
      });
    }
    await store.lockAgentBudget(tx, p.workspaceId, agentId);
    const budget = departmentId ? await store.findBudget(tx, p.workspaceId, departmentId) : undefined;
    const used = await store.budgetUsed(tx, p.workspaceId, agentId, departmentId, monthStart(now));
    const fits =
      !!budget &&
      budget.currency === input.cost.currency &&
      used.count + 1 <= budget.maxCount &&
      used.amount + input.cost.amount <= budget.maxAmount;
    if (!fits && !input.askApproval) {
      throw new KeptError('conflict', 'The exception is over your monthly budget: ask a manager to approve it (askApproval: true)', {
        reason: 'over_budget',
        budget: budget ? { maxCount: budget.maxCount, maxAmount: budget.maxAmount, currency: budget.currency } : null,
        used,
      });
    }
    const status = fits ? ('within_budget' as const) : ('pending' as const);
    const e = {
      id,
      ruleId,
      caseId: kase.id,
      customerId: kase.customerId,
      agentId,
      departmentId,
      what: input.what,
      why: input.why,
      costAmount: input.cost.amount,
      currency: input.cost.currency,
      status,
      recordedAt: now,
    };
    await store.insertException(tx, p.workspaceId, e);
    const type = fits ? 'case.exception_recorded' : 'case.exception_requested';
    await insertEvents(
      tx,
      p.workspaceId,
      [
        caseEvent(kase, type, now, {
          exceptionId: id,
          ruleId,
          ruleName: rule.name,
          what: e.what,
          cost: input.cost,
          byUserId: agentId,
          status,
        }),
      ],
      now,
    );
    return presentException({ ...e, approvedAt: null, approvedBy: null, approvalNote: null });
  });
}

/** A manager approves a pending exception in their own session; an agent, a token or the agent themself cannot. */
export async function approveException(db: Db, clock: Clock, p: Principal, id: string, input: ApprovalInput): Promise<RuleException> {
  if (!p.userId) throw new KeptError('forbidden', 'An approval is given by a signed-in manager', { reason: 'not_a_person' });
  if (p.role === 'agent') throw new KeptError('forbidden', 'Only a manager can approve an exception', { reason: 'not_a_manager' });
  const now = clock.now();
  return db.transaction().execute(async (tx) => {
    const e = isUuid(id) ? await store.findException(tx, p.workspaceId, id, true) : undefined;
    if (!e) throw notFound('Exception');
    if (e.status !== 'pending')
      throw new KeptError('conflict', `The exception is ${e.status}: there is nothing to approve`, { reason: 'not_pending' });
    if (e.agentId === p.userId) throw new KeptError('forbidden', 'Nobody approves their own exception', { reason: 'own_exception' });
    await store.approveException(tx, p.workspaceId, id, p.userId!, input.note ?? null, now);
    const kase = (await findCase(tx, p.workspaceId, e.caseId))!;
    await insertEvents(
      tx,
      p.workspaceId,
      [caseEvent(kase, 'case.exception_approved', now, { exceptionId: id, ruleId: e.ruleId, what: e.what, byUserId: p.userId })],
      now,
    );
    return presentException((await store.findException(tx, p.workspaceId, id))!);
  });
}

export async function listExceptions(db: Db, workspaceId: string, q: ExceptionListQuery): Promise<{ items: RuleException[] }> {
  return { items: (await store.listExceptions(db, workspaceId, { ...q, limit: 500 })).map(presentException) };
}
