// Unsubscribes: one row per customer who asked for no more survey mail. Permanent: nothing
// deletes a row, and a repeat keeps the first time.
import { sql } from 'kysely';
import type { Db } from './database.ts';

/** Records the unsubscribe unless there is one already; true when this call made it. */
export async function insertUnsubscribe(tx: Db, workspaceId: string, customerId: string, via: string, now: Date): Promise<boolean> {
  const r = await sql`INSERT INTO unsubscribes (workspace_id, customer_id, unsubscribed_at, via)
    VALUES (${workspaceId}, ${customerId}, ${now}, ${via})
    ON CONFLICT (workspace_id, customer_id) DO NOTHING
    RETURNING 1`.execute(tx);
  return r.rows.length === 1;
}

export async function findUnsubscribe(
  db: Db,
  workspaceId: string,
  customerId: string,
): Promise<{ unsubscribedAt: Date; via: string } | undefined> {
  const r = await db
    .selectFrom('unsubscribes')
    .select(['unsubscribed_at', 'via'])
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  return r && { unsubscribedAt: r.unsubscribed_at, via: r.via };
}

/** Whether the customer has unsubscribed. */
export async function hasUnsubscribed(db: Db, workspaceId: string, customerId: string): Promise<boolean> {
  const r = await db
    .selectFrom('unsubscribes')
    .select('customer_id')
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  return !!r;
}

/** The customer's preferred locale, and whether the customer exists at all. */
export async function customerLocale(db: Db, workspaceId: string, customerId: string): Promise<{ locale: string | null } | undefined> {
  return db
    .selectFrom('customers')
    .select('locale')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', customerId)
    .executeTakeFirst();
}
