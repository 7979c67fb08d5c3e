// A crash under load: Kept takes events from 16 clients, then Kept, its embedded PostgreSQL
// and every backend are killed with SIGKILL at once, so PostgreSQL must recover from its WAL.
// After a restart on the same data directory, every event whose request was acknowledged
// (a 2xx answer) is stored exactly once, with the id the answer gave; events of requests that
// got no answer may or may not be there, but a batch is there whole or not at all.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedDatabaseUrl, keptCli, startKeptProcess, type KeptProcess } from './process.ts';

const clients = 16;
const loadMs = 1500;
const source = 'crash-test';

interface Sent {
  body: unknown;
  keys: string[];
  batch: boolean;
  /** 0: no answer (the connection died with the server). */
  status?: number;
  /** Event ids the answer gave, in the order of `keys`. */
  ids?: string[];
}

const acknowledged = (s: Sent) => s.status !== undefined && s.status >= 200 && s.status < 300;

function eventFor(key: string) {
  const n = Math.floor(Math.random() * 50); // few customers: concurrent requests create and share them
  return {
    type: 'order.delivered',
    customer: { externalId: `c-${n}`, email: `c-${n}@example.com` },
    occurredAt: new Date().toISOString(),
    source,
    idempotencyKey: key,
    data: { n },
  };
}

async function post(url: string, token: string, body: unknown): Promise<{ status: number; body: Record<string, any> | undefined }> {
  const res = await fetch(`${url}/api/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  // A 2xx whose body was cut off by the kill still means the events were committed.
  let answer: Record<string, any> | undefined;
  try {
    answer = JSON.parse(await res.text()) as Record<string, any>;
  } catch {
    answer = undefined;
  }
  return { status: res.status, body: answer };
}

describe('a crash of Kept and its embedded PostgreSQL under load', () => {
  let dataDir: string;
  let kept: KeptProcess | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kept-crash-'));
  });

  afterAll(async () => {
    await kept?.stop().catch(() => {});
    await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('keeps every acknowledged event exactly once, and answers its repeat as a duplicate', async () => {
    kept = await startKeptProcess({ dataDir });
    const token = await keptCli(['token', 'create', '--name', 'crash-test', '--role', 'agent'], dataDir);

    const sent: Sent[] = [];
    let killing = false;
    const client = async (c: number) => {
      for (let seq = 0; !killing; seq++) {
        const batch = seq % 2 === 1;
        const keys = Array.from({ length: batch ? 2 + Math.floor(Math.random() * 9) : 1 }, (_, i) => `${c}-${seq}-${i}`);
        const body = batch ? { events: keys.map(eventFor) } : eventFor(keys[0]!);
        const s: Sent = { body, keys, batch };
        sent.push(s);
        try {
          const r = await post(kept!.url, token, body);
          s.status = r.status;
          if (r.body?.event) s.ids = [r.body.event.id];
          if (r.body?.results) s.ids = (r.body.results as { id: string }[]).map((x) => x.id);
        } catch {
          s.status = 0;
        }
      }
    };
    const load = Promise.all(Array.from({ length: clients }, (_, c) => client(c)));
    // At least loadMs of load, and on a busy machine until some of it was acknowledged (at most a minute).
    const started = Date.now();
    while (Date.now() - started < loadMs || (sent.filter(acknowledged).length < 20 && Date.now() - started < 60_000)) {
      await new Promise((r) => setTimeout(r, 100));
    }
    killing = true;
    const inFlight = sent.filter((s) => s.status === undefined).length;
    await kept.crash();
    await load;

    kept = await startKeptProcess({ dataDir, env: { KEPT_LOG_LEVEL: 'debug' } });
    expect(kept.output(), 'PostgreSQL recovered from its WAL').toMatch(/not properly shut down|automatic recovery in progress/);

    const db = new pg.Client({ connectionString: embeddedDatabaseUrl(dataDir) });
    await db.connect();
    let stored: Map<string, { n: number; id: string }>;
    try {
      const r = await db.query<{ key: string; n: number; id: string }>(
        `SELECT idempotency_key AS key, count(*)::int AS n, min(id::text) AS id FROM events WHERE source = $1 GROUP BY 1`,
        [source],
      );
      stored = new Map(r.rows.map((x) => [x.key, { n: x.n, id: x.id }]));
    } finally {
      await db.end();
    }

    const acked = sent.filter(acknowledged);
    const unacked = sent.filter((s) => !acknowledged(s));
    const ackedKeys = acked.flatMap((s) => s.keys);
    const missing = ackedKeys.filter((k) => !stored.has(k));
    const duplicated = [...stored].filter(([, v]) => v.n > 1).map(([k]) => k);
    const wrongId = acked.flatMap((s) => s.keys.filter((k, i) => s.ids && stored.get(k) && stored.get(k)!.id !== s.ids[i]));
    const sentKeys = new Set(sent.flatMap((s) => s.keys));
    const unknown = [...stored.keys()].filter((k) => !sentKeys.has(k));
    const unackedPresent = unacked.flatMap((s) => s.keys).filter((k) => stored.has(k));
    const partialBatches = unacked.filter((s) => {
      const present = s.keys.filter((k) => stored.has(k)).length;
      return present > 0 && present < s.keys.length;
    });

    // The same requests again, after the restart: nothing new is stored, the originals answer.
    const sample = acked
      .filter((s) => s.ids)
      .filter((_, i) => i % Math.max(1, Math.floor(acked.length / 40)) === 0)
      .slice(0, 40);
    const repeats = await Promise.all(sample.map((s) => post(kept!.url, token, s.body)));
    const notDuplicate = repeats.filter((r, i) => {
      const s = sample[i]!;
      if (r.status !== 200) return true;
      if (!s.batch) return r.body?.duplicate !== true || r.body?.event?.id !== s.ids?.[0];
      const results = (r.body?.results ?? []) as { id: string; duplicate: boolean }[];
      return r.body?.stored !== 0 || results.some((x, j) => !x.duplicate || x.id !== s.ids?.[j]);
    }).length;

    const failedStatuses = unacked.filter((s) => s.status !== 0).map((s) => s.status);
    console.log(
      `crash test: ${sent.length} requests (${inFlight} in flight at the kill, ${failedStatuses.length} refused${failedStatuses.length ? ` ${[...new Set(failedStatuses)].join(',')}` : ''}); ` +
        `acknowledged ${ackedKeys.length} events, present ${ackedKeys.length - missing.length}, missing ${missing.length}, ` +
        `duplicated ${duplicated.length}, unacknowledged-but-present ${unackedPresent.length} of ${unacked.flatMap((s) => s.keys).length}, ` +
        `partial batches ${partialBatches.length}; re-sent ${sample.length} acknowledged requests: ${sample.length - notDuplicate} answered as duplicates`,
    );

    expect(ackedKeys.length, 'the load was acknowledged at all').toBeGreaterThan(0);
    expect(missing, 'acknowledged events missing after the crash').toEqual([]);
    expect(duplicated, 'events stored twice').toEqual([]);
    expect(wrongId, 'stored events whose id differs from the acknowledged one').toEqual([]);
    expect(unknown, 'stored events nobody sent').toEqual([]);
    expect(partialBatches.length, 'batches stored in part').toBe(0);
    expect(notDuplicate, 're-sent acknowledged requests not answered as duplicates of the originals').toBe(0);
  }, 300_000); // a crash, a recovery from the WAL and two starts: minutes on a busy machine
});
