// A webhook receiver for tests and the benchmark: a real HTTP server on a loopback port that
// keeps every request, answers what the test says, and can go down and come back on the same port.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { createOutboundGuard } from '../server/adapters/outbound-http.ts';
import { parseAllowList } from '../server/lib/outbound-address.ts';

/** The operator's allow-list a test receiver needs: it listens on loopback, which Kept otherwise refuses. */
export const receiverAllow = '127.0.0.1';
/** The outbound guard that lets webhooks reach a test receiver (and no other private address). */
export const receiverGuard = createOutboundGuard(parseAllowList(receiverAllow));

export interface ReceivedHook {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  headers: Record<string, string>;
  path: string;
}

export interface Answer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
  /** Wait this long before answering. */
  delayMs?: number;
}

export interface Receiver {
  url: string;
  received: ReceivedHook[];
  /** What to answer; 200 by default. */
  answer: (hook: ReceivedHook) => Answer;
  /** Stops listening and drops open connections: senders get "connection refused". */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

export async function startReceiver(opts: { keep?: boolean } = {}): Promise<Receiver> {
  let port = 0;
  let server: Server;
  const receiver: Receiver = {
    url: '',
    received: [],
    answer: () => ({ status: 200, body: 'ok' }),
    async down() {
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
    },
    async up() {
      server = make();
      await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
      port = (server.address() as AddressInfo).port;
    },
    close: () => receiver.down(),
  };
  const make = () =>
    createServer(async (req, res) => {
      const body = await readBody(req);
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const hook: ReceivedHook = {
        id: headers['webhook-id'] ?? '',
        timestamp: headers['webhook-timestamp'] ?? '',
        signature: headers['webhook-signature'] ?? '',
        body,
        headers,
        path: req.url ?? '',
      };
      if (opts.keep !== false) receiver.received.push(hook);
      const a = receiver.answer(hook);
      if (a.delayMs) await new Promise((r) => setTimeout(r, a.delayMs));
      res.writeHead(a.status, { 'content-type': 'text/plain', ...a.headers });
      res.end(a.body ?? '');
    });
  await receiver.up();
  receiver.url = `http://127.0.0.1:${port}`;
  return receiver;
}

/**
 * Verifies a received hook with the standardwebhooks package as a receiver whose clock reads
 * `at` would (the package checks the timestamp against Date.now(), and tests move Kept's clock).
 * Throws when the signature or the timestamp is wrong; answers the parsed body.
 */
export function verifyAt(secret: string, hook: ReceivedHook, at: Date): unknown {
  const wh = new Webhook(secret);
  const realNow = Date.now;
  Date.now = () => at.getTime();
  try {
    return wh.verify(hook.body, hook.headers);
  } finally {
    Date.now = realNow;
  }
}
