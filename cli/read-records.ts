// Reading event records from a JSON Lines or CSV file as a stream, each with the line it starts
// on. Records are not validated here (the command does that with the API's schema); only what
// the file format itself gets wrong is reported: a line that is not JSON, a row of the wrong width.
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { invalidInput, type FieldProblem } from '../server/domain/core/errors.ts';
import { unescapeFormula } from '../server/domain/measurement/csv-cells.ts';
import { CsvError, csvRows } from './csv.ts';
import { UsageError } from './context.ts';

export const formats = ['csv', 'jsonl'] as const;
export type Format = (typeof formats)[number];

export type ReadRecord = { line: number; record: unknown } | { line: number; problems: FieldProblem[] };

const byExtension: Record<string, Format> = { '.csv': 'csv', '.jsonl': 'jsonl', '.ndjson': 'jsonl' };

/** The format named by --format, else by the file's extension. */
export function formatOf(file: string, flag: string | undefined): Format {
  if (flag !== undefined) {
    if (!(formats as readonly string[]).includes(flag)) throw new UsageError(`--format must be csv or jsonl, not "${flag}"`);
    return flag as Format;
  }
  const f = byExtension[extname(file).toLowerCase()];
  if (!f) throw new UsageError(`Cannot tell the format of "${file}" from its extension (.csv, .jsonl, .ndjson): pass --format csv|jsonl`);
  return f;
}

/**
 * How a CSV file's rows become records: the header row checked (throwing invalidInput names
 * what is wrong), then each row as the record the API takes. Events by default.
 */
export type CsvShape = (header: string[]) => (cells: string[]) => Record<string, unknown>;

export const eventCsvShape: CsvShape = (header) => {
  const columns = csvColumns(header);
  return (cells) => csvRecord(columns, cells);
};

export function readRecords(stream: Readable, format: Format, shape: CsvShape = eventCsvShape): AsyncGenerator<ReadRecord> {
  stream.setEncoding('utf8');
  return format === 'csv' ? readCsv(stream, shape) : readJsonLines(stream);
}

async function* readJsonLines(stream: Readable): AsyncGenerator<ReadRecord> {
  let line = 0;
  for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
    line++;
    const t = line === 1 ? text.replace(/^\uFEFF/, '') : text;
    if (t.trim() === '') continue;
    try {
      yield { line, record: JSON.parse(t) };
    } catch (err) {
      yield { line, problems: [{ path: [], message: `is not valid JSON (${(err as Error).message})` }] };
    }
  }
}

const topColumns = ['type', 'occurredAt', 'source', 'idempotencyKey'];
const customerColumns = ['customer.externalId', 'customer.email', 'customer.name'];

type Column = { into: 'top' | 'customer' | 'data'; key: string };

/** The columns a header names; a column that is unknown, repeated or missing fails the whole file. */
export function csvColumns(header: string[]): Column[] {
  const names = header.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
  const problems: FieldProblem[] = [];
  const columns = names.map((name): Column => {
    if (topColumns.includes(name)) return { into: 'top', key: name };
    if (customerColumns.includes(name)) return { into: 'customer', key: name.slice('customer.'.length) };
    if (name.startsWith('data.') && name.length > 5) return { into: 'data', key: name.slice(5) };
    problems.push({
      path: [name || '(empty)'],
      message: `is not a column of events: use ${[...topColumns, ...customerColumns].join(', ')} or data.<key>`,
    });
    return { into: 'data', key: name };
  });
  names.forEach((n, i) => {
    if (names.indexOf(n) !== i && n) problems.push({ path: [n], message: 'appears twice' });
  });
  for (const required of ['type', 'occurredAt', 'source']) {
    if (!names.includes(required)) problems.push({ path: [required], message: 'is a required column' });
  }
  if (!names.includes('customer.externalId') && !names.includes('customer.email')) {
    problems.push({ path: ['customer.externalId'], message: 'a customer.externalId or customer.email column is required' });
  }
  if (problems.length) throw invalidInput('The header row (line 1) of the CSV file has problems; nothing was imported', problems);
  return columns;
}

/** A row as the event object the API takes; empty cells are left out. */
export function csvRecord(columns: Column[], cells: string[]): Record<string, unknown> {
  const top: Record<string, unknown> = {};
  const customer: Record<string, string> = {};
  const data: Record<string, string> = {};
  columns.forEach((c, i) => {
    const v = cells[i]!;
    if (v === '') return;
    (c.into === 'top' ? top : c.into === 'customer' ? customer : data)[c.key] = v;
  });
  return { ...top, customer, data };
}

async function* readCsv(stream: Readable, shape: CsvShape): AsyncGenerator<ReadRecord> {
  let recordOf: ((cells: string[]) => Record<string, unknown>) | undefined;
  let width = 0;
  try {
    for await (const row of csvRows(stream as AsyncIterable<string>)) {
      if (!recordOf) {
        recordOf = shape(row.cells);
        width = row.cells.length;
        continue;
      }
      if (row.cells.every((c) => c.trim() === '')) continue;
      if (row.cells.length !== width) {
        yield { line: row.line, problems: [{ path: [], message: `has ${row.cells.length} cells; the header has ${width}` }] };
        continue;
      }
      // A cell `kept export` wrote as text (a leading apostrophe before =, +, -, @) is read as it was.
      yield { line: row.line, record: recordOf(row.cells.map(unescapeFormula)) };
    }
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    yield { line: err.line, problems: [{ path: [], message: err.message }] };
  }
}
