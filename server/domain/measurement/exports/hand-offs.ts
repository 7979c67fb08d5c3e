// Hand-offs between departments and their ratings (internal customers, issue 13).
import { handOffListQuerySchema, handOffSchema } from '../../../../contract/learning-people.ts';
import { listHandOffs } from '../../learning/hand-offs.ts';
import { columnsOf, defineExportKind } from '../export.ts';

export const handOffsExport = defineExportKind({
  name: 'hand-offs',
  filter: handOffListQuerySchema.omit({ limit: true, cursor: true }),
  pageSize: 200,
  columns: columnsOf(handOffSchema),
  page: ({ db, workspaceId }, f, cursor, limit) => listHandOffs(db, workspaceId, { ...f, cursor, limit }),
});
