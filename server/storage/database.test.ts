// The pool's prepared statements: on withGenericPlans(db) planned once per connection (their
// generic plan); on the main pool every statement is planned with its values, as PostgreSQL chooses.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { prepared, withGenericPlans, type Db } from './database.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

/** How often a prepared statement with a value that could change its plan ran its generic plan and a custom one. */
async function plansOf(db: Db, tag: string) {
  return db.connection().execute(async (c) => {
    const q = (n: number) =>
      prepared(
        sql<{ n: number }>`SELECT count(*)::int AS n FROM generate_series(1, ${n}::int) g WHERE g % 7 = 0 AND ${tag}::text IS NOT NULL`,
      );
    for (const n of [10, 1_000, 3, 50, 7, 100_000, 2]) await q(n).execute(c);
    expect((await q(700).execute(c)).rows[0]!.n).toBe(100);
    const plans = await sql<{ generic: number; custom: number }>`
      SELECT generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements
      WHERE statement LIKE ${`%AND $2::text IS NOT NULL%`}`.execute(c);
    return plans.rows;
  });
}

describe('prepared statements', () => {
  it('run their generic plan from the first execution on the generic-plan connections', async () => {
    expect(await plansOf(withGenericPlans(t.db), 'generic')).toEqual([{ generic: 8, custom: 0 }]);
  });

  it('are planned with their values first on the main pool, as PostgreSQL chooses', async () => {
    const [plans] = await plansOf(t.db, 'main');
    expect(plans!.generic + plans!.custom).toBe(8);
    expect(plans!.custom).toBeGreaterThanOrEqual(5);
  });

  it('leave the main pool planning unnamed statements with their values (an ON CONFLICT with a value in its WHERE finds its index)', async () => {
    await t.db.connection().execute(async (c) => {
      expect((await sql<{ mode: string }>`SELECT current_setting('plan_cache_mode') AS mode`.execute(c)).rows[0]!.mode).toBe('auto');
      await sql`CREATE TEMP TABLE t (k int, status text)`.execute(c);
      await sql`CREATE UNIQUE INDEX ON t (k) WHERE status = 'open'`.execute(c);
      const insert = () => sql`INSERT INTO t VALUES (1, 'open') ON CONFLICT (k) WHERE status = ${'open'} DO NOTHING`.execute(c);
      await insert();
      await insert();
      expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM t`.execute(c)).rows[0]!.n).toBe(1);
    });
  });
});
