// Answers (NPS, CSAT, CES), newest first, with the drill-down's filters: survey, kind,
// department, period, scores, segment, customer, hand-picked.
import { responseListQuerySchema, responseSchema } from '../../../../contract/answers.ts';
import { listResponses } from '../../signals/response-list.ts';
import { columnsOf, defineExportKind } from '../export.ts';

export const answersExport = defineExportKind({
  name: 'answers',
  filter: responseListQuerySchema.omit({ limit: true, cursor: true }),
  pageSize: 5000,
  columns: columnsOf(responseSchema),
  page: ({ db, workspaceId }, f, cursor, limit) => listResponses(db, workspaceId, { ...f, cursor, limit }),
});
