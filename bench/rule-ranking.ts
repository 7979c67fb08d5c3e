// The friction ranking over 1,000,000 tagged items: 50 rules, 100,000 customers, complaints,
// cases and answers tagged over 365 days (loaded once with INSERT ... SELECT generate_series,
// then reused). No exceptions (they need real cases). Measures GET /api/v1/rules/ranking through the HTTP API
// for the last 30 days and for the whole year (every item, and the year before for the trend).
import type pg from 'pg';
import { keptCli } from '../test/process.ts';
import { ensureWorkspace } from './dataset.ts';
import { createClient } from './http.ts';
import { percentile } from './load.ts';
import type { Row } from './report.ts';

export const rankingWorkspace = 'bench-rules';
const items = 1_000_000;
const customers = 100_000;
const rules = 50;
const dayMs = 86_400_000;
const fmt = (n: number) => Math.round(n).toLocaleString('en');

async function ensureData(db: pg.Client, ws: string, end: number, log: (s: string) => void): Promise<number | undefined> {
  const have = Number((await db.query('SELECT count(*) AS n FROM rule_friction WHERE workspace_id = $1', [ws])).rows[0].n);
  if (have === items) return undefined;
  const t0 = Date.now();
  log(`ranking data: ${fmt(items)} tagged items`);
  await db.query('DELETE FROM rule_exceptions WHERE workspace_id = $1', [ws]);
  await db.query('DELETE FROM rule_friction WHERE workspace_id = $1', [ws]);
  await db.query('DELETE FROM rule_versions WHERE workspace_id = $1', [ws]);
  await db.query('DELETE FROM rules WHERE workspace_id = $1', [ws]);
  await db.query(
    `INSERT INTO customers (workspace_id, id, external_id, created_at, updated_at)
     SELECT $1, gen_random_uuid(), 'rules-' || g, now(), now() FROM generate_series(1, $2) g ON CONFLICT DO NOTHING`,
    [ws, customers],
  );
  await db.query(
    `INSERT INTO rules (workspace_id, id, name, text, status, created_at, updated_at)
     SELECT $1, gen_random_uuid(), 'Rule ' || g, 'The text of rule ' || g, 'in_force', now(), now() FROM generate_series(1, $2) g`,
    [ws, rules],
  );
  // Skewed: rule n gets about twice the friction of rule n + 10, so the ranking has a clear top.
  await db.query(
    `WITH r AS (SELECT id, row_number() OVER (ORDER BY name) AS n FROM rules WHERE workspace_id = $1),
          c AS (SELECT id, row_number() OVER (ORDER BY external_id) AS n FROM customers WHERE workspace_id = $1 AND external_id LIKE 'rules-%')
     INSERT INTO rule_friction (workspace_id, id, rule_id, item_kind, item_id, customer_id, occurred_at, words, tagged_at, suggested)
     SELECT $1, gen_random_uuid(), r.id, (ARRAY['complaint', 'case', 'answer'])[1 + g % 3], gen_random_uuid(), c.id,
            to_timestamp(($3::bigint - (g::bigint * 365 * ${dayMs}) / $2::bigint) / 1000.0), 'words', now(), false
     FROM generate_series(1, $2) g
     JOIN r ON r.n = 1 + floor(${rules} * power(abs(hashint4(g)) / 2147483648.0, 2))::int
     JOIN c ON c.n = 1 + (g::bigint * 7919) % ${customers}`,
    [ws, items, end],
  );
  await db.query('VACUUM (ANALYZE) rule_friction');
  return Date.now() - t0;
}

export async function runRankingBench(o: {
  db: pg.Client;
  url: string;
  dataDir: string;
  log: (s: string) => void;
  requests?: number;
}): Promise<Row[]> {
  const requests = o.requests ?? 100;
  const ws = await ensureWorkspace(o.db, rankingWorkspace);
  const end = Date.UTC(2026, 0, 1);
  const loadMs = await ensureData(o.db, ws, end, o.log);
  const rows: Row[] = [];
  if (loadMs !== undefined)
    rows.push({ name: `ranking data: ${fmt(items)} tagged items (INSERT ... SELECT)`, result: `${(loadMs / 1000).toFixed(1)} s` });
  const token = await keptCli(['token', 'create', '--name', 'bench', '--role', 'agent', '--workspace', rankingWorkspace], o.dataDir);
  const client = createClient(o.url, token, 1);
  for (const [label, days] of [
    ['last 30 days', 30],
    ['365 days (all 1M items, trend over 2 years)', 365],
  ] as const) {
    const path = `/api/v1/rules/ranking?from=${new Date(end - days * dayMs).toISOString()}&to=${new Date(end + 1).toISOString()}`;
    const first = await client.request('GET', path);
    if (first.status !== 200) throw new Error(`GET ${path} answered ${first.status}: ${first.body.slice(0, 300)}`);
    const top = (JSON.parse(first.body) as { items: { name: string; friction: number }[] }).items;
    const latencies: number[] = [];
    for (let i = 0; i < requests + 5; i++) {
      const t0 = performance.now();
      const r = await client.request('GET', path);
      if (r.status !== 200) throw new Error(`ranking answered ${r.status}`);
      if (i >= 5) latencies.push(performance.now() - t0);
    }
    latencies.sort((a, b) => a - b);
    const p95 = percentile(latencies, 95);
    rows.push({
      name: `friction ranking over ${fmt(items)} tagged items, ${label}`,
      result: `${top.length} rules, top ${top[0]?.name} (${fmt(top[0]?.friction ?? 0)})`,
      p50: percentile(latencies, 50),
      p95,
      target: 'p95 ≤ 100 ms',
      pass: p95 <= 100,
    });
  }
  return rows;
}
