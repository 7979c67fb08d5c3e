// Complaints, newest first, optionally one customer's.
import { complaintListQuerySchema, complaintSchema } from '../../../../contract/complaints.ts';
import { listComplaints } from '../../recovery/complaints.ts';
import { columnsOf, defineExportKind } from '../export.ts';

export const complaintsExport = defineExportKind({
  name: 'complaints',
  filter: complaintListQuerySchema.omit({ limit: true, cursor: true }),
  pageSize: 2000,
  columns: columnsOf(complaintSchema),
  page: ({ db, workspaceId }, f, cursor, limit) => listComplaints(db, workspaceId, { ...f, cursor, limit }),
});
