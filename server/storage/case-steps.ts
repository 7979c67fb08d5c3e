// The playbook's rows: one per case and step, done or skipped, with who, when and what it cost.
import type { Insertable, Selectable } from 'kysely';
import type { Db } from './database.ts';
import type { CaseStepsTable } from './schema.ts';

export type StepRow = Selectable<CaseStepsTable>;

/** The steps taken on each of the cases, in the playbook's order of taking. */
export async function stepsOf(db: Db, workspaceId: string, caseIds: string[]): Promise<Map<string, StepRow[]>> {
  const out = new Map<string, StepRow[]>();
  if (!caseIds.length) return out;
  const rows = await db
    .selectFrom('case_steps')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('case_id', 'in', caseIds)
    .orderBy('at')
    .execute();
  for (const r of rows) out.set(r.case_id, [...(out.get(r.case_id) ?? []), r]);
  return out;
}

/** Records a step; false when the case already has it (a concurrent request took it first). */
export async function insertStep(tx: Db, row: Insertable<CaseStepsTable>): Promise<boolean> {
  const r = await tx
    .insertInto('case_steps')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returning('step')
    .execute();
  return r.length > 0;
}

/** A follow-up invitation's state and its answer, if any. */
export async function followUpState(db: Db, workspaceId: string, invitationId: string) {
  return db
    .selectFrom('invitations as i')
    .leftJoin('responses as r', (j) => j.onRef('r.workspace_id', '=', 'i.workspace_id').onRef('r.invitation_id', '=', 'i.id'))
    .select(['i.status', 'i.suppressed_reason', 'i.sent_at', 'r.id as response_id', 'r.score', 'r.answered_at'])
    .where('i.workspace_id', '=', workspaceId)
    .where('i.id', '=', invitationId)
    .executeTakeFirst();
}
