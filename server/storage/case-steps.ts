// The playbook's rows: one per case and step, done or skipped, with who, when and what it cost.
import type { Selectable } from 'kysely';
import type { StepName } from '../../contract/playbook.ts';
import type { Db } from './database.ts';
import type { CaseStepsTable } from './schema.ts';

/** A step taken on a case. */
export interface CaseStep {
  workspaceId: string;
  caseId: string;
  step: StepName;
  status: 'done' | 'skipped';
  byUser: string | null;
  at: Date;
  data: Record<string, unknown>;
  skipReason: string | null;
  /** numeric: exact decimal text. */
  costAmount: string | null;
  costCurrency: string | null;
  approvedBy: string | null;
}

/** A step to record; the cost only on a restitution. */
export type NewStep = Omit<CaseStep, 'skipReason' | 'costAmount' | 'costCurrency' | 'approvedBy'> & {
  skipReason?: string | null;
  cost?: { amount: number; currency: string; approvedBy: string };
};

const toStep = (r: Selectable<CaseStepsTable>): CaseStep => ({
  workspaceId: r.workspace_id,
  caseId: r.case_id,
  step: r.step,
  status: r.status,
  byUser: r.by_user,
  at: r.at,
  data: r.data,
  skipReason: r.skip_reason,
  costAmount: r.cost_amount,
  costCurrency: r.cost_currency,
  approvedBy: r.approved_by,
});

/** The steps taken on each of the cases, in the playbook's order of taking. */
export async function stepsOf(db: Db, workspaceId: string, caseIds: string[]): Promise<Map<string, CaseStep[]>> {
  const out = new Map<string, CaseStep[]>();
  if (!caseIds.length) return out;
  const rows = await db
    .selectFrom('case_steps')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('case_id', 'in', caseIds)
    .orderBy('at')
    .execute();
  for (const r of rows) out.set(r.case_id, [...(out.get(r.case_id) ?? []), toStep(r)]);
  return out;
}

/** Records a step; false when the case already has it (a concurrent request took it first). */
export async function insertStep(tx: Db, s: NewStep): Promise<boolean> {
  const r = await tx
    .insertInto('case_steps')
    .values({
      workspace_id: s.workspaceId,
      case_id: s.caseId,
      step: s.step,
      status: s.status,
      by_user: s.byUser,
      at: s.at,
      data: JSON.stringify(s.data),
      ...(s.skipReason !== undefined ? { skip_reason: s.skipReason } : {}),
      ...(s.cost ? { cost_amount: s.cost.amount, cost_currency: s.cost.currency, approved_by: s.cost.approvedBy } : {}),
    })
    .onConflict((oc) => oc.doNothing())
    .returning('step')
    .execute();
  return r.length > 0;
}

/** A follow-up invitation's state and its answer, if any. */
export async function followUpState(db: Db, workspaceId: string, invitationId: string) {
  const r = await db
    .selectFrom('invitations as i')
    .leftJoin('responses as r', (j) => j.onRef('r.workspace_id', '=', 'i.workspace_id').onRef('r.invitation_id', '=', 'i.id'))
    .select(['i.status', 'i.suppressed_reason', 'i.sent_at', 'r.id as response_id', 'r.score', 'r.answered_at'])
    .where('i.workspace_id', '=', workspaceId)
    .where('i.id', '=', invitationId)
    .executeTakeFirst();
  return (
    r && {
      status: r.status,
      suppressedReason: r.suppressed_reason,
      sentAt: r.sent_at,
      responseId: r.response_id,
      score: r.score,
      answeredAt: r.answered_at,
    }
  );
}
