// A logical backup of the whole database: every table of Kept's schema and of the job queue's,
// row by row as JSON, read in one consistent snapshot; and its restore into an empty database.
//
// Why not pg_dump: the embedded PostgreSQL package ships only initdb, pg_ctl and postgres, and a
// pg_dump older than the server refuses to dump it (Debian 12's is 15, the embedded server 18).
// This format needs nothing but a connection, so it works the same for the embedded server and
// for DATABASE_URL. Operators with a matching pg_dump may use it instead (README, Backups).
//
// File: gzip of JSON lines. The first line is the header {kept, format, migrations, createdAt};
// then, per table, {table, columns, rows} followed by that many lines, each a row as an array.
import { sql } from 'kysely';
import type { Db } from './database.ts';

export interface BackupHeader {
  kept: 'backup';
  format: 1;
  createdAt: string;
  /** Kept's migrations applied in the backed-up database: a restore needs the same ones. */
  migrations: string[];
}

export interface TableBlock {
  table: string;
  columns: string[];
  rows: number;
}

/** The schemas a backup holds: Kept's tables and the job queue's. Their migration ledgers are left to migrate(). */
const schemas = ['public', 'graphile_worker'];
// The rule friction rollups are left out too: the trigger on rule_friction (migration 0030) makes
// them again as a restore inserts the friction rows.
const skipped = new Set([
  'public.kept_migrations',
  'graphile_worker.migrations',
  'public.rule_friction_days',
  'public.rule_friction_sketches',
]);

export interface TableInfo {
  name: string;
  columns: string[];
}

/** Every backed-up table, parents before the tables whose foreign keys point at them. */
export async function listTables(db: Db): Promise<TableInfo[]> {
  const t = await sql<{ name: string; columns: string[] }>`
    SELECT n.nspname || '.' || c.relname AS name,
           array_agg(a.attname::text ORDER BY a.attnum) AS columns
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
    WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY(${schemas}::text[])
    GROUP BY 1 ORDER BY 1`.execute(db);
  const deps = await sql<{ child: string; parent: string }>`
    SELECT cn.nspname || '.' || cc.relname AS child, pn.nspname || '.' || pc.relname AS parent
    FROM pg_constraint k
    JOIN pg_class cc ON cc.oid = k.conrelid JOIN pg_namespace cn ON cn.oid = cc.relnamespace
    JOIN pg_class pc ON pc.oid = k.confrelid JOIN pg_namespace pn ON pn.oid = pc.relnamespace
    WHERE k.contype = 'f' AND k.conrelid <> k.confrelid`.execute(db);
  const tables = t.rows.filter((r) => !skipped.has(r.name));
  const parents = new Map<string, Set<string>>(tables.map((r) => [r.name, new Set()]));
  for (const d of deps.rows) parents.get(d.child)?.add(d.parent);
  const ordered: TableInfo[] = [];
  const done = new Set<string>();
  while (ordered.length < tables.length) {
    const next = tables.filter((r) => !done.has(r.name) && [...parents.get(r.name)!].every((p) => done.has(p) || !parents.has(p)));
    if (!next.length) throw new Error('The tables\u2019 foreign keys form a cycle; a backup cannot order them');
    for (const r of next) {
      done.add(r.name);
      ordered.push(r);
    }
  }
  return ordered;
}

const quoted = (name: string) =>
  name
    .split('.')
    .map((p) => `"${p.replaceAll('"', '""')}"`)
    .join('.');

/**
 * Writes the backup through `emit` (one JSON line at a time) from a single REPEATABLE READ
 * snapshot, so rows written meanwhile are either all in it or all not. Answers the rows per table.
 */
export async function dumpDatabase(db: Db, emit: (line: string) => Promise<void>, now: Date): Promise<Record<string, number>> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (tx) => {
      const migrations = (await sql<{ name: string }>`SELECT name FROM kept_migrations ORDER BY name`.execute(tx)).rows.map((r) => r.name);
      const header: BackupHeader = { kept: 'backup', format: 1, createdAt: now.toISOString(), migrations };
      await emit(JSON.stringify(header));
      const counts: Record<string, number> = {};
      for (const t of await listTables(tx)) {
        const n = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.raw(quoted(t.name))}`.execute(tx)).rows[0]!.n);
        const block: TableBlock = { table: t.name, columns: t.columns, rows: n };
        await emit(JSON.stringify(block));
        const list = sql.raw(t.columns.map((c) => `"${c.replaceAll('"', '""')}"`).join(', '));
        // A row as a JSON array of its columns' text forms: row_to_json keeps types exact enough for
        // jsonb_populate_recordset to read them back (bytea as \x hex, timestamps with their offset).
        await sql`DECLARE backup_rows NO SCROLL CURSOR FOR
          SELECT json_build_array(${list})::text AS line FROM ${sql.raw(quoted(t.name))}`.execute(tx);
        let seen = 0;
        for (;;) {
          const r = await sql<{ line: string }>`FETCH 2000 FROM backup_rows`.execute(tx);
          for (const row of r.rows) await emit(row.line);
          seen += r.rows.length;
          if (r.rows.length < 2000) break;
        }
        await sql`CLOSE backup_rows`.execute(tx);
        if (seen !== n) throw new Error(`${t.name}: counted ${n} rows, read ${seen}`);
        counts[t.name] = n;
      }
      return counts;
    });
}

/** Row counts of every backed-up table (what a restore is checked against). */
export async function countRows(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of await listTables(db)) {
    counts[t.name] = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.raw(quoted(t.name))}`.execute(db)).rows[0]!.n);
  }
  return counts;
}

export async function appliedMigrations(db: Db): Promise<string[]> {
  return (await sql<{ name: string }>`SELECT name FROM kept_migrations ORDER BY name`.execute(db)).rows.map((r) => r.name);
}

/** Inserts one table's rows (arrays in `columns` order) in the caller's transaction. */
export async function insertRows(tx: Db, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  if (!rows.length) return;
  const objects = rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]])));
  const list = sql.raw(columns.map((c) => `"${c.replaceAll('"', '""')}"`).join(', '));
  await sql`INSERT INTO ${sql.raw(quoted(table))} (${list}) OVERRIDING SYSTEM VALUE
    SELECT ${list} FROM jsonb_populate_recordset(NULL::${sql.raw(quoted(table))}, ${JSON.stringify(objects)}::jsonb)`.execute(tx);
}

/** After a restore: every sequence owned by a column continues past the largest value restored. */
export async function resetSequences(tx: Db): Promise<void> {
  const seqs = await sql<{ seq: string; tbl: string; col: string }>`
    SELECT s.oid::regclass::text AS seq, t.oid::regclass::text AS tbl, a.attname AS col
    FROM pg_class s JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i')
    JOIN pg_class t ON t.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE s.relkind = 'S' AND n.nspname = ANY(${schemas}::text[])`.execute(tx);
  for (const s of seqs.rows) {
    await sql`SELECT setval(${s.seq}::regclass, greatest(coalesce((SELECT max(${sql.ref(s.col)}) FROM ${sql.raw(s.tbl)}), 0), 1),
      (SELECT count(*) > 0 FROM ${sql.raw(s.tbl)}))`.execute(tx);
  }
}
