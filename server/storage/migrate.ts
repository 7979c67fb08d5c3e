// Applies migrations/*.sql in name order, each in its own transaction, once. An advisory lock
// lets several app instances start at the same moment without racing each other.
import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from './database.ts';

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));
const lockKey = 0x6b657074; // "kept"

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

export async function listMigrations(): Promise<string[]> {
  return (await readdir(migrationsDir)).filter((f) => f.endsWith('.sql')).sort();
}

export async function migrate(db: Db): Promise<MigrationResult> {
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
