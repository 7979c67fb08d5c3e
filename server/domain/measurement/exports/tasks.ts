// Tasks a held message asked of a department, newest first.
import { taskListQuerySchema, taskSchema } from '../../../../contract/outbox.ts';
import { listTasks } from '../../one-voice/tasks.ts';
import { columnsOf, defineExportKind } from '../export.ts';

export const tasksExport = defineExportKind({
  name: 'tasks',
  filter: taskListQuerySchema.omit({ limit: true, cursor: true }),
  pageSize: 2000,
  columns: columnsOf(taskSchema),
  page: ({ db, workspaceId }, f, cursor, limit) => listTasks(db, workspaceId, { ...f, cursor, limit }),
});
