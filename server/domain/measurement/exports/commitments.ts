// Promises (commitments) by due time, with the ledger's filters.
import { commitmentListQuerySchema, commitmentSchema } from '../../../../contract/commitments.ts';
import { listCommitmentPage } from '../../promises/commitment-ledger.ts';
import { columnsOf, defineExportKind } from '../export.ts';

export const commitmentsExport = defineExportKind({
  name: 'commitments',
  filter: commitmentListQuerySchema.omit({ limit: true, cursor: true }),
  pageSize: 2000,
  columns: columnsOf(commitmentSchema),
  page: ({ db, workspaceId }, f, cursor, limit) => listCommitmentPage(db, workspaceId, { ...f, cursor, limit }),
});
