// The recognition feed: praise that named a person, newest first (issue 13).
import { kudosListQuerySchema, kudosSchema } from '../../../../contract/learning-people.ts';
import { listKudos } from '../../learning/recognition.ts';
import { columnsOf, defineExportKind } from '../export.ts';

export const kudosExport = defineExportKind({
  name: 'kudos',
  filter: kudosListQuerySchema.omit({ limit: true, cursor: true }),
  pageSize: 200,
  columns: columnsOf(kudosSchema),
  page: ({ db, workspaceId }, f, cursor, limit) => listKudos(db, workspaceId, { ...f, cursor, limit }),
});
