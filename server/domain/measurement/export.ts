// Exports of every list: the list's own filters and page function, read a page at a time by
// keyset (so a million rows take the memory of one page), written as CSV or JSON Lines. Each
// kind is one small file in exports/ (a list to read, its CSV columns); this module knows none
// of them. Every export is recorded in the audit log before its first row: exports carry
// personal data.
import { z } from 'zod';
import { exportSeparators, type ExportFormat, type ExportKindName, type ExportOptions } from '../../../contract/exports.ts';
import type { Db } from '../../storage/database.ts';
import { recordAudit, type AuditOrigin } from '../core/audit.ts';
import type { Principal } from '../core/principal.ts';
import { csvCell } from './csv-cells.ts';

/** Who exports, and where: what a kind's page function may need (the caller's id for `mine`). */
export interface ExportScope {
  db: Db;
  workspaceId: string;
  userId?: string;
}

export interface ExportPage {
  items: object[];
  nextCursor: string | null;
}

/** One exportable list; its filter is the list's query schema without `limit` and `cursor`. */
export interface ExportKind<S extends z.ZodObject = z.ZodObject, F = z.infer<S>> {
  name: ExportKindName;
  /** The list's query schema without `limit` and `cursor`: the same filters as the list. */
  filter: S;
  /** Rows read per query; a page of the list endpoint is at most 200. */
  pageSize: number;
  /** CSV columns as dotted paths into a row (`customer.email`); nested values become JSON text. */
  columns: readonly string[] | ((scope: ExportScope, filter: F) => Promise<string[]>);
  /** One page of the list, after `cursor` (the list's own keyset cursor). */
  page(scope: ExportScope, filter: F, cursor: string | undefined, limit: number): Promise<ExportPage>;
}

export const defineExportKind = <S extends z.ZodObject>(k: ExportKind<S>) => k as unknown as ExportKind;

export interface ExportRequest {
  kind: ExportKind;
  filter: Record<string, unknown>;
  options: ExportOptions;
}

const byteOrderMark = '\uFEFF';

export const contentTypeOf = (format: ExportFormat) =>
  format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8';

/** `kept-customers-2026-12-06.csv`: the kind, the day (UTC) and the format's extension. */
export const fileNameOf = (kind: string, format: ExportFormat, now: Date) => `kept-${kind}-${now.toISOString().slice(0, 10)}.${format}`;

/** CSV columns from a list item's schema: each field, and the fields of a nested object (`customer.email`). */
export function columnsOf(item: z.ZodObject): string[] {
  const unwrap = (t: z.ZodType): z.ZodType =>
    t instanceof z.ZodNullable || t instanceof z.ZodOptional ? unwrap(t.unwrap() as z.ZodType) : t;
  return Object.entries(item.shape).flatMap(([key, t]) => {
    const inner = unwrap(t as z.ZodType);
    return inner instanceof z.ZodObject ? columnsOf(inner).map((c) => `${key}.${c}`) : [key];
  });
}

/** The value at a dotted path; a key that itself holds a dot (data.<key> of an event) is found whole. */
function valueAt(row: unknown, path: string): unknown {
  if (row === null || typeof row !== 'object') return undefined;
  const o = row as Record<string, unknown>;
  if (path in o) return o[path];
  const dot = path.indexOf('.');
  return dot < 0 ? undefined : valueAt(o[path.slice(0, dot)], path.slice(dot + 1));
}

/** Records the export in the audit log: who, which list, with which filters and options. */
export async function auditExport(
  db: Db,
  now: Date,
  workspaceId: string,
  principal: Principal | undefined,
  r: ExportRequest,
  origin: AuditOrigin,
): Promise<void> {
  await recordAudit(
    db,
    now,
    workspaceId,
    principal,
    {
      action: `export ${r.kind.name}`,
      target: null,
      status: 200,
      detail: { kind: r.kind.name, filter: r.filter, ...r.options },
    },
    origin,
  );
}

/**
 * The export as text chunks, one per page of rows (a CSV header first). Stop reading it and no
 * further page is queried: an abandoned download costs at most the page in flight.
 */
export async function* exportChunks(scope: ExportScope, r: ExportRequest, onRows?: (rows: number) => void): AsyncGenerator<string> {
  const { kind, filter, options } = r;
  const csv = options.format === 'csv';
  const eol = options.excel ? '\r\n' : '\n';
  const sep = exportSeparators[options.separator];
  const columns = csv ? (typeof kind.columns === 'function' ? await kind.columns(scope, filter) : kind.columns) : [];
  const line = (row: object) => (csv ? columns.map((c) => csvCell(valueAt(row, c), sep)).join(sep) : JSON.stringify(row)) + eol;
  yield (csv && options.excel ? byteOrderMark : '') + (csv ? columns.map((c) => csvCell(c, sep)).join(sep) + eol : '');
  let cursor: string | undefined;
  let rows = 0;
  for (;;) {
    const page = await kind.page(scope, filter, cursor, kind.pageSize);
    if (page.items.length) yield page.items.map(line).join('');
    rows += page.items.length;
    onRows?.(rows);
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}

/**
 * The export with its header and first page already read: a filter only the database can check
 * (a survey of another workspace) fails here, before a caller answers 200 or creates a file.
 */
export async function openExport(scope: ExportScope, r: ExportRequest, onRows?: (rows: number) => void): Promise<AsyncGenerator<string>> {
  const chunks = exportChunks(scope, r, onRows);
  const head: string[] = [];
  for (let i = 0; i < 2; i++) {
    const next = await chunks.next();
    if (next.done) break;
    head.push(next.value);
  }
  return (async function* () {
    yield* head;
    yield* chunks;
  })();
}
