// The outbox: every message to a customer with the guard's decision, newest first.
import { messageListQuerySchema, outboxMessageSchema } from '../../../../contract/outbox.ts';
import { listMessages } from '../../one-voice/outbox-views.ts';
import { columnsOf, defineExportKind } from '../export.ts';

export const messagesExport = defineExportKind({
  name: 'messages',
  filter: messageListQuerySchema.omit({ limit: true, cursor: true }),
  pageSize: 2000,
  columns: columnsOf(outboxMessageSchema),
  page: ({ db, workspaceId }, f, cursor, limit) => listMessages(db, workspaceId, { ...f, cursor, limit }),
});
