// The friction ranking reads the day rollup and the customer sketches (migration 0030), kept by a
// trigger on rule_friction: its figures equal a direct count over rule_friction for periods that
// do not start or end on a day, after inserts, deletes, re-tagging and a customer's erasure; the
// rollup equals one made again from scratch; and an estimate of a few thousand customers stays
// within its stated error.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { buildCase, buildWorkspace } from '../../../test/factories.ts';
import { eraseCustomer } from '../core/privacy.ts';
import { customersRelativeError } from './customer-estimate.ts';
import { frictionRanking } from './ranking.ts';

let t: TestDatabase;
let ws: string;
const rules: string[] = [];
const start = Date.parse('2026-01-01T00:00:00Z');
const span = 90 * 86_400_000;

// A small generator of its own, so every run checks the same periods.
let seed = 13;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;

async function addFriction(n: number, customerPrefix: string, ruleIds = rules) {
  await sql`
    INSERT INTO rule_friction (workspace_id, id, rule_id, item_kind, item_id, customer_id, occurred_at, words, tagged_at, suggested)
    SELECT ${ws}, gen_random_uuid(), (${ruleIds}::uuid[])[1 + (g * 7) % ${ruleIds.length}],
           (ARRAY['complaint', 'case', 'answer'])[1 + g % 3], gen_random_uuid(),
           (SELECT id FROM customers WHERE workspace_id = ${ws} AND external_id = ${customerPrefix} || ((g * 31) % 250)),
           to_timestamp((${start} + (hashint4(g + ${Math.floor(random() * 1e6)}) & 2147483647)::bigint % ${span}) / 1000.0), 'words', now(), false
    FROM generate_series(1, ${n}) g`.execute(t.db);
}

/** The figures counted straight from rule_friction and rule_exceptions. */
async function direct(from: Date, to: Date) {
  const r = await sql<{ rule_id: string; complaints: number; cases: number; answers: number; customers: number }>`
    SELECT rule_id, count(*) FILTER (WHERE kind = 'complaint')::int AS complaints, count(*) FILTER (WHERE kind = 'case')::int AS cases,
           count(*) FILTER (WHERE kind = 'answer')::int AS answers, count(DISTINCT customer_id)::int AS customers
    FROM (SELECT rule_id, item_kind AS kind, customer_id FROM rule_friction WHERE workspace_id = ${ws} AND occurred_at >= ${from} AND occurred_at < ${to}
          UNION ALL
          SELECT rule_id, 'exception', customer_id FROM rule_exceptions WHERE workspace_id = ${ws} AND recorded_at >= ${from} AND recorded_at < ${to}) x
    GROUP BY rule_id`.execute(t.db);
  return new Map(r.rows.map((x) => [x.rule_id, { complaints: x.complaints, cases: x.cases, answers: x.answers, customers: x.customers }]));
}

/** Random periods inside the data: most start and end mid-day, one within a day, one day-aligned. */
function periods(): [Date, Date][] {
  const out: [Date, Date][] = [
    [new Date('2026-01-10T00:00:00Z'), new Date('2026-03-01T00:00:00Z')],
    [new Date('2026-02-03T01:15:00Z'), new Date('2026-02-03T19:40:00Z')],
    [new Date('2025-12-31T23:00:00Z'), new Date('2026-04-02T00:00:00Z')],
  ];
  for (let i = 0; i < 8; i++) {
    const a = start + Math.floor(random() * span);
    out.push([new Date(a), new Date(a + 1 + Math.floor(random() * (start + span - a)))]);
  }
  return out;
}

async function expectExact() {
  for (const [from, to] of periods()) {
    const ranking = await frictionRanking(t.db, ws, { from: from.toISOString(), to: to.toISOString() }, { exactBudget: 1e9 });
    const got = new Map(ranking.items.map((i) => [i.ruleId, i.figures]));
    const want = await direct(from, to);
    for (const ruleId of rules) {
      const w = want.get(ruleId) ?? { complaints: 0, cases: 0, answers: 0, customers: 0 };
      const g = got.get(ruleId);
      expect({
        period: [from, to],
        ...(g ? { complaints: g.complaints, cases: g.cases, answers: g.answers, customers: g.customers } : w),
      }).toEqual({ period: [from, to], ...w });
    }
  }
}

/** The rollup as kept equals the rollup made again from rule_friction (counts and sketches). */
async function expectRollupRebuilt() {
  const drift = await sql<{ what: string }>`
    WITH days AS (
      SELECT rule_id, (occurred_at AT TIME ZONE 'UTC')::date AS day, count(*) FILTER (WHERE item_kind = 'complaint')::int AS complaints,
             count(*) FILTER (WHERE item_kind = 'case')::int AS cases, count(*) FILTER (WHERE item_kind = 'answer')::int AS answers,
             bit_or(rule_sketch_bit(customer_id)) AS day_bits
      FROM rule_friction WHERE workspace_id = ${ws} GROUP BY 1, 2
    ), months AS (
      SELECT rule_id, date_trunc('month', day)::date AS month, bit_or(day_bits) AS bits FROM days GROUP BY 1, 2
    )
    SELECT 'day ' || coalesce(d.day, k.day) AS what FROM days d
      FULL JOIN (SELECT * FROM rule_friction_days WHERE workspace_id = ${ws} AND complaints + cases + answers > 0) k
        ON k.rule_id = d.rule_id AND k.day = d.day
      WHERE (d.complaints, d.cases, d.answers) IS DISTINCT FROM (k.complaints, k.cases, k.answers)
    UNION ALL
    SELECT 'day sketch ' || coalesce(d.day, s.start) FROM days d
      FULL JOIN (SELECT * FROM rule_friction_sketches WHERE workspace_id = ${ws} AND grain = 'day' AND bit_count(registers) > 0) s
        ON s.rule_id = d.rule_id AND s.start = d.day
      WHERE d.day_bits IS DISTINCT FROM s.registers
    UNION ALL
    SELECT 'month sketch ' || coalesce(m.month, s.start) FROM months m
      FULL JOIN (SELECT * FROM rule_friction_sketches WHERE workspace_id = ${ws} AND grain = 'month' AND bit_count(registers) > 0) s
        ON s.rule_id = m.rule_id AND s.start = m.month
      WHERE m.bits IS DISTINCT FROM s.registers`.execute(t.db);
  expect(drift.rows).toEqual([]);
}

beforeAll(async () => {
  t = await createTestDatabase();
  ws = (await buildWorkspace(t.db)).id;
  for (const name of ['Restocking fee', 'Receipt required', 'No exchanges']) {
    const id = crypto.randomUUID();
    await sql`INSERT INTO rules (workspace_id, id, name, text, status, created_at, updated_at)
      VALUES (${ws}, ${id}, ${name}, ${name}, 'in_force', now(), now())`.execute(t.db);
    rules.push(id);
  }
  await sql`INSERT INTO customers (workspace_id, id, external_id, created_at, updated_at)
    SELECT ${ws}, gen_random_uuid(), 'r-' || g, now(), now() FROM generate_series(0, 249) g`.execute(t.db);
  await addFriction(1500, 'r-');
  const customer = (await sql<{ id: string }>`SELECT id FROM customers WHERE workspace_id = ${ws} AND external_id = 'r-7'`.execute(t.db))
    .rows[0]!.id;
  const kase = await buildCase(t.db, { workspaceId: ws, customerId: customer });
  for (const [i, at] of ['2026-01-15T08:00:00Z', '2026-02-20T16:30:00Z', '2026-03-05T12:00:00Z'].entries()) {
    await sql`INSERT INTO rule_exceptions (workspace_id, id, rule_id, case_id, customer_id, agent_id, what, why, cost_amount, currency, status, recorded_at)
      VALUES (${ws}, gen_random_uuid(), ${rules[i]!}, ${kase.caseId}, ${customer}, gen_random_uuid(), 'Waived', 'Faulty', 10, 'EUR', 'within_budget', ${at})`.execute(
      t.db,
    );
  }
});
afterAll(() => t?.drop());

describe('the friction rollup', () => {
  it('answers what a direct count answers after inserts, one at a time and in bulk', async () => {
    await addFriction(1, 'r-');
    await addFriction(300, 'r-');
    await expectRollupRebuilt();
    await expectExact();
  });

  it('… after deletes and re-tagging (another rule, another day)', async () => {
    await sql`DELETE FROM rule_friction WHERE workspace_id = ${ws} AND hashint4(hashtext(id::text)) % 10 = 0`.execute(t.db);
    await sql`UPDATE rule_friction SET rule_id = ${rules[2]!} WHERE workspace_id = ${ws} AND rule_id = ${rules[0]!}
      AND hashint4(hashtext(id::text)) % 7 = 0`.execute(t.db);
    await sql`UPDATE rule_friction SET occurred_at = occurred_at + interval '1 day 5 hours'
      WHERE workspace_id = ${ws} AND hashint4(hashtext(id::text)) % 9 = 0`.execute(t.db);
    await expectRollupRebuilt();
    await expectExact();
  });

  it('… after a customer is erased', async () => {
    const busiest = await sql<{ customer_id: string; n: number }>`SELECT customer_id, count(*)::int AS n FROM rule_friction
      WHERE workspace_id = ${ws} GROUP BY 1 ORDER BY 2 DESC LIMIT 1`.execute(t.db);
    expect(busiest.rows[0]!.n).toBeGreaterThan(3);
    await eraseCustomer(t.db, new Date(), ws, busiest.rows[0]!.customer_id, undefined);
    await expectRollupRebuilt();
    await expectExact();
  });

  it('estimates a few thousand customers within its stated error, and says so', async () => {
    await sql`INSERT INTO customers (workspace_id, id, external_id, created_at, updated_at)
      SELECT ${ws}, md5('kept-estimate-' || g)::uuid, 'e-' || g, now(), now() FROM generate_series(0, 3999) g`.execute(t.db);
    await sql`
      INSERT INTO rule_friction (workspace_id, id, rule_id, item_kind, item_id, customer_id, occurred_at, words, tagged_at, suggested)
      SELECT ${ws}, gen_random_uuid(), ${rules[1]!}, 'complaint', gen_random_uuid(), md5('kept-estimate-' || (g % 4000))::uuid,
             timestamptz '2026-01-01' + (g * interval '17 minutes'), 'words', now(), false
      FROM generate_series(0, 5999) g`.execute(t.db);
    for (const [from, to] of [
      ['2026-01-01T00:00:00Z', '2026-04-01T00:00:00Z'],
      ['2026-01-03T07:30:00Z', '2026-03-02T13:05:00Z'],
    ] as const) {
      const [estimated, exact] = await Promise.all([
        frictionRanking(t.db, ws, { from, to }, { exactBudget: 0 }),
        frictionRanking(t.db, ws, { from, to }, { exactBudget: 1e9 }),
      ]);
      const e = estimated.items.find((i) => i.ruleId === rules[1])!.figures;
      const x = exact.items.find((i) => i.ruleId === rules[1])!.figures;
      expect(x).toMatchObject({ customersEstimated: false, customersError: null });
      expect(x.customers).toBeGreaterThan(2000);
      expect(e).toMatchObject({ customersEstimated: true, customersError: customersRelativeError });
      // Three standard errors: the data are fixed (customer ids from md5), so this cannot flicker.
      expect(Math.abs(e.customers - x.customers)).toBeLessThanOrEqual(3 * customersRelativeError * x.customers);
      expect(e.complaints).toBe(x.complaints);
    }
  });

  it('counts exactly the rules with the fewest items within the budget, and estimates the others', async () => {
    const r = await frictionRanking(t.db, ws, { from: '2026-01-01T00:00:00Z', to: '2026-04-01T00:00:00Z' }, { exactBudget: 1200 });
    const byRule = new Map(r.items.map((i) => [i.ruleId, i]));
    expect(byRule.get(rules[1]!)!.figures.customersEstimated).toBe(true); // 6,000 and more items
    expect(r.items.filter((i) => !i.figures.customersEstimated).length).toBeGreaterThan(0);
  });
});
