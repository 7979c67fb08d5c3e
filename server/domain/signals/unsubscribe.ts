// Unsubscribing from survey mail. Every survey mail carries a signed link for its customer
// (`/u/TOKEN`, in the body and in List-Unsubscribe). Following it with GET only shows a page
// with a button, because mail scanners open links; a POST unsubscribes: the page's button, or
// a mail client's RFC 8058 one-click POST. An unsubscribe is permanent: nothing re-subscribes,
// a repeat keeps the first time, and it goes on the customer's timeline once. The customer gets one
// mail confirming it (unsubscribe-confirmation.ts), in the same transaction.
import type { Db } from '../../storage/database.ts';
import { insertEvents } from '../../storage/events.ts';
import { customerLocale, findUnsubscribe, insertUnsubscribe } from '../../storage/unsubscribes.ts';
import type { Clock } from '../core/clock.ts';
import { KeptError } from '../core/errors.ts';
import { uuidv7 } from '../../lib/ids.ts';
import { parseLink, signLink, verifyLink } from './links.ts';
import { confirmUnsubscribeIn } from './unsubscribe-confirmation.ts';
import type { SettingsCache } from './signal-settings.ts';

export interface UnsubscribeDeps {
  db: Db;
  clock: Clock;
  settings: SettingsCache;
}

export type UnsubscribeVia = 'one_click' | 'page';

/** The customer's unsubscribe link: `${publicUrl}/u/${token}`, signed with the workspace's link secret. */
export const unsubscribeUrl = (publicUrl: string, linkSecret: Buffer, workspaceId: string, customerId: string) =>
  `${publicUrl}/u/${signLink(linkSecret, 'unsubscribe', workspaceId, customerId)}`;

const invalidLink = () => new KeptError('not_found', 'This unsubscribe link is not valid', { reason: 'invalid_link' });

export interface UnsubscribeLink {
  workspaceId: string;
  customerId: string;
  /** The customer's preferred locale, for the page. */
  locale: string | null;
  /** When the customer unsubscribed, if they have. */
  unsubscribedAt: Date | null;
}

/** Checks a link without changing anything (what GET /u/TOKEN shows); throws not_found for a bad one. */
export async function checkUnsubscribeLink(d: UnsubscribeDeps, token: string): Promise<UnsubscribeLink> {
  const link = parseLink(token);
  if (!link) throw invalidLink();
  let secret: Buffer;
  try {
    secret = (await d.settings.get(link.workspaceId)).linkSecret;
  } catch (err) {
    if (err instanceof KeptError && err.code === 'not_found') throw invalidLink();
    throw err;
  }
  if (!verifyLink(secret, 'unsubscribe', link)) throw invalidLink();
  const customer = await customerLocale(d.db, link.workspaceId, link.id);
  if (!customer) throw invalidLink();
  const done = await findUnsubscribe(d.db, link.workspaceId, link.id);
  return { workspaceId: link.workspaceId, customerId: link.id, locale: customer.locale, unsubscribedAt: done?.unsubscribedAt ?? null };
}

/**
 * Unsubscribes the customer a link names from survey mail, for good. Repeating it is fine:
 * the first time is kept and `alreadyUnsubscribed` says so.
 */
export async function unsubscribe(
  d: UnsubscribeDeps,
  token: string,
  via: UnsubscribeVia,
): Promise<{ customerId: string; workspaceId: string; locale: string | null; alreadyUnsubscribed: boolean }> {
  const link = await checkUnsubscribeLink(d, token);
  if (link.unsubscribedAt)
    return { customerId: link.customerId, workspaceId: link.workspaceId, locale: link.locale, alreadyUnsubscribed: true };
  const now = d.clock.now();
  const created = await d.db.transaction().execute(async (tx) => {
    const inserted = await insertUnsubscribe(tx, link.workspaceId, link.customerId, via, now);
    if (inserted) {
      const confirmation = await confirmUnsubscribeIn(tx, d.clock, link.workspaceId, link.customerId);
      await insertEvents(
        tx,
        link.workspaceId,
        [
          {
            id: uuidv7(now.getTime()),
            customerId: link.customerId,
            type: 'customer.unsubscribed',
            source: 'kept',
            occurredAt: now,
            idempotencyKey: `unsubscribe:${link.customerId}`,
            data: { via, confirmation: confirmation?.status ?? 'no_address' },
          },
        ],
        now,
      );
    }
    return inserted;
  });
  return { customerId: link.customerId, workspaceId: link.workspaceId, locale: link.locale, alreadyUnsubscribed: !created };
}

export async function isUnsubscribed(db: Db, workspaceId: string, customerId: string): Promise<boolean> {
  return (await findUnsubscribe(db, workspaceId, customerId)) !== undefined;
}
