// Webhook subscriptions: a workspace's receivers, the event types each wants and its secret.
import type { Selectable } from 'kysely';
import type { Db } from './database.ts';
import type { WebhookSubscriptionsTable } from './schema.ts';

export type SubscriptionRow = Selectable<WebhookSubscriptionsTable>;

export interface NewSubscription {
  id: string;
  url: string;
  eventTypes: string[];
  description: string | null;
  secret: string;
  enabled: boolean;
  createdBy: string | null;
}

export async function insertSubscription(db: Db, workspaceId: string, s: NewSubscription, now: Date): Promise<SubscriptionRow> {
  return db
    .insertInto('webhook_subscriptions')
    .values({
      workspace_id: workspaceId,
      id: s.id,
      url: s.url,
      event_types: s.eventTypes,
      description: s.description,
      secret: s.secret,
      enabled: s.enabled,
      disabled_reason: s.enabled ? null : 'manual',
      disabled_at: s.enabled ? null : now,
      created_by: s.createdBy,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** With `lock`, inside a transaction: serialised per workspace, so two creations cannot both pass a limit. */
export async function countSubscriptions(db: Db, workspaceId: string, opts: { lock?: boolean } = {}): Promise<number> {
  if (opts.lock) await db.selectFrom('workspaces').select('id').where('id', '=', workspaceId).forUpdate().execute();
  const r = await db
    .selectFrom('webhook_subscriptions')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listSubscriptionRows(db: Db, workspaceId: string): Promise<SubscriptionRow[]> {
  return db.selectFrom('webhook_subscriptions').selectAll().where('workspace_id', '=', workspaceId).orderBy('id').execute();
}

export async function findSubscription(db: Db, workspaceId: string, id: string, forUpdate = false): Promise<SubscriptionRow | undefined> {
  let q = db.selectFrom('webhook_subscriptions').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export type SubscriptionChanges = Partial<
  Pick<
    SubscriptionRow,
    | 'url'
    | 'event_types'
    | 'description'
    | 'enabled'
    | 'disabled_reason'
    | 'disabled_at'
    | 'secret'
    | 'previous_secret'
    | 'previous_secret_until'
  >
>;

export async function updateSubscription(
  db: Db,
  workspaceId: string,
  id: string,
  changes: SubscriptionChanges,
  now: Date,
): Promise<SubscriptionRow | undefined> {
  return db
    .updateTable('webhook_subscriptions')
    .set({ ...changes, updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** Deletes a subscription with its deliveries and their attempts; answers whether there was one. */
export async function deleteSubscription(db: Db, workspaceId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('webhook_subscriptions').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
