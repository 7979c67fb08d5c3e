// The webhook sender: every second it claims due deliveries (SKIP LOCKED and a lease, so any
// number of instances may run it and a delivery is with one sender at a time), POSTs each,
// signed per Standard Webhooks, and records the batch's tries in one transaction. 2xx is
// delivered; anything else is tried again after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h
// (27.6 hours in all), then failed. 410 Gone disables the subscription. Redirects are not followed.
import http from 'node:http';
import https from 'node:https';
import type { Logger } from 'pino';
import type { Clock } from '../domain/core/clock.ts';
import { webhookHeaders } from '../domain/webhooks/signing.ts';
import type { Db } from '../storage/database.ts';
import {
  claimDueDeliveries,
  failPendingDeliveries,
  recordOutcomes,
  type ClaimedDelivery,
  type TryOutcome,
} from '../storage/webhook-deliveries.ts';
import { forgetWebhookSubscriptions } from '../storage/webhook-queue.ts';
import { updateSubscription } from '../storage/webhooks.ts';

export interface WebhookSendDeps {
  db: Db;
  clock: Clock;
  log: Pick<Logger, 'info' | 'warn'>;
  /** How long one try may take, from connecting to reading the start of the answer. */
  timeoutMs?: number;
  /** Tries of one batch in flight at once. */
  parallel?: number;
}

const hour = 3_600_000;
/** The pause after the 1st, 2nd, ... 7th failed try of a round; the 8th failure gives up. */
export const retryDelaysMs = [5_000, 5 * 60_000, 30 * 60_000, 2 * hour, 5 * hour, 10 * hour, 10 * hour] as const;
export const maxAttempts = retryDelaysMs.length + 1;
/** How long a claimed delivery is left to its sender (a batch of tries, each within the timeout). */
export const leaseMs = 5 * 60_000;
export const defaultTimeoutMs = 15_000;
const excerptChars = 500;

export interface Answer {
  statusCode: number | null;
  error: string | null;
  excerpt: string | null;
  durationMs: number;
}

// node:http rather than fetch: on a loopback receiver it sent about three times as many
// requests per CPU second (Node 20), and it never follows a redirect by itself.
const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };

const errorFor = (status: number, location: string | undefined) =>
  status >= 200 && status < 300
    ? null
    : status >= 300 && status < 400
      ? `Redirects are not followed (HTTP ${status}${location ? ` to ${location.slice(0, 300)}` : ''})`
      : `HTTP ${status}`;

/** One POST: the receiver's status and the start of its answer, or why there was none. */
export function postWebhook(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve) => {
    let status: number | null = null;
    let location: string | undefined;
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (failure?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const excerpt = new TextDecoder().decode(Buffer.concat(chunks)).slice(0, excerptChars) || null;
      resolve({
        statusCode: status,
        error: status === null ? (failure ?? 'No answer') : errorFor(status, location),
        excerpt,
        durationMs: Math.round(performance.now() - started),
      });
    };
    const timer = setTimeout(() => {
      finish(`No answer within ${timeoutMs / 1000} s`);
      req.destroy();
    }, timeoutMs);
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return finish('Not a URL');
    }
    const lib = target.protocol === 'https:' ? https : http;
    const req = lib.request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        agent: agents[target.protocol as 'http:' | 'https:'],
      },
      (res) => {
        status = res.statusCode ?? null;
        location = res.headers.location;
        res.on('data', (c: Buffer) => {
          chunks.push(c);
          size += c.length;
          if (size >= excerptChars * 4) {
            finish();
            res.destroy(); // the rest of a long answer is not needed
          }
        });
        res.on('end', () => finish());
        res.on('error', () => finish()); // cut off: the status code is what counts
        res.on('close', () => finish());
      },
    );
    req.on('error', (err: Error & { code?: string }) => finish((err.message || err.code || String(err)).slice(0, 1000)));
    req.end(body);
  });
}

function outcome(d: ClaimedDelivery, a: Answer, at: Date, now: Date): TryOutcome {
  const base = {
    workspaceId: d.workspace_id,
    deliveryId: d.id,
    subscriptionId: d.subscription_id,
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
  if (d.round_attempts >= maxAttempts) return { ...base, status: 'failed', nextAttemptAt: null, error: a.error };
  const pause = retryDelaysMs[d.round_attempts - 1]!;
  return { ...base, status: 'pending', nextAttemptAt: new Date(now.getTime() + pause), error: a.error };
}

export interface SendResult {
  delivered: number;
  retrying: number;
  failed: number;
}

/** One pass: tries up to `limit` due deliveries; answers what became of them. */
export async function sendDueWebhooks(deps: WebhookSendDeps, limit = 100): Promise<SendResult> {
  const timeoutMs = deps.timeoutMs ?? defaultTimeoutMs;
  const claimed = await claimDueDeliveries(deps.db, deps.clock.now(), limit, leaseMs);
  if (!claimed.length) return { delivered: 0, retrying: 0, failed: 0 };
  const outcomes: TryOutcome[] = [];

  const one = async (d: ClaimedDelivery) => {
    const at = deps.clock.now();
    if (!d.enabled) {
      // Disabled after this delivery was queued: it is given up, untried.
      outcomes.push({
        workspaceId: d.workspace_id,
        deliveryId: d.id,
        subscriptionId: d.subscription_id,
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
    if (d.previous_secret && d.previous_secret_until && d.previous_secret_until > at) secrets.push(d.previous_secret);
    const answer = await postWebhook(d.url, webhookHeaders(secrets, d.id, at, d.body), d.body, timeoutMs);
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
      await updateSubscription(tx, o.workspaceId, o.subscriptionId, { enabled: false, disabled_reason: 'gone', disabled_at: now }, now);
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
export async function runWebhookJobs(deps: WebhookSendDeps, batch = 100): Promise<SendResult> {
  const total = { delivered: 0, retrying: 0, failed: 0 };
  for (;;) {
    const r = await sendDueWebhooks(deps, batch);
    total.delivered += r.delivered;
    total.retrying += r.retrying;
    total.failed += r.failed;
    if (r.delivered + r.retrying + r.failed < batch) return total;
  }
}

export function startWebhookJobs(deps: WebhookSendDeps, everyMs = 1000): () => Promise<void> {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    running = runWebhookJobs(deps)
      .then((r) => {
        if (r.retrying + r.failed > 0) deps.log.info(r, 'webhook sender');
      })
      .catch((err) => deps.log.warn({ err }, 'webhook sender failed; will retry'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, everyMs);
      });
  };
  timer = setTimeout(tick, everyMs);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
