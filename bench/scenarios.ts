// The requests each benchmark sends. Write benchmarks spread events over 10,000 customers
// (matched by external id and e-mail, as integrations usually send them) with a unique
// idempotency key per event; the timeline benchmark reads random customers' pages.
import type { Client } from './http.ts';
import { runLoad, type LoadResult, type Step } from './load.ts';

export const writeCustomers = 10_000;

function event(key: string, seq: number) {
  const n = Math.floor(Math.random() * writeCustomers);
  return {
    type: 'order.delivered',
    customer: { externalId: `w-${n}`, email: `w-${n}@example.com`, name: `Customer ${n}` },
    occurredAt: new Date(Date.now() - Math.floor(Math.random() * 3_600_000)).toISOString(),
    source: 'bench',
    idempotencyKey: key,
    data: { order: `A-${seq}`, amount: 42.5, carrier: 'DHL' },
  };
}

export function postSingleEvents(
  client: Client,
  run: string,
  opts: { clients: number; maxRequests: number; maxMs: number },
): Promise<LoadResult> {
  return runLoad(client, opts, (c, seq) => ({
    method: 'POST',
    path: '/api/v1/events',
    body: event(`${run}-${c}-${seq}`, seq),
    events: 1,
  }));
}

export function postBatches(
  client: Client,
  run: string,
  opts: { clients: number; maxRequests: number; maxMs: number; batchSize: number },
): Promise<LoadResult> {
  return runLoad(client, opts, (c, seq) => ({
    method: 'POST',
    path: '/api/v1/events',
    body: { events: Array.from({ length: opts.batchSize }, (_, i) => event(`${run}-${c}-${seq}-${i}`, seq)) },
    events: opts.batchSize,
  }));
}

/**
 * Timeline pages of random customers: 70 % first pages, 15 % second pages (with a cursor a
 * first page gave out, collected before timing starts), 15 % filtered by one type.
 * Latencies are also reported per kind, in `byLabel`.
 */
export async function readTimelines(
  client: Client,
  customerIds: string[],
  types: string[],
  opts: { clients: number; maxRequests: number; maxMs: number },
): Promise<LoadResult> {
  const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;
  const cursors: { id: string; cursor: string }[] = [];
  for (let i = 0; i < 300; i++) {
    const id = pick(customerIds);
    const r = await client.request('GET', `/api/v1/customers/${id}/timeline?limit=50`);
    const cursor = r.status === 200 ? (JSON.parse(r.body) as { nextCursor: string | null }).nextCursor : null;
    if (cursor) cursors.push({ id, cursor });
  }
  if (!cursors.length) throw new Error('No timeline page gave out a cursor: is the timeline data loaded?');
  const timeline = (id: string, query: string) => `/api/v1/customers/${id}/timeline?limit=50${query}`;
  return runLoad(
    client,
    opts,
    (): Step => {
      const roll = Math.random();
      if (roll < 0.7) return { method: 'GET', path: timeline(pick(customerIds), ''), events: 0, label: 'first page' };
      if (roll < 0.85) {
        const c = pick(cursors);
        return { method: 'GET', path: timeline(c.id, `&cursor=${encodeURIComponent(c.cursor)}`), events: 0, label: 'second page (cursor)' };
      }
      return { method: 'GET', path: timeline(pick(customerIds), `&type=${pick(types)}`), events: 0, label: 'type filter' };
    },
    // A page of a customer with 50 events is never empty: an empty one means a wrong query.
    (status, body) => status === 200 && (JSON.parse(body) as { items: unknown[] }).items.length > 0,
  );
}
