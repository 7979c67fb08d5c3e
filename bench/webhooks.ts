// Webhooks: what a subscription costs event intake, and how fast Kept's sender delivers to a
// receiver on this machine. Intake is measured through the API without and then with a
// subscription to the events sent (whose deliveries go out at the same time, on the same cores);
// the queueing alone is timed in this process with insertEvents in transactions that roll back;
// the sender's rate is measured on deliveries queued all at once, with nothing else running.
import pg from 'pg';
import { systemClock } from '../server/domain/core/clock.ts';
import { uuidv7 } from '../server/lib/ids.ts';
import { openDatabase } from '../server/storage/database.ts';
import { insertEvents, type NewEvent } from '../server/storage/events.ts';
import { startReceiver } from '../test/webhook-receiver.ts';
import { keptCli } from '../test/process.ts';
import { measureCpu } from './cpu.ts';
import { ensureWorkspace, resetWriteWorkspace } from './dataset.ts';
import { createClient, type Client } from './http.ts';
import { percentile, type LoadResult } from './load.ts';
import type { Row } from './report.ts';
import { postBatches, postSingleEvents, writeCustomers } from './scenarios.ts';

export const webhookWorkspace = 'bench-webhooks';
const fmt = (n: number) => Math.round(n).toLocaleString('en');

interface Deps {
  db: pg.Client;
  dbUrl: string;
  url: string;
  dataDir: string;
  keptPid: number;
  seconds: number;
  log: (s: string) => void;
  clients: Client[];
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

export async function runWebhookBench(d: Deps): Promise<{ rows: Row[]; notes: string[] }> {
  const { db, log } = d;
  const rows: Row[] = [];
  const notes: string[] = [];
  const ws = await ensureWorkspace(db, webhookWorkspace);
  await db.query('DELETE FROM webhook_subscriptions WHERE workspace_id = $1', [ws]);
  await resetWriteWorkspace(db, ws, writeCustomers);
  await db.query('VACUUM (ANALYZE) customers');
  const agent = await keptCli(['token', 'create', '--name', 'bench', '--role', 'agent', '--workspace', webhookWorkspace], d.dataDir);
  const admin = await keptCli(['token', 'create', '--name', 'bench', '--role', 'admin', '--workspace', webhookWorkspace], d.dataDir);

  const receiver = await startReceiver({ keep: false });
  const seen = new Map<string, { count: number; ids: Set<string> }>();
  receiver.answer = (h) => {
    const s = seen.get(h.path) ?? { count: 0, ids: new Set<string>() };
    seen.set(h.path, s);
    s.count++;
    s.ids.add(h.id);
    return { status: 204 };
  };
  const adminClient = createClient(d.url, admin, 1);
  d.clients.push(adminClient);
  const subscribe = async (path: string, eventTypes: string[]) => {
    const r = await adminClient.request('POST', '/api/v1/webhooks', { url: receiver.url + path, eventTypes });
    if (r.status !== 201) throw new Error(`could not subscribe: ${r.status} ${r.body}`);
    return (JSON.parse(r.body) as { webhook: { id: string } }).webhook.id;
  };
  const deliveriesOf = async (subscription: string, status?: string) =>
    Number(
      (
        await db.query(
          `SELECT count(*) AS n FROM webhook_deliveries WHERE workspace_id = $1 AND subscription_id = $2 ${status ? 'AND status = $3' : ''}`,
          status ? [ws, subscription, status] : [ws, subscription],
        )
      ).rows[0].n,
    );

  const intake = async (label: string, run: string) => {
    const out: Row[] = [];
    for (const kind of ['batch', 'single'] as const) {
      const n = kind === 'batch' ? 4 : 32;
      const name = `webhooks: ${kind === 'batch' ? '1,000-event batch' : 'single-event'} POST, ${n} clients, ${label}`;
      log(`${name}, up to ${d.seconds} s`);
      const client = createClient(d.url, agent, n);
      d.clients.push(client);
      const spent = measureCpu(d.keptPid);
      const r: LoadResult =
        kind === 'batch'
          ? await postBatches(client, `${run}-b`, { clients: n, maxRequests: 20, maxMs: d.seconds * 1000, batchSize: 1000 })
          : await postSingleEvents(client, `${run}-s`, { clients: n, maxRequests: 200_000, maxMs: d.seconds * 1000 });
      const cpu = spent();
      out.push({
        name,
        result: `${fmt(r.events / r.seconds)} events/s`,
        p50: percentile(r.latencies, 50),
        p95: percentile(r.latencies, 95),
        cpu: r.ok ? `${(cpu.kept / r.ok).toFixed(2)} + ${(cpu.postgres / r.ok).toFixed(2)} ms` : '',
      });
      if (r.failed) notes.push(`${name}: ${r.failed} requests failed.`);
    }
    return out;
  };

  try {
    const run = `wh${Date.now().toString(36)}`;
    rows.push(...(await intake('no subscription', `${run}-none`)));
    const live = await subscribe('/live', ['order.*']);
    rows.push(...(await intake('1 subscription (order.*), delivered meanwhile', `${run}-sub`)));
    const queued = await deliveriesOf(live);
    log(`webhooks: waiting for the ${fmt(queued)} deliveries of the intake runs`);
    const drained = await waitFor(async () => (await deliveriesOf(live, 'delivered')) === queued, 600_000);
    const got = seen.get('/live') ?? { count: 0, ids: new Set() };
    notes.push(
      `Webhooks, intake with a subscription: ${fmt(queued)} deliveries queued for the events acknowledged, ${drained ? 'all' : 'NOT all'} delivered; ` +
        `the receiver got ${fmt(got.count)} requests with ${fmt(got.ids.size)} distinct webhook-ids${got.count === got.ids.size && got.ids.size === queued ? ' (each once)' : ' (MISMATCH)'}. ` +
        'The intake rows with a subscription include the CPU of sending those deliveries while the load runs.',
    );

    rows.push(await queueingCost(d, ws, live));

    // The sender alone: deliveries queued in one statement for a subscription nothing else feeds.
    const count = Math.max(10_000, d.seconds * 2_000);
    const drain = await subscribe('/drain', ['bench.never']);
    log(`webhooks: ${fmt(count)} deliveries queued at once; measuring the sender`);
    const spent = measureCpu(d.keptPid);
    const started = Date.now();
    await db.query(
      `INSERT INTO webhook_deliveries (workspace_id, id, subscription_id, event_id, type, status, next_attempt_at, created_at)
       SELECT $1, gen_random_uuid(), $2, e.id, e.type, 'pending', now(), now()
       FROM events e WHERE e.workspace_id = $1 LIMIT $3`,
      [ws, drain, count],
    );
    const done = await waitFor(
      async () => (seen.get('/drain')?.ids.size ?? 0) >= count && (await deliveriesOf(drain, 'delivered')) === count,
      600_000,
    );
    const secs = (Date.now() - started) / 1000;
    const cpu = spent();
    const drainSeen = seen.get('/drain')!;
    rows.push({
      name: `webhook deliveries to a local receiver (${fmt(count)} queued at once)`,
      result: `${fmt(count / secs)} deliveries/s`,
      cpu: `${(cpu.kept / count).toFixed(2)} + ${(cpu.postgres / count).toFixed(2)} ms`,
    });
    notes.push(
      `Webhook sender: ${fmt(count)} deliveries (signed, POSTed over keep-alive to a receiver in the bench process, 204 answers, each try logged) ` +
        `${done ? 'all delivered' : 'NOT all delivered'} in ${secs.toFixed(1)} s; ${fmt(drainSeen.count)} requests, ${fmt(drainSeen.ids.size)} distinct webhook-ids. ` +
        'One instance: batches of 100 claimed with SKIP LOCKED, 16 in flight, one transaction per batch for the outcomes.',
    );
  } finally {
    await receiver.close();
  }
  return { rows, notes };
}

/** insertEvents in transactions that roll back, so nothing is sent: the queueing alone, without and with a subscription. */
async function queueingCost(d: Deps, ws: string, subscription: string): Promise<Row> {
  const { db: kysely } = openDatabase({ url: d.dbUrl, poolSize: 1 });
  const customers = (await d.db.query<{ id: string }>('SELECT id FROM customers WHERE workspace_id = $1 LIMIT 1000', [ws])).rows.map(
    (r) => r.id,
  );
  const events = (n: number): NewEvent[] =>
    Array.from({ length: n }, (_, i) => ({
      id: uuidv7(),
      customerId: customers[i % customers.length]!,
      type: 'order.delivered',
      source: 'bench',
      occurredAt: new Date(),
      idempotencyKey: null,
      data: { order: `A-${i}`, amount: 42.5, carrier: 'DHL' },
    }));
  const time = async (n: number, reps: number) => {
    const ms: number[] = [];
    for (let i = 0; i < reps; i++) {
      const batch = events(n);
      const t0 = performance.now();
      await kysely
        .transaction()
        .execute(async (tx) => {
          await insertEvents(tx, ws, batch, systemClock.now());
          throw new Error('rollback');
        })
        .catch(() => {});
      ms.push(performance.now() - t0);
    }
    return percentile(
      ms.sort((a, b) => a - b),
      50,
    );
  };
  try {
    await d.db.query('UPDATE webhook_subscriptions SET enabled = false WHERE workspace_id = $1', [ws]);
    await new Promise((r) => setTimeout(r, 5_100)); // the subscription cache of this process
    await time(1, 50);
    const without = { one: await time(1, 400), batch: await time(1000, 40) };
    await d.db.query('UPDATE webhook_subscriptions SET enabled = true WHERE workspace_id = $1 AND id = $2', [ws, subscription]);
    await new Promise((r) => setTimeout(r, 5_100));
    const withSub = { one: await time(1, 400), batch: await time(1000, 40) };
    return {
      name: 'webhooks: insertEvents in a rolled-back transaction, median, no subscription → 1 matching',
      result: `1 event ${without.one.toFixed(2)} → ${withSub.one.toFixed(2)} ms; 1,000 events ${without.batch.toFixed(1)} → ${withSub.batch.toFixed(1)} ms`,
    };
  } finally {
    await kysely.destroy();
  }
}
