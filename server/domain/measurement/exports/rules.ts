// The register of rules (issue 13), by name: one page, since the register holds policies, not events.
import { ruleListQuerySchema, ruleSchema } from '../../../../contract/learning.ts';
import { listRules } from '../../learning/rules.ts';
import { columnsOf, defineExportKind } from '../export.ts';

export const rulesExport = defineExportKind({
  name: 'rules',
  filter: ruleListQuerySchema,
  pageSize: 200,
  columns: columnsOf(ruleSchema.omit({ versions: true })),
  page: async ({ db, workspaceId }, f, cursor) =>
    cursor ? { items: [], nextCursor: null } : { ...(await listRules(db, workspaceId, f)), nextCursor: null },
});
