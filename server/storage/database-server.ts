// Which PostgreSQL server Kept talks to: the one DATABASE_URL names, or an embedded one started
// under the data directory. Kept apart from the connection (connect.ts) so that `kept start` can
// begin the embedded server before it loads the rest of Kept: PostgreSQL starts in its own
// processes while this one compiles the server's modules.
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { startEmbedded } from './embedded.ts';

export interface DatabaseServer {
  url: string;
  /** Whether Kept started it (or joined another Kept's) under its data directory. */
  embedded: boolean;
  /** The embedded PostgreSQL of another live Kept process (a running `kept start`), joined rather than started. */
  joined: boolean;
  /** Stops the embedded server this process started; nothing otherwise. */
  stop(): Promise<void>;
}

export async function startDatabaseServer(config: Pick<Config, 'databaseUrl' | 'dataDir'>, log: Logger): Promise<DatabaseServer> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, joined: false, stop: async () => {} };
  const started = Date.now();
  const pgLog = log.child({ component: 'postgres' });
  const e = await startEmbedded({ dataDir: config.dataDir, onLog: (line) => line && pgLog.debug(line) });
  if (e.owned) log.info({ dataDir: config.dataDir, ms: Date.now() - started }, 'embedded PostgreSQL started');
  else log.info({ dataDir: config.dataDir }, 'joined the embedded PostgreSQL of a running Kept');
  return { url: e.url, embedded: true, joined: !e.owned, stop: e.stop };
}
