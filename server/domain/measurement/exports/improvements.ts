// "You said, we did" (issue 13): one row per improvement with its counts (raised, told, bounced),
// newest first; the feedback behind each is on GET /api/v1/improvements/{id}.
import { improvementListQuerySchema, improvementSummarySchema } from '../../../../contract/learning-review.ts';
import { listImprovements } from '../../learning/improvements.ts';
import { columnsOf, defineExportKind } from '../export.ts';

export const improvementsExport = defineExportKind({
  name: 'improvements',
  filter: improvementListQuerySchema.omit({ limit: true, cursor: true }),
  pageSize: 200,
  columns: columnsOf(improvementSummarySchema),
  page: ({ db, workspaceId }, f, cursor, limit) => listImprovements(db, workspaceId, { ...f, cursor, limit }),
});
