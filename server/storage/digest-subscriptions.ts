// Who receives the weekly digest, and the week each last received (its Monday, as a date).
import { sql } from 'kysely';
import type { Db } from './database.ts';

export async function isSubscribed(db: Db, workspaceId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('digest_subscriptions')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function subscribe(db: Db, workspaceId: string, userId: string, now: Date): Promise<void> {
  await db
    .insertInto('digest_subscriptions')
    .values({ workspace_id: workspaceId, user_id: userId, subscribed_at: now })
    .onConflict((oc) => oc.columns(['workspace_id', 'user_id']).doNothing())
    .execute();
}

export async function unsubscribe(db: Db, workspaceId: string, userId: string): Promise<void> {
  await db.deleteFrom('digest_subscriptions').where('workspace_id', '=', workspaceId).where('user_id', '=', userId).execute();
}

export interface DueDigest {
  workspaceId: string;
  userId: string;
  email: string;
  name: string;
}

/**
 * The subscriptions not yet sent `week` (a Monday, YYYY-MM-DD), of active managers and admins,
 * locked so that another instance skips them; at most `limit`. Call inside a transaction.
 */
export async function lockDueDigests(tx: Db, week: string, limit: number): Promise<DueDigest[]> {
  const rows = (
    await sql<{ workspace_id: string; user_id: string; email: string; name: string }>`
      SELECT s.workspace_id, s.user_id, u.email, u.name
        FROM digest_subscriptions s
        JOIN users u ON u.workspace_id = s.workspace_id AND u.id = s.user_id
       WHERE (s.last_week IS NULL OR s.last_week < ${week}::date)
         AND u.disabled_at IS NULL AND u.role IN ('manager', 'admin')
       ORDER BY s.workspace_id, s.user_id
       LIMIT ${limit}
         FOR UPDATE OF s SKIP LOCKED`.execute(tx)
  ).rows;
  return rows.map((r) => ({ workspaceId: r.workspace_id, userId: r.user_id, email: r.email, name: r.name }));
}

export async function markSent(tx: Db, workspaceId: string, userId: string, week: string): Promise<void> {
  await tx
    .updateTable('digest_subscriptions')
    .set({ last_week: week })
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .execute();
}
