// The embedded PostgreSQL's `kept` database: created on the first start and then known to exist
// (a marker in the data directory), created again whenever the marker or the server's files say
// it may be missing.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbedded, type EmbeddedDatabase } from './embedded.ts';

const dirs: string[] = [];
const running: EmbeddedDatabase[] = [];
afterAll(async () => {
  for (const e of running) await e.stop().catch(() => {});
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function databaseName(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<{ db: string }>('SELECT current_database() AS db')).rows[0]?.db ?? '';
  } finally {
    await c.end();
  }
}

async function startIn(dataDir: string): Promise<EmbeddedDatabase> {
  const e = await startEmbedded({ dataDir });
  running.push(e);
  return e;
}

describe('the embedded database', () => {
  it('is created on the first start, found by the next, and created again when its marker or its files are gone', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kept-embedded-'));
    dirs.push(dataDir);
    const marker = join(dataDir, 'pg-database-created');

    let e = await startIn(dataDir);
    expect(await databaseName(e.url)).toBe('kept');
    expect(existsSync(marker)).toBe(true);
    await e.stop();

    // A later start with the marker: the database is there without being created again.
    e = await startIn(dataDir);
    expect(await databaseName(e.url)).toBe('kept');
    await e.stop();

    // A first run stopped between creating and marking: the next start creates or finds it.
    await rm(marker);
    e = await startIn(dataDir);
    expect(await databaseName(e.url)).toBe('kept');
    expect(existsSync(marker)).toBe(true);
    await e.stop();

    // The server's files removed, the marker left: a fresh server, and its database made anew.
    await rm(join(dataDir, 'pg'), { recursive: true });
    e = await startIn(dataDir);
    expect(await databaseName(e.url)).toBe('kept');
    await e.stop();
  }, 120_000);

  it('stops at once when its PostgreSQL has already shut down (Ctrl+C reaches both)', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kept-embedded-'));
    dirs.push(dataDir);
    const e = await startIn(dataDir);
    const pid = Number((await readFile(join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    process.kill(pid, 'SIGINT'); // as the terminal's Ctrl+C does, before Kept's own stop
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    while (alive()) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 200)); // the child's exit has been seen by now
    const outcome = await Promise.race([
      e.stop().then(() => 'stopped'),
      new Promise((r) => setTimeout(() => r('still waiting after 10 s'), 10_000)),
    ]);
    expect(outcome).toBe('stopped');
    expect(existsSync(join(dataDir, 'owner.json'))).toBe(false);
  }, 120_000);
});
