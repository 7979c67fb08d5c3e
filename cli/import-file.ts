// The shared part of `kept import ...`: a JSON Lines or CSV file is streamed, each record is
// checked on its own so one bad line never fails a batch, valid records are stored in batches
// (a few in flight while the next is read), and the tally names every rejected line.
import { createHash } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FieldProblem } from '../server/domain/core/errors.ts';
import { ensureWorkspace, workspaceBySlug } from '../server/domain/core/staff.ts';
import type { Db } from '../server/storage/database.ts';
import { parseFlags, required, UsageError, withDatabase, type CommandRun } from './context.ts';
import { formatCount, progressBar, type Progress } from './progress.ts';
import { formatOf, readRecords, type CsvShape, type Format } from './read-records.ts';

/** Batches written at once: two keep the database busy while the next batch is read and checked. */
const batchesInFlight = 2;

/** Rejected records listed one by one; the rest are only counted. */
export const rejectedShown = 20;

/** What one kind of record needs: a check of each record, and a way to store a batch of good ones. */
export interface Importer<T> {
  /** The record ready to store, or what is wrong with it. */
  check(record: unknown): T | FieldProblem[] | Promise<T | FieldProblem[]>;
  store(batch: T[]): Promise<{ stored: number; duplicates: number }>;
}

export function importCommand<T>(o: {
  /** the command's words, for its messages: "import events" */
  name: string;
  /** what the records are, plural: "events", "answers" */
  noun: string;
  maxBatch: number;
  importer(db: Db, workspaceId: string): Importer<T>;
  /** How CSV rows become records, when they are not events. */
  csv?: CsvShape;
}): CommandRun {
  return async (argv, io) => {
    const { values, positionals } = parseFlags(
      argv,
      { format: { type: 'string' }, workspace: { type: 'string' }, 'batch-size': { type: 'string' } },
      1,
    );
    const file = required(positionals[0], 'FILE');
    const format = formatOf(file, values.format);
    const batchSize = batchSizeOf(values['batch-size'], o.maxBatch);
    // Before the database starts (slow when embedded): a missing file is a quick, clear error.
    const size = await readableSize(file);
    if (typeof size === 'string') {
      io.err(`kept ${o.name}: cannot read "${file}": ${size}`);
      return 1;
    }
    const { tally, workspace, seconds } = await withDatabase(io, async ({ db }) => {
      const ws = values.workspace ? await workspaceBySlug(db, values.workspace) : await ensureWorkspace(db);
      const progress = progressBar({ writeLine: io.err, isTty: io.isTty, totalBytes: size, label: 'import' });
      const started = performance.now();
      const tally = await importFile(file, format, batchSize, progress, o.importer(db, ws.id), o.csv);
      return { tally, workspace: ws.slug, seconds: (performance.now() - started) / 1000 };
    });
    const unit = format === 'csv' ? 'rows' : 'lines';
    io.out(
      `Imported ${file} into workspace "${workspace}": ${tally.read} ${unit} read, ${tally.stored} stored, ` +
        `${tally.duplicates} duplicates (already there), ${tally.rejected} rejected ` +
        `in ${seconds.toFixed(1)} s (${formatCount(Math.round(tally.read / Math.max(seconds, 0.001)))} ${o.noun}/s)`,
    );
    if (!tally.rejected) return 0;
    const more = tally.rejected - tally.shown.length;
    io.err(
      [
        `Rejected ${tally.rejected} ${tally.rejected === 1 ? 'record' : 'records'} (the others were stored):`,
        ...tally.shown.map((r) => `  ${r}`),
        ...(more ? [`  ... and ${more} more`] : []),
      ].join('\n'),
    );
    return 2;
  };
}

function batchSizeOf(flag: string | undefined, max: number): number {
  if (flag === undefined) return max;
  const n = Number(flag);
  if (!/^\d+$/.test(flag) || n < 1 || n > max) throw new UsageError(`--batch-size must be a whole number from 1 to ${max}`);
  return n;
}

/** The file's size, or why it cannot be read. */
async function readableSize(file: string): Promise<number | string> {
  try {
    const h = await open(file, 'r');
    try {
      const s = await h.stat();
      return s.isFile() ? s.size : 'it is not a file';
    } finally {
      await h.close();
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT'
      ? 'there is no such file'
      : code === 'EACCES'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'it is a directory'
          : (err as Error).message;
  }
}

export interface Tally {
  read: number;
  stored: number;
  duplicates: number;
  rejected: number;
  /** `line N: path: message` for each of the first rejected records. */
  shown: string[];
}

export async function importFile<T>(
  file: string,
  format: Format,
  batchSize: number,
  progress: Progress,
  importer: Importer<T>,
  csv?: CsvShape,
): Promise<Tally> {
  const tally: Tally = { read: 0, stored: 0, duplicates: 0, rejected: 0, shown: [] };
  const reject = (line: number, problems: FieldProblem[]) => {
    if (++tally.rejected <= rejectedShown)
      tally.shown.push(`line ${line}: ${problems.map((p) => `${p.path.join('.') || '(record)'}: ${p.message}`).join('; ')}`);
  };
  const store = async (batch: T[]) => {
    const r = await importer.store(batch);
    tally.stored += r.stored;
    tally.duplicates += r.duplicates;
  };
  // A few batches are written at once, each in its own transaction, while the next is read.
  const writing: Promise<void>[] = [];
  const flush = async (batch: T[]) => {
    if (writing.length >= batchesInFlight) await writing.shift();
    const w = store(batch);
    w.catch(() => {}); // awaited later; this only keeps it from counting as unhandled meanwhile
    writing.push(w);
  };

  const stream: ReadStream = createReadStream(file);
  let batch: T[] = [];
  try {
    for await (const item of readRecords(stream, format, csv)) {
      tally.read++;
      progress.update(stream.bytesRead, tally.read);
      if ('problems' in item) {
        reject(item.line, item.problems);
        continue;
      }
      const input = await importer.check(item.record);
      if (!Array.isArray(input)) {
        batch.push(input);
        if (batch.length >= batchSize) {
          await flush(batch);
          batch = [];
        }
      } else reject(item.line, input as FieldProblem[]);
    }
    if (batch.length) await flush(batch);
    for (const w of writing.splice(0)) await w;
    progress.update(stream.bytesRead, tally.read);
  } finally {
    stream.destroy();
    await Promise.allSettled(writing); // when something failed: let the others end before the database closes
    progress.done();
  }
  return tally;
}

/** A key derived from everything a record says (its times normalised by the caller), so a re-import stores nothing new. */
export function contentKey(record: unknown): string {
  return `import:${createHash('sha256').update(canonicalJson(record)).digest('hex').slice(0, 32)}`;
}

/** JSON with object keys sorted at every depth (undefined members left out, as JSON.stringify does). */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : canonicalJson(x))).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(v);
}
