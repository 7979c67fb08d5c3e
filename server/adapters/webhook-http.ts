// The webhook HTTP client (the WebhookClient of domain/webhooks/delivery.ts): one POST per try,
// over keep-alive agents, answering the receiver's status and the start of its body, or why
// there was none. Redirects are not followed.
import http from 'node:http';
import https from 'node:https';
import type { WebhookAnswer, WebhookClient } from '../domain/webhooks/delivery.ts';
import { refusedMessage } from '../lib/outbound-address.ts';
import { createOutboundGuard, type OutboundGuard } from './outbound-http.ts';

/** How long one try may take, from connecting to reading the start of the answer. */
export const defaultTimeoutMs = 15_000;
const excerptChars = 500;

// node:http rather than fetch: on a loopback receiver it sent about three times as many
// requests per CPU second (Node 20), and it never follows a redirect by itself. Its agents come
// from the outbound guard, which checks every address connected to (adapters/outbound-http.ts).
let defaultGuard: OutboundGuard | undefined;

const errorFor = (status: number, location: string | undefined) =>
  status >= 200 && status < 300
    ? null
    : status >= 300 && status < 400
      ? `Redirects are not followed (HTTP ${status}${location ? ` to ${location.slice(0, 300)}` : ''})`
      : `HTTP ${status}`;

/** One POST: the receiver's status and the start of its answer, or why there was none. */
export function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
  guard: OutboundGuard = (defaultGuard ??= createOutboundGuard()),
): Promise<WebhookAnswer> {
  const started = performance.now();
  return new Promise((resolve) => {
    let status: number | null = null;
    let location: string | undefined;
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    let refused = false;
    const finish = (failure?: string, isRefused = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // A refused target tells nothing: not its answer, not why it could not be reached.
      if (isRefused) return resolve({ statusCode: null, error: refusedMessage, excerpt: null, durationMs: 0 });
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
    if (guard.literalRefusal(target.hostname)) return finish(undefined, true);
    const lib = target.protocol === 'https:' ? https : http;
    const req = lib.request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        agent: guard.agents[target.protocol as 'http:' | 'https:'],
      },
      (res) => {
        if (refused) return finish(undefined, true);
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
    req.on('socket', (socket) => guard.watch(socket, target.hostname));
    req.on('error', (err: Error & { code?: string }) => {
      if (err.code === 'KEPT_OUTBOUND_REFUSED') refused = true;
      finish((err.message || err.code || String(err)).slice(0, 1000), refused);
    });
    req.end(body);
  });
}

/** `outbound`: where deliveries may go; by default no private or loopback address at all. */
export function createWebhookHttpClient(o: { timeoutMs?: number; outbound?: OutboundGuard } = {}): WebhookClient {
  const timeoutMs = o.timeoutMs ?? defaultTimeoutMs;
  return { post: (url, headers, body) => postWebhook(url, headers, body, timeoutMs, o.outbound) };
}
