// One database layer over PostgreSQL, embedded or a server: a pg pool wrapped in Kysely.
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Tables } from './schema.ts';

export type Db = Kysely<Tables>;

// Return int8 and numeric as JavaScript numbers; counts here stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
// A date (a rollup's day) stays the calendar date it names, not a local-time midnight.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export interface DatabaseOptions {
  url: string;
  poolSize?: number;
  applicationName?: string;
}

export function openDatabase(opts: DatabaseOptions): { db: Db; pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolSize ?? 20,
    application_name: opts.applicationName ?? 'kept',
    idleTimeoutMillis: 30_000,
  });
  // An idle client that loses its server (restart, network) emits here; the pool replaces it.
  pool.on('error', () => {});
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool };
}

export async function serverVersion(db: Db): Promise<number> {
  const r = await sql<{ v: string }>`SHOW server_version_num`.execute(db);
  return Number(r.rows[0]!.v);
}
