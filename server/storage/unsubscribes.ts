// Unsubscribes: one row per customer who asked for no more survey mail. Permanent: nothing
// deletes a row, and a repeat keeps the first time. Erasing a customer (customer-data.ts) moves
// their unsubscribe to unsubscribed_addresses, which keeps only a hash of the address: a customer
// with that address is unsubscribed still, whenever they come back.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from './database.ts';

/** The hash unsubscribed_addresses keeps: sha256 of the trimmed, lower-cased address (SQL over an e-mail column). */
export const emailHash = (email: RawBuilder<unknown>) => sql<Buffer>`sha256(convert_to(lower(btrim(${email})), 'UTF8'))`;

/**
 * SQL that is true when the customer is unsubscribed: a row of their own, or their address among
 * the hashes of erased customers who had unsubscribed. `workspaceId` and `customerId` are column
 * references or values.
 */
export function unsubscribedSql(workspaceId: RawBuilder<unknown>, customerId: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`(EXISTS (SELECT 1 FROM unsubscribes u WHERE u.workspace_id = ${workspaceId} AND u.customer_id = ${customerId})
    OR EXISTS (SELECT 1 FROM customers uc JOIN unsubscribed_addresses ua
                 ON ua.workspace_id = uc.workspace_id AND ua.email_hash = ${emailHash(sql.ref('uc.email'))}
               WHERE uc.workspace_id = ${workspaceId} AND uc.id = ${customerId} AND uc.email IS NOT NULL))`;
}

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
  const r = await sql<{ unsubscribed_at: Date; via: string }>`
    SELECT unsubscribed_at, via FROM unsubscribes WHERE workspace_id = ${workspaceId} AND customer_id = ${customerId}
    UNION ALL
    SELECT ua.unsubscribed_at, ua.via FROM customers c
    JOIN unsubscribed_addresses ua ON ua.workspace_id = c.workspace_id AND ua.email_hash = ${emailHash(sql.ref('c.email'))}
    WHERE c.workspace_id = ${workspaceId} AND c.id = ${customerId} AND c.email IS NOT NULL
    LIMIT 1`.execute(db);
  const row = r.rows[0];
  return row && { unsubscribedAt: row.unsubscribed_at, via: row.via };
}

/** Whether the customer has unsubscribed (or their address did, as an erased customer). */
export async function hasUnsubscribed(db: Db, workspaceId: string, customerId: string): Promise<boolean> {
  const r = await sql<{ yes: boolean }>`SELECT ${unsubscribedSql(sql`${workspaceId}::uuid`, sql`${customerId}::uuid`)} AS yes`.execute(db);
  return r.rows[0]!.yes;
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
