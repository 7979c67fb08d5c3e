// The signal settings of a workspace, created on first use with the values the domain gives.
import { sql } from 'kysely';
import type { Db } from './database.ts';

export interface SignalSettingsRecord {
  contactDays: number;
  reminderDays: number;
  expiryDays: number;
  linkSecret: Buffer;
  widgetSecret: string;
}

export async function readSignalSettings(
  db: Db,
  workspaceId: string,
  fresh: () => SignalSettingsRecord,
  now: Date,
): Promise<SignalSettingsRecord | undefined> {
  const select = () =>
    db
      .selectFrom('signal_settings')
      .select(['contact_days', 'reminder_days', 'expiry_days', 'link_secret', 'widget_secret'])
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
  let r = await select();
  if (!r) {
    const s = fresh();
    // Only for a workspace that exists: a forged link may name any id.
    await sql`INSERT INTO signal_settings (workspace_id, contact_days, reminder_days, expiry_days, link_secret, widget_secret, updated_at)
      SELECT id, ${s.contactDays}, ${s.reminderDays}, ${s.expiryDays}, ${s.linkSecret}, ${s.widgetSecret}, ${now}
      FROM workspaces WHERE id = ${workspaceId}
      ON CONFLICT (workspace_id) DO NOTHING`.execute(db);
    r = await select();
    if (!r) return undefined;
  }
  return {
    contactDays: r.contact_days,
    reminderDays: r.reminder_days,
    expiryDays: r.expiry_days,
    linkSecret: r.link_secret,
    widgetSecret: r.widget_secret,
  };
}

export async function updateSignalSettings(
  db: Db,
  workspaceId: string,
  patch: { contactDays?: number; reminderDays?: number; expiryDays?: number; widgetSecret?: string },
  now: Date,
): Promise<void> {
  await db
    .updateTable('signal_settings')
    .set({
      ...(patch.contactDays === undefined ? {} : { contact_days: patch.contactDays }),
      ...(patch.reminderDays === undefined ? {} : { reminder_days: patch.reminderDays }),
      ...(patch.expiryDays === undefined ? {} : { expiry_days: patch.expiryDays }),
      ...(patch.widgetSecret === undefined ? {} : { widget_secret: patch.widgetSecret }),
      updated_at: now,
    })
    .where('workspace_id', '=', workspaceId)
    .execute();
}
