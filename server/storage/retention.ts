// Retention: how long a workspace keeps old events and mails, and the deletes that apply it.
import { sql } from 'kysely';
import type { Db } from './database.ts';

export interface RetentionSettings {
  eventDays: number | null;
  mailDays: number | null;
}

export async function findRetention(db: Db, workspaceId: string): Promise<RetentionSettings> {
  const r = await db
    .selectFrom('retention_settings')
    .select(['event_days', 'mail_days'])
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return { eventDays: r?.event_days ?? null, mailDays: r?.mail_days ?? null };
}

export async function upsertRetention(db: Db, workspaceId: string, s: RetentionSettings, now: Date): Promise<void> {
  await db
    .insertInto('retention_settings')
    .values({ workspace_id: workspaceId, event_days: s.eventDays, mail_days: s.mailDays, updated_at: now })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ event_days: s.eventDays, mail_days: s.mailDays, updated_at: now }))
    .execute();
}

/** Workspaces that limit how long they keep something. */
export async function listRetention(db: Db): Promise<(RetentionSettings & { workspaceId: string })[]> {
  const rows = await db
    .selectFrom('retention_settings')
    .select(['workspace_id', 'event_days', 'mail_days'])
    .where((eb) => eb.or([eb('event_days', 'is not', null), eb('mail_days', 'is not', null)]))
    .execute();
  return rows.map((r) => ({ workspaceId: r.workspace_id, eventDays: r.event_days, mailDays: r.mail_days }));
}

/**
 * Deletes up to `limit` events that occurred before `cutoff`, except those a webhook delivery
 * still has to send (its body is built from the event). Their finished deliveries go with them.
 */
export async function deleteEventsBefore(db: Db, workspaceId: string, cutoff: Date, limit: number): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const r = await sql<{ id: string }>`
      DELETE FROM events e WHERE e.workspace_id = ${workspaceId} AND e.id IN (
        SELECT id FROM events x WHERE x.workspace_id = ${workspaceId} AND x.occurred_at < ${cutoff}
          AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.workspace_id = x.workspace_id AND d.event_id = x.id
                          AND d.status = 'pending')
        LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING e.id`.execute(tx);
    const ids = r.rows.map((x) => x.id);
    if (ids.length) {
      await sql`DELETE FROM webhook_deliveries WHERE workspace_id = ${workspaceId} AND event_id = ANY(${ids}::uuid[])`.execute(tx);
      await sql`UPDATE tasks SET closed_by_event = NULL WHERE workspace_id = ${workspaceId} AND closed_by_event = ANY(${ids}::uuid[])`.execute(
        tx,
      );
    }
    return ids.length;
  });
}

/** Deletes up to `limit` finished mails (sent, failed, preview) created before `cutoff`, with their resend records. */
export async function deleteMailsBefore(db: Db, workspaceId: string, cutoff: Date, limit: number): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const r = await sql<{ id: string }>`
      SELECT id FROM mails WHERE workspace_id = ${workspaceId} AND created_at < ${cutoff}
        AND status IN ('sent', 'failed', 'preview')
      LIMIT ${limit} FOR UPDATE SKIP LOCKED`.execute(tx);
    const ids = r.rows.map((x) => x.id);
    if (!ids.length) return 0;
    await sql`DELETE FROM mail_resends WHERE workspace_id = ${workspaceId} AND mail_id = ANY(${ids}::uuid[])`.execute(tx);
    await sql`UPDATE case_messages SET mail_id = NULL WHERE workspace_id = ${workspaceId} AND mail_id = ANY(${ids}::uuid[])`.execute(tx);
    await sql`UPDATE outbox_messages SET mail_id = NULL WHERE workspace_id = ${workspaceId} AND mail_id = ANY(${ids}::uuid[])`.execute(tx);
    await sql`DELETE FROM mails WHERE workspace_id = ${workspaceId} AND id = ANY(${ids}::uuid[])`.execute(tx);
    return ids.length;
  });
}
