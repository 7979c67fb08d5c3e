// Customers, newest first, searched as the customer list searches (`q`). The CSV is what
// `kept import customers` reads: externalId, email and name make the customer again.
import { customerListQuerySchema, customerSchema } from '../../../../contract/customers.ts';
import { searchCustomers } from '../../core/customers.ts';
import { columnsOf, defineExportKind } from '../export.ts';

export const customersExport = defineExportKind({
  name: 'customers',
  filter: customerListQuerySchema.omit({ limit: true, cursor: true }),
  pageSize: 5000,
  columns: columnsOf(customerSchema),
  page: ({ db, workspaceId }, f, cursor, limit) => searchCustomers(db, workspaceId, { ...f, cursor, limit }),
});
