// Webhook subscriptions: a workspace's receivers, the event types each wants and its secret.
import type { Selectable, Updateable } from 'kysely';
import type { Webhook } from '../../contract/webhooks.ts';
import type { Db } from './database.ts';
import type { WebhookSubscriptionsTable } from './schema.ts';

type SubscriptionRow = Selectable<WebhookSubscriptionsTable>;

/** A webhook subscription with its secrets, as the domain reads it. */
export interface WebhookSubscription {
  workspaceId: string;
  id: string;
  url: string;
  eventTypes: string[];
  description: string | null;
  secret: string;
  previousSecret: string | null;
  previousSecretUntil: Date | null;
  enabled: boolean;
  disabledReason: Webhook['disabledReason'];
  disabledAt: Date | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const toSubscription = (r: SubscriptionRow): WebhookSubscription => ({
  workspaceId: r.workspace_id,
  id: r.id,
  url: r.url,
  eventTypes: r.event_types,
  description: r.description,
  secret: r.secret,
  previousSecret: r.previous_secret,
  previousSecretUntil: r.previous_secret_until,
  enabled: r.enabled,
  disabledReason: r.disabled_reason,
  disabledAt: r.disabled_at,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface NewSubscription {
  id: string;
  url: string;
  eventTypes: string[];
  description: string | null;
  secret: string;
  enabled: boolean;
  createdBy: string | null;
}

export async function insertSubscription(db: Db, workspaceId: string, s: NewSubscription, now: Date): Promise<WebhookSubscription> {
  const r = await db
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
  return toSubscription(r);
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

export async function listSubscriptions(db: Db, workspaceId: string): Promise<WebhookSubscription[]> {
  return (await db.selectFrom('webhook_subscriptions').selectAll().where('workspace_id', '=', workspaceId).orderBy('id').execute()).map(
    toSubscription,
  );
}

export async function findSubscription(
  db: Db,
  workspaceId: string,
  id: string,
  forUpdate = false,
): Promise<WebhookSubscription | undefined> {
  let q = db.selectFrom('webhook_subscriptions').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r && toSubscription(r);
}

export type SubscriptionChanges = Partial<
  Pick<
    WebhookSubscription,
    'url' | 'eventTypes' | 'description' | 'enabled' | 'disabledReason' | 'disabledAt' | 'secret' | 'previousSecret' | 'previousSecretUntil'
  >
>;

const columns = {
  url: 'url',
  eventTypes: 'event_types',
  description: 'description',
  enabled: 'enabled',
  disabledReason: 'disabled_reason',
  disabledAt: 'disabled_at',
  secret: 'secret',
  previousSecret: 'previous_secret',
  previousSecretUntil: 'previous_secret_until',
} as const;

export async function updateSubscription(
  db: Db,
  workspaceId: string,
  id: string,
  changes: SubscriptionChanges,
  now: Date,
): Promise<WebhookSubscription | undefined> {
  const set: Updateable<WebhookSubscriptionsTable> = { updated_at: now };
  for (const [k, v] of Object.entries(changes))
    if (v !== undefined) (set as Record<string, unknown>)[columns[k as keyof SubscriptionChanges]] = v;
  const r = await db
    .updateTable('webhook_subscriptions')
    .set(set)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return r && toSubscription(r);
}

/** Deletes a subscription with its deliveries and their attempts; answers whether there was one. */
export async function deleteSubscription(db: Db, workspaceId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('webhook_subscriptions').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
