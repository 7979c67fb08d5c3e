// A database Kept can use: the server (database-server.ts), a pool on it, and a check that it is
// PostgreSQL 15 or newer. Closing it closes the pool, then stops an embedded server Kept started.
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { openDatabase, serverVersion, type Db } from './database.ts';
import { startDatabaseServer, type DatabaseServer } from './database-server.ts';
import { migrate } from './migrate.ts';

export interface Database {
  db: Db;
  url: string;
  embedded: boolean;
  /** The embedded PostgreSQL of another live Kept process (a running `kept start`), joined rather than started. */
  joined: boolean;
  close(): Promise<void>;
}

/**
 * The configured PostgreSQL server, or an embedded one started under the data directory.
 * `server` is one already starting (kept start begins it early); by default it is started here.
 */
export async function connectDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'dbPoolSize'>,
  log: Logger,
  server: Promise<DatabaseServer> = startDatabaseServer(config, log),
): Promise<Database> {
  const { url, embedded, joined, stop } = await server;
  const { db } = openDatabase({ url, poolSize: config.dbPoolSize });
  try {
    const v = await serverVersion(db);
    if (v < 150000) throw new Error(`Kept needs PostgreSQL 15 or newer; the server is ${Math.floor(v / 10000)}`);
  } catch (err) {
    await db.destroy();
    await stop();
    throw err;
  }
  return {
    db,
    url,
    embedded,
    joined,
    async close() {
      await db.destroy();
      await stop();
    },
  };
}

export interface MigratedDatabase extends Database {
  /** The migrations this call applied (none when the schema was up to date). */
  applied: string[];
}

/**
 * connectDatabase, then Kept's migrations and the job queue's. A database whose migrations fail is
 * closed again (an embedded server Kept started is stopped) before the error reaches the caller.
 */
export async function connectMigrated(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'dbPoolSize'>,
  log: Logger,
  server?: Promise<DatabaseServer>,
): Promise<MigratedDatabase> {
  const database = await connectDatabase(config, log, server);
  try {
    const { applied } = await migrate(database.db, database.url);
    return { ...database, applied };
  } catch (err) {
    await database.close().catch(() => {});
    throw err;
  }
}
