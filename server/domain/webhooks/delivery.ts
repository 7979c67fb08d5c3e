// The webhook sender: each pass (every second: server/jobs/send-webhooks.ts) claims due
// deliveries (SKIP LOCKED and a lease, so any number of instances may run it and a delivery is
// with one sender at a time), POSTs each through the WebhookClient, signed per Standard
// Webhooks, and records the batch's tries in one transaction. 2xx is
// delivered; anything else is tried again after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h
// (27.6 hours in all), then failed. 410 Gone disables the subscription. Redirects are not followed
// (the client's part: server/adapters/webhook-http.ts).
import type { Logger } from 'pino';
import type { Db } from '../../storage/database.ts';
import {
  claimDueDeliveries,
  failPendingDeliveries,
  recordOutcomes,
  type ClaimedDelivery,
  type TryOutcome,
} from '../../storage/webhook-deliveries.ts';
import { forgetWebhookSubscriptions } from '../../storage/webhook-queue.ts';
import { updateSubscription } from '../../storage/webhooks.ts';
import type { Clock } from '../core/clock.ts';
import { webhookHeaders } from './signing.ts';

export interface WebhookSendDeps {
  db: Db;
  clock: Clock;
  log: Pick<Logger, 'info' | 'warn'>;
  /** Posts each try (HTTP, with its own timeout). */
  client: WebhookClient;
  /** Tries of one batch in flight at once. */
  parallel?: number;
}

const hour = 3_600_000;
/** The pause after the 1st, 2nd, ... 7th failed try of a round; the 8th failure gives up. */
export const retryDelaysMs = [5_000, 5 * 60_000, 30 * 60_000, 2 * hour, 5 * hour, 10 * hour, 10 * hour] as const;
export const maxAttempts = retryDelaysMs.length + 1;
/** How long a claimed delivery is left to its sender (a batch of tries, each within the timeout). */
export const leaseMs = 5 * 60_000;

/** What one POST came to: the receiver's status and the start of its answer, or why there was none. */
export interface WebhookAnswer {
  statusCode: number | null;
  error: string | null;
  excerpt: string | null;
  durationMs: number;
}

/** The HTTP side of a delivery, implemented by server/adapters/webhook-http.ts. */
export interface WebhookClient {
  /** One POST of `body`; never rejects: a failure is an answer without a status code. */
  post(url: string, headers: Record<string, string>, body: string): Promise<WebhookAnswer>;
}

function outcome(d: ClaimedDelivery, a: WebhookAnswer, at: Date, now: Date): TryOutcome {
  const base = {
    workspaceId: d.workspaceId,
    deliveryId: d.id,
    subscriptionId: d.subscriptionId,
    attempt: d.attempts,
    tried: true,
    attemptedAt: at,
    statusCode: a.statusCode,
    durationMs: a.durationMs,
    excerpt: a.excerpt,
    redelivery: d.redelivery,
  };
  const code = a.statusCode ?? 0;
  if (code >= 200 && code < 300) return { ...base, status: 'delivered', nextAttemptAt: null, error: null };
  if (code === 410)
    return { ...base, status: 'failed', nextAttemptAt: null, error: 'The receiver answered 410 Gone: the subscription is disabled' };
  if (d.roundAttempts >= maxAttempts) return { ...base, status: 'failed', nextAttemptAt: null, error: a.error };
  const pause = retryDelaysMs[d.roundAttempts - 1]!;
  return { ...base, status: 'pending', nextAttemptAt: new Date(now.getTime() + pause), error: a.error };
}

export interface SendResult {
  delivered: number;
  retrying: number;
  failed: number;
}

/** One pass: tries up to `limit` due deliveries; answers what became of them. */
export async function sendDueWebhooks(deps: WebhookSendDeps, limit = 100): Promise<SendResult> {
  const claimed = await claimDueDeliveries(deps.db, deps.clock.now(), limit, leaseMs);
  if (!claimed.length) return { delivered: 0, retrying: 0, failed: 0 };
  const outcomes: TryOutcome[] = [];

  const one = async (d: ClaimedDelivery) => {
    const at = deps.clock.now();
    if (!d.enabled) {
      // Disabled after this delivery was queued: it is given up, untried.
      outcomes.push({
        workspaceId: d.workspaceId,
        deliveryId: d.id,
        subscriptionId: d.subscriptionId,
        attempt: d.attempts,
        status: 'failed',
        nextAttemptAt: null,
        tried: false,
        attemptedAt: at,
        statusCode: null,
        durationMs: 0,
        error: 'Not sent: the subscription was disabled',
        excerpt: null,
        redelivery: false,
      });
      return;
    }
    const secrets = [d.secret];
    if (d.previousSecret && d.previousSecretUntil && d.previousSecretUntil > at) secrets.push(d.previousSecret);
    const answer = await deps.client.post(d.url, webhookHeaders(secrets, d.id, at, d.body), d.body);
    outcomes.push(outcome(d, answer, at, deps.clock.now()));
  };
  // A small pool: a slow receiver holds one slot, not the whole batch.
  let next = 0;
  const worker = async () => {
    while (next < claimed.length) await one(claimed[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(deps.parallel ?? 16, claimed.length) }, worker));

  const now = deps.clock.now();
  const gone = new Map(outcomes.filter((o) => o.statusCode === 410).map((o) => [`${o.workspaceId}/${o.subscriptionId}`, o]));
  await deps.db.transaction().execute(async (tx) => {
    await recordOutcomes(tx, outcomes, now);
    for (const o of gone.values()) {
      await updateSubscription(tx, o.workspaceId, o.subscriptionId, { enabled: false, disabledReason: 'gone', disabledAt: now }, now);
      await failPendingDeliveries(
        tx,
        o.workspaceId,
        o.subscriptionId,
        'Not sent: the receiver answered 410 Gone, so the subscription was disabled',
      );
    }
  });
  for (const o of gone.values()) {
    forgetWebhookSubscriptions(o.workspaceId);
    deps.log.warn({ workspaceId: o.workspaceId, webhookId: o.subscriptionId }, 'webhook receiver answered 410 Gone; subscription disabled');
  }
  const result = { delivered: 0, retrying: 0, failed: 0 };
  for (const o of outcomes) {
    if (o.status === 'delivered') result.delivered++;
    else if (o.status === 'pending') result.retrying++;
    else {
      result.failed++;
      if (o.tried && o.statusCode !== 410) {
        deps.log.warn({ workspaceId: o.workspaceId, deliveryId: o.deliveryId, error: o.error }, 'webhook delivery failed; giving up');
      }
    }
  }
  return result;
}

/** Every pass until nothing more is due; answers the totals. Tests call this with a manual clock. */
export async function drainDueWebhooks(deps: WebhookSendDeps, batch = 100): Promise<SendResult> {
  const total = { delivered: 0, retrying: 0, failed: 0 };
  for (;;) {
    const r = await sendDueWebhooks(deps, batch);
    total.delivered += r.delivered;
    total.retrying += r.retrying;
    total.failed += r.failed;
    if (r.delivered + r.retrying + r.failed < batch) return total;
  }
}
