// kept backup FILE / kept restore FILE: the whole database (embedded or DATABASE_URL) to one
// gzip'd file and back into an empty one. The format and why it is not pg_dump's: server/storage/backup.ts.
import { createReadStream, createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { createGunzip, createGzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import {
  appliedMigrations,
  countRows,
  dumpDatabase,
  insertRows,
  resetSequences,
  type BackupHeader,
  type TableBlock,
} from '../../server/storage/backup.ts';
import { parseFlags, UsageError, withDatabase, type CommandRun } from '../context.ts';

export const backup: CommandRun = async (argv, io) => {
  const { positionals } = parseFlags(argv, {}, 1);
  const file = positionals[0];
  if (!file) throw new UsageError('Missing FILE');
  const partial = `${file}.partial`;
  const counts = await withDatabase(io, async ({ db }) => {
    const gzip = createGzip();
    const done = pipeline(gzip, createWriteStream(partial, { mode: 0o600 }));
    const emit = async (line: string) => {
      if (!gzip.write(line + '\n')) await once(gzip, 'drain');
    };
    const c = await dumpDatabase(db, emit, new Date());
    gzip.end();
    await done;
    return c;
  });
  await rename(partial, file); // a backup that stopped half-way never has the final name
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  io.out(`Backed up ${Object.keys(counts).length} tables, ${rows} rows, to ${file}`);
  return 0;
};

export const restore: CommandRun = async (argv, io) => {
  const { positionals } = parseFlags(argv, {}, 1);
  const file = positionals[0];
  if (!file) throw new UsageError('Missing FILE');
  const lines = createInterface({ input: Readable.from(createReadStream(file).pipe(createGunzip())), crlfDelay: Infinity });
  const it = lines[Symbol.asyncIterator]();
  const next = async () => {
    const r = await it.next();
    return r.done ? undefined : (r.value as string);
  };
  const header = JSON.parse((await next()) ?? 'null') as BackupHeader | null;
  if (header?.kept !== 'backup' || header.format !== 1) throw new UsageError(`${file} is not a Kept backup`);
  const restored = await withDatabase(io, async ({ db }) => {
    const have = await appliedMigrations(db);
    if (have.join() !== header.migrations.join()) {
      throw new UsageError(
        `The backup was made at migration ${header.migrations.at(-1)}, this Kept is at ${have.at(-1)}: ` +
          'restore with the Kept version that made it, then upgrade',
      );
    }
    const filled = Object.entries(await countRows(db)).filter(([, n]) => n > 0);
    if (filled.length) {
      throw new UsageError(`The database is not empty (${filled.map(([t, n]) => `${t}: ${n}`).join(', ')}); restore into a new one`);
    }
    return db.transaction().execute(async (tx) => {
      const counts: Record<string, number> = {};
      for (let line = await next(); line !== undefined; line = await next()) {
        if (!line) continue;
        const block = JSON.parse(line) as TableBlock;
        let batch: unknown[][] = [];
        for (let i = 0; i < block.rows; i++) {
          const row = await next();
          if (row === undefined) throw new Error(`${file} ends inside ${block.table}: the backup is cut short`);
          batch.push(JSON.parse(row) as unknown[]);
          if (batch.length === 1000) {
            await insertRows(tx, block.table, block.columns, batch);
            batch = [];
          }
        }
        await insertRows(tx, block.table, block.columns, batch);
        counts[block.table] = block.rows;
      }
      await resetSequences(tx);
      return counts;
    });
  });
  const rows = Object.values(restored).reduce((a, b) => a + b, 0);
  io.out(`Restored ${Object.keys(restored).length} tables, ${rows} rows, from ${file} (made ${header.createdAt})`);
  return 0;
};
