// Applies migrations/*.sql in name order, each in its own transaction, once. An advisory lock
// lets several app instances start at the same moment without racing each other.
import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { Logger, runMigrations as runQueueMigrations } from 'graphile-worker';
import type { Db } from './database.ts';

/** graphile-worker logs its migrations at info; Kept logs what it applied itself. */
const quietLogger = new Logger(() => (level, message) => {
  if (level === 'error') process.stderr.write(`graphile-worker: ${message}\n`);
});

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));
const lockKey = 0x6b657074; // "kept"

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

export async function listMigrations(): Promise<string[]> {
  return (await readdir(migrationsDir)).filter((f) => f.endsWith('.sql')).sort();
}

/**
 * Kept's migrations, then the job queue's own (graphile-worker keeps its tables in the
 * graphile_worker schema and migrates them under its own lock). `url` reaches the same database.
 */
export async function migrate(db: Db, url: string): Promise<MigrationResult> {
  // Independent schemas, so both checks run at once (each is a few round trips at every start).
  const [result] = await Promise.all([migrateKept(db), runQueueMigrations({ connectionString: url, logger: quietLogger })]);
  return result;
}

async function migrateKept(db: Db): Promise<MigrationResult> {
  return db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${lockKey})`.execute(conn);
    try {
      await sql`CREATE TABLE IF NOT EXISTS kept_migrations (
        name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(conn);
      const done = new Set((await sql<{ name: string }>`SELECT name FROM kept_migrations`.execute(conn)).rows.map((r) => r.name));
      const applied: string[] = [];
      for (const name of await listMigrations()) {
        if (done.has(name)) continue;
        const text = await readFile(migrationsDir + name, 'utf8');
        await conn.transaction().execute(async (tx) => {
          await sql.raw(text).execute(tx);
          await sql`INSERT INTO kept_migrations (name) VALUES (${name})`.execute(tx);
        });
        applied.push(name);
      }
      return { applied, alreadyApplied: done.size };
    } finally {
      await sql`SELECT pg_advisory_unlock(${lockKey})`.execute(conn);
    }
  });
}
