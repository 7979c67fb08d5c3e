// A/B in one process: the guard's rules probed one statement per rule (before: findMatchingEvent per rule)
// or all in one (after: findFirstMatch), on a timeline of 10,000 events. `node bin/run-ts.js bench/guard-ab.ts`
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../server/storage/database.ts';
import { startEmbedded } from '../server/storage/embedded.ts';
import { migrate } from '../server/storage/migrate.ts';
import { enabledGuardRules } from '../server/domain/one-voice/guard-rules.ts';
import { findFirstMatch, findMatchingEvent } from '../server/storage/guard.ts';

const dir = await mkdtemp(join(tmpdir(), 'guard-ab-'));
const e = await startEmbedded({ dataDir: dir });
const { db } = openDatabase({ url: e.url, poolSize: 4 });
await migrate(db, e.url);
const ws = (
  await sql<{ id: string }>`INSERT INTO workspaces (id, slug, name) VALUES (gen_random_uuid(), 'g', 'g') RETURNING id`.execute(db)
).rows[0]!.id;
const cu = (
  await sql<{
    id: string;
  }>`INSERT INTO customers (workspace_id, id, external_id, created_at, updated_at) VALUES (${ws}, gen_random_uuid(), 'x', now(), now()) RETURNING id`.execute(
    db,
  )
).rows[0]!.id;
await sql`INSERT INTO events (workspace_id, id, customer_id, type, source, occurred_at, received_at, data)
  SELECT ${ws}, gen_random_uuid(), ${cu}, (ARRAY['order.placed','order.placed','order.placed','order.placed','shipment.delivered','shipment.delivered','shipment.delivered','invoice.sent','invoice.sent','page.viewed'])[1 + g % 10],
  'bench', now() - (g * interval '4 hours'), now(), jsonb_build_object('n', g, 'direction', 'outbound', 'balance', 10 + g % 7) FROM generate_series(1, 10000) g`.execute(
  db,
);
await sql`VACUUM ANALYZE events`.execute(db);
const now = new Date();
const rules = await enabledGuardRules(db, ws, now);
const kinds = ['equipment_not_received', 'invoice', 'survey_invitation', 'marketing'];
const per = kinds.map((k) => rules.filter((r) => r.rule.messageKinds.includes(k)).map((r) => r.rule.heldWhen));
console.log('rules per kind', per.map((p) => p.length).join(','));
const A = async (m: (typeof per)[0]) => {
  for (const x of m) if (await findMatchingEvent(db, ws, cu, x, now)) return;
};
const B = async (m: (typeof per)[0]) => {
  await findFirstMatch(db, ws, cu, m, now);
};
const p = (a: number[], q: number) => a.sort((x, y) => x - y)[Math.floor((a.length - 1) * q)]!;
const run = async (f: typeof A, ms: number) => {
  const l: number[] = [];
  const end = performance.now() + ms;
  let i = 0;
  while (performance.now() < end) {
    const t = performance.now();
    await f(per[i++ % per.length]!);
    l.push(performance.now() - t);
  }
  return l;
};
await run(A, 1000);
await run(B, 1000);
for (let r = 0; r < 4; r++) {
  const a = await run(A, 3000),
    b = await run(B, 3000);
  console.log(
    `pair ${r + 1}: before p50 ${p(a, 0.5).toFixed(3)} p99 ${p(a, 0.99).toFixed(3)} ms (${a.length}) | after p50 ${p(b, 0.5).toFixed(3)} p99 ${p(b, 0.99).toFixed(3)} ms (${b.length}) | p99 ratio ${(p(b, 0.99) / p(a, 0.99)).toFixed(2)}`,
  );
}
await db.destroy();
await e.stop();
await rm(dir, { recursive: true, force: true });
