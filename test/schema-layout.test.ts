// Every table's primary key leads with workspace_id (docs/scaling.md says why), except the ones
// listed here with their reasons; and docs/scaling.md's Citus layout names every table.
import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './database.ts';

/** Tables whose primary key does not lead with workspace_id, and why. */
const exceptions: Record<string, string> = {
  workspaces: 'the workspace itself: its id is the workspace_id of every other table (a Citus reference table)',
  kept_migrations: 'the migration ledger of the whole database, not of a workspace (stays on the coordinator)',
  kept_job_workers: 'the job queue’s workers of each running instance, not of a workspace (stays on the coordinator with the queue)',
};

let t: TestDatabase;
let tables: { name: string; key: string[] }[];
beforeAll(async () => {
  t = await createTestDatabase();
  const r = await sql<{ name: string; key: string[] }>`
    SELECT c.relname AS name, array_agg(a.attname::text ORDER BY k.ord) AS key
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
    JOIN pg_constraint p ON p.conrelid = c.oid AND p.contype = 'p'
    CROSS JOIN LATERAL unnest(p.conkey) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
    WHERE c.relkind = 'r'
    GROUP BY c.relname ORDER BY c.relname`.execute(t.db);
  tables = r.rows;
  const all = await sql<{ n: string }>`SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'`.execute(t.db);
  expect(tables.length, 'a table without a primary key').toBe(Number(all.rows[0]!.n));
});
afterAll(() => t.drop());

describe('the schema layout', () => {
  it('gives every table a primary key that leads with workspace_id, but the listed exceptions', () => {
    expect(tables.length).toBeGreaterThan(35);
    const leading = tables.filter((x) => x.key[0] !== 'workspace_id').map((x) => x.name);
    expect(leading.sort()).toEqual(Object.keys(exceptions).sort());
  });

  it('lays out every table in docs/scaling.md', async () => {
    const doc = await readFile(new URL('../docs/scaling.md', import.meta.url), 'utf8');
    const laidOut = new Set([...doc.matchAll(/create_(?:distributed|reference)_table\('(\w+)'/g)].map((m) => m[1]));
    const local = new Set([...doc.matchAll(/^\s*- `(\w+)`: stays on the coordinator/gm)].map((m) => m[1]));
    const missing = tables.map((x) => x.name).filter((n) => !laidOut.has(n) && !local.has(n));
    expect(missing).toEqual([]);
    const unknown = [...laidOut, ...local].filter((n) => !tables.some((x) => x.name === n));
    expect(unknown).toEqual([]);
  });
});
