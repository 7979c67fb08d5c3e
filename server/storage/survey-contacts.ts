// The contact rule's ledger: when each customer was last invited to any survey, and drawing a
// sample of the customers the rule (and their unsubscribes) still allow to be invited.
import { sql } from 'kysely';
import type { Db } from './database.ts';
import { unsubscribedSql } from './unsubscribes.ts';

/**
 * The contact rule, atomically: records that the customer is invited now unless they were
 * invited less than `days` days ago. Concurrent callers for one customer serialise on the row,
 * so at most one of them wins within the window.
 */
export async function takeContact(tx: Db, workspaceId: string, customerId: string, now: Date, days: number): Promise<boolean> {
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const r = await sql`INSERT INTO survey_contacts AS c (workspace_id, customer_id, last_invited_at)
    VALUES (${workspaceId}, ${customerId}, ${now})
    ON CONFLICT (workspace_id, customer_id) DO UPDATE SET last_invited_at = excluded.last_invited_at
    WHERE c.last_invited_at <= ${cutoff}
    RETURNING 1`.execute(tx);
  return r.rows.length === 1;
}

export async function lastContact(db: Db, workspaceId: string, customerId: string): Promise<Date | undefined> {
  const r = await db
    .selectFrom('survey_contacts')
    .select('last_invited_at')
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  return r?.last_invited_at;
}

/** Customers with an e-mail, not unsubscribed, not invited within `days`, in the segment: `size` of them at random. */
export async function sampleCustomers(
  db: Db,
  workspaceId: string,
  opts: { attribute?: string; value?: string; size: number; now: Date; days: number },
): Promise<{ eligible: number; ids: string[] }> {
  const cutoff = new Date(opts.now.getTime() - opts.days * 86_400_000);
  const segment = opts.attribute ? sql`AND c.attributes ->> ${opts.attribute} = ${opts.value!}` : sql``;
  const r = await sql<{ id: string; eligible: number }>`
    SELECT c.id, count(*) OVER () AS eligible FROM customers c
    WHERE c.workspace_id = ${workspaceId} AND c.email IS NOT NULL ${segment}
      AND NOT ${unsubscribedSql(sql.ref('c.workspace_id'), sql.ref('c.id'))}
      AND NOT EXISTS (SELECT 1 FROM survey_contacts sc WHERE sc.workspace_id = c.workspace_id AND sc.customer_id = c.id
                      AND sc.last_invited_at > ${cutoff})
    ORDER BY random() LIMIT ${opts.size}`.execute(db);
  return { eligible: r.rows[0]?.eligible ?? 0, ids: r.rows.map((x) => x.id) };
}
