// A customer's data, for the customer: everything Kept holds about them in one document, and
// erasure. Erasing deletes every row about them (storage/customer-data.ts lists the tables),
// keeps an unsubscribe as a hash of the address, rebuilds the workspace's score rollups in the
// same transaction (so the scores' n drops by their answers), and records itself in the audit log.
import type { CustomerErasure, CustomerExport } from '../../../contract/privacy.ts';
import { deleteCustomerData, readCustomerData } from '../../storage/customer-data.ts';
import type { Db } from '../../storage/database.ts';
import { lockRollups, rebuildRollupsIn } from '../../storage/rollup-rebuild.ts';
import { isUuid } from '../../lib/ids.ts';
import { recordAudit, type AuditOrigin } from './audit.ts';
import { notFound } from './errors.ts';
import type { Principal } from './principal.ts';

export async function exportCustomer(db: Db, now: Date, workspaceId: string, customerId: string): Promise<CustomerExport> {
  const data = isUuid(customerId) ? await readCustomerData(db, workspaceId, customerId) : undefined;
  if (!data) throw notFound('Customer');
  return { exportedAt: now.toISOString(), workspaceId, ...data };
}

/** Erases the customer; `principal` undefined is the CLI. Throws not_found for an unknown customer. */
export async function eraseCustomer(
  db: Db,
  now: Date,
  workspaceId: string,
  customerId: string,
  principal: Principal | undefined,
  origin: AuditOrigin = {},
): Promise<CustomerErasure> {
  if (!isUuid(customerId)) throw notFound('Customer');
  return db.transaction().execute(async (tx) => {
    // The rollup lock first: answers wait for the erasure instead of deadlocking with its rebuild.
    await lockRollups(tx);
    const removed = await deleteCustomerData(tx, workspaceId, customerId);
    if (!removed) throw notFound('Customer');
    const rollups = await rebuildRollupsIn(tx, workspaceId);
    const keptUnsubscribed = (removed.unsubscribes ?? 0) > 0;
    await recordAudit(
      tx,
      now,
      workspaceId,
      principal,
      {
        action: 'customer.erased',
        target: `id=${customerId}`,
        detail: { removed, keptUnsubscribed, rollupRowsRebuilt: rollups.rows },
      },
      origin,
    );
    return { customerId, erasedAt: now.toISOString(), removed, keptUnsubscribed };
  });
}
