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
