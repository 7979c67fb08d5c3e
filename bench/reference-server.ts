// The HTTP + PostgreSQL floor (issue 15): what a bare server on the same machine and the same
// embedded PostgreSQL manages for POST /events, so Kept's intake is judged as a ratio to it.
// node:http, the JSON body parsed and checked minimally, and group commit: while up to 4
// statements are in flight, requests wait; the next statement takes every waiting request and
// stores them with one INSERT ... SELECT FROM unnest(...) JOIN customers ... ON CONFLICT DO
// NOTHING into a table LIKE events INCLUDING ALL, each answered after its COMMIT (autocommit,
// fsync and synchronous_commit on, as Kept). Its path is Kept's, /api/v1/events. Run as a child process by bench/reference.ts:
//   node bin/run-ts.js bench/reference-server.ts  (env REF_DATABASE_URL, REF_WORKSPACE, REF_TABLE)
// It prints "reference listening on PORT" when ready.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import pg from 'pg';

const maxInFlight = 4;
const maxPerStatement = 1000;

interface Item {
  externalId: string;
  type: string;
  source: string;
  occurredAt: string;
  key: string | null;
  data: string;
}
interface Waiting {
  items: Item[];
  done(err: Error | null): void;
}

const url = process.env.REF_DATABASE_URL;
const workspaceId = process.env.REF_WORKSPACE;
const referenceTable = process.env.REF_TABLE;
if (!url || !workspaceId || !referenceTable) throw new Error('REF_DATABASE_URL, REF_WORKSPACE and REF_TABLE are required');
const pool = new pg.Pool({ connectionString: url, max: maxInFlight });

const insert = `INSERT INTO ${referenceTable} (workspace_id, id, customer_id, type, source, occurred_at, received_at, idempotency_key, data)
  SELECT $1, gen_random_uuid(), c.id, u.type, u.source, u.occurred_at, now(), u.key, u.data
  FROM unnest($2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::jsonb[])
       AS u(external_id, type, source, occurred_at, key, data)
  JOIN customers c ON c.workspace_id = $1 AND c.external_id = u.external_id
  ON CONFLICT DO NOTHING`;

const queue: Waiting[] = [];
let inFlight = 0;

function pump(): void {
  while (inFlight < maxInFlight && queue.length) {
    const group: Waiting[] = [];
    let n = 0;
    while (queue.length && (n === 0 || n + queue[0]!.items.length <= maxPerStatement)) {
      const w = queue.shift()!;
      group.push(w);
      n += w.items.length;
    }
    const items = group.flatMap((w) => w.items);
    inFlight++;
    pool
      .query({
        name: 'reference-insert',
        text: insert,
        values: [
          workspaceId,
          items.map((i) => i.externalId),
          items.map((i) => i.type),
          items.map((i) => i.source),
          items.map((i) => i.occurredAt),
          items.map((i) => i.key),
          items.map((i) => i.data),
        ],
      })
      .then(
        () => group.forEach((w) => w.done(null)),
        (err: Error) => group.forEach((w) => w.done(err)),
      )
      .finally(() => {
        inFlight--;
        pump();
      });
  }
}

/** The minimal checks: a type, a customer's external id, a valid time. */
function check(e: unknown): Item | null {
  if (typeof e !== 'object' || e === null) return null;
  const o = e as Record<string, unknown>;
  const customer = o.customer as Record<string, unknown> | undefined;
  if (typeof o.type !== 'string' || !o.type || typeof customer?.externalId !== 'string') return null;
  const occurredAt = typeof o.occurredAt === 'string' ? o.occurredAt : new Date().toISOString();
  if (Number.isNaN(Date.parse(occurredAt))) return null;
  return {
    externalId: customer.externalId,
    type: o.type,
    source: typeof o.source === 'string' ? o.source : 'api',
    occurredAt,
    key: typeof o.idempotencyKey === 'string' ? o.idempotencyKey : null,
    data: JSON.stringify(o.data ?? {}),
  };
}

const server = http.createServer((req, res) => {
  const answer = (status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  if (req.method !== 'POST' || req.url !== '/api/v1/events') return answer(404, { error: 'not_found' });
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return answer(400, { error: 'invalid_json' });
    }
    const list = Array.isArray((body as { events?: unknown }).events) ? (body as { events: unknown[] }).events : [body];
    const items = list.map(check);
    if (!items.length || items.some((i) => i === null)) return answer(400, { error: 'invalid_input' });
    queue.push({
      items: items as Item[],
      done: (err) => (err ? answer(500, { error: err.message }) : answer(202, { accepted: items.length, id: randomUUID() })),
    });
    pump();
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`reference listening on ${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  void pool.end().finally(() => process.exit(0));
});
