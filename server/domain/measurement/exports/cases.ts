// Recovery cases with their steps, in the inbox's order and with its filters (status, owner,
// department, customer, origin, breached). Each row carries `steps`: what was done or skipped,
// by whom, when, and a restitution's cost.
import { caseListQuerySchema, caseSchema } from '../../../../contract/cases.ts';
import { stepsOf, type CaseStep } from '../../../storage/case-steps.ts';
import { listCases } from '../../recovery/case-list.ts';
import { columnsOf, defineExportKind } from '../export.ts';

const presentStep = (s: CaseStep) => ({
  step: s.step,
  status: s.status,
  at: s.at.toISOString(),
  byUserId: s.byUser,
  skipReason: s.skipReason,
  cost: s.costAmount === null ? null : { amount: s.costAmount, currency: s.costCurrency, approvedBy: s.approvedBy },
  data: s.data,
});

export const casesExport = defineExportKind({
  name: 'cases',
  filter: caseListQuerySchema.omit({ limit: true, cursor: true }),
  pageSize: 1000,
  columns: [...columnsOf(caseSchema), 'steps'],
  async page({ db, workspaceId, userId }, f, cursor, limit) {
    const { items, nextCursor } = await listCases(db, workspaceId, userId, { ...f, cursor, limit });
    const steps = await stepsOf(
      db,
      workspaceId,
      items.map((c) => c.id),
    );
    return { items: items.map((c) => ({ ...c, steps: (steps.get(c.id) ?? []).map(presentStep) })), nextCursor };
  },
});
