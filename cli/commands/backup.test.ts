// kept backup / kept restore: the demo workspace backed up from a database server, restored into
// the embedded PostgreSQL of an empty data directory, every table's row count equal; a restore
// refuses a database that is not empty and a file that is not a backup.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { cliAgainst } from '../../test/cli.ts';
import { main } from '../kept.ts';
import { loadConfig } from '../../server/config.ts';
import { connectDatabase } from '../../server/storage/connect.ts';
import { countRows } from '../../server/storage/backup.ts';
import pino from 'pino';

let t: TestDatabase;
let dir: string;
beforeAll(async () => {
  t = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'kept-backup-'));
  await chmod(dir, 0o755); // as root, the embedded PostgreSQL runs as `postgres` and must reach its folder
});
afterAll(async () => {
  await t.drop();
  await rm(dir, { recursive: true, force: true });
});

const kept = cliAgainst(() => t.url);

/** The CLI against the embedded PostgreSQL of a data directory. */
async function keptIn(dataDir: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    isTty: false,
    env: { KEPT_DATA_DIR: dataDir, KEPT_LOG_LEVEL: 'silent' },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('kept backup and kept restore', () => {
  it(
    'round-trips the demo workspace into an empty data directory with every table\u2019s row count equal',
    { timeout: 300_000 },
    async () => {
      const demo = await kept('demo', '--workspace', 'demo-b', '--customers', '60', '--months', '2', '--seed', '3');
      expect(demo.code, demo.err).toBe(0);
      const before = await countRows(t.db);
      const filled = Object.entries(before).filter(([, n]) => n > 0);
      expect(filled.length).toBeGreaterThan(20);

      const file = join(dir, 'kept.backup.gz');
      const b = await kept('backup', file);
      expect(b.code, b.err).toBe(0);
      expect(b.out).toMatch(/^Backed up \d+ tables, \d+ rows, to /);

      const dataDir = join(dir, 'data');
      const r = await keptIn(dataDir, 'restore', file);
      expect(r.code, r.err).toBe(0);

      const database = await connectDatabase(loadConfig({ KEPT_DATA_DIR: dataDir, KEPT_LOG_LEVEL: 'silent' }), pino({ level: 'silent' }));
      try {
        expect(await countRows(database.db)).toEqual(before);
        // The restored copy works: sequences continue and its data reads back the same.
        const { sql } = await import('kysely');
        const sums = async (db: typeof t.db) =>
          (await sql<{ s: string }>`SELECT md5(string_agg(id::text || title || status, ',' ORDER BY id)) AS s FROM cases`.execute(db))
            .rows[0]!.s;
        expect(await sums(database.db)).toBe(await sums(t.db));
      } finally {
        await database.close();
      }

      // A second restore into the now-filled directory is refused, naming what is there.
      const again = await keptIn(dataDir, 'restore', file);
      expect(again.code).not.toBe(0);
      expect(again.err).toContain('not empty');
    },
  );

  it('refuses a file that is not a backup', async () => {
    const file = join(dir, 'not-a-backup.gz');
    const { gzipSync } = await import('node:zlib');
    await writeFile(file, gzipSync('{"hello":1}\n'));
    const r = await kept('restore', file);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('is not a Kept backup');
  });
});
