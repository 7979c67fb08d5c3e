// kept import customers: customers from a JSON Lines or CSV file, such as `kept export
// customers` writes. Each is matched as events match customers (externalId, then e-mail) and
// created when unknown, so importing the same file again adds nothing. The columns Kept assigns
// itself (id, createdAt, updatedAt, lastEventAt) are read and left aside.
import { customerRefSchema, type CustomerRef } from '../../contract/events.ts';
import { systemClock } from '../../server/domain/core/clock.ts';
import { importCustomers } from '../../server/domain/core/customers.ts';
import { invalidInput, type FieldProblem } from '../../server/domain/core/errors.ts';
import { importCommand } from '../import-file.ts';
import type { CsvShape } from '../read-records.ts';

const kept = ['externalId', 'email', 'name'];
const assignedByKept = ['id', 'createdAt', 'updatedAt', 'lastEventAt'];

/** The CSV header of a customers file: known columns only, externalId or email among them. */
export const customerCsvShape: CsvShape = (header) => {
  const names = header.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
  const problems: FieldProblem[] = names.flatMap((n) =>
    kept.includes(n) || assignedByKept.includes(n)
      ? []
      : [{ path: [n || '(empty)'], message: `is not a column of customers: use ${[...kept, ...assignedByKept].join(', ')}` }],
  );
  if (!names.includes('externalId') && !names.includes('email'))
    problems.push({ path: ['externalId'], message: 'an externalId or email column is required' });
  if (problems.length) throw invalidInput('The header row (line 1) of the CSV file has problems; nothing was imported', problems);
  return (cells) => Object.fromEntries(names.flatMap((n, i) => (kept.includes(n) && cells[i] !== '' ? [[n, cells[i]]] : [])));
};

/** The record as a customer reference: Kept's own fields left aside, nulls as absent. */
export function checkedCustomer(record: unknown): CustomerRef | FieldProblem[] {
  if (!record || typeof record !== 'object' || Array.isArray(record)) return [{ path: [], message: 'must be a JSON object' }];
  const fields = Object.fromEntries(Object.entries(record).filter(([k, v]) => !assignedByKept.includes(k) && v !== null));
  const parsed = customerRefSchema.safeParse(fields);
  if (parsed.success) return parsed.data;
  return parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message }));
}

export const importCustomersCommand = importCommand<CustomerRef>({
  name: 'import customers',
  noun: 'customers',
  maxBatch: 1000,
  csv: customerCsvShape,
  importer: (db, workspaceId) => ({
    check: checkedCustomer,
    store: (batch) => importCustomers(db, systemClock, workspaceId, batch),
  }),
});
