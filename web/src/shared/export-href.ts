// The address of a list's export: GET /api/v1/exports/{kind} with the list's filters as it
// shows them now (empty and unset ones left out) and the file's options.
import type { ExportKindName } from '../../../contract/exports.ts';

export type ExportFilters = Record<string, string | number | boolean | undefined | null>;

export function exportHref(kind: ExportKindName, filters: ExportFilters, options: Record<string, string>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== null && v !== '' && v !== false) q.set(k, String(v));
  for (const [k, v] of Object.entries(options)) q.set(k, v);
  return `/api/v1/exports/${kind}?${q.toString()}`;
}

/** Excel opens a comma file as one column where decimals are written with a comma: there it gets semicolons. */
export const excelSeparator = (language: string) => (new Intl.NumberFormat(language).format(1.5).includes(',') ? 'semicolon' : 'comma');
