// CSV cells for exports: quoted when they must be, and a cell a spreadsheet would read as a
// formula (it starts with =, +, -, @, a tab or a carriage return) is written as text, with a
// leading apostrophe. `kept import` takes exactly one apostrophe off such a cell again, so a
// value that itself starts with apostrophes before one of those characters gets one more on
// the way out: the round trip gives back the value that went in.

/** Characters a spreadsheet takes as the start of a formula (OWASP's CSV injection list). */
const formulaStart = /^'*[=+\-@\t\r]/;

/** The value as a spreadsheet must show it: text, never a formula. */
export function escapeFormula(s: string): string {
  return formulaStart.test(s) ? `'${s}` : s;
}

/** The value an exported cell held before escapeFormula (for `kept import`). */
export function unescapeFormula(s: string): string {
  return s.startsWith("'") && formulaStart.test(s) ? s.slice(1) : s;
}

/** One value as the text of a cell: strings escaped, objects and arrays as JSON, null and undefined empty. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return escapeFormula(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v instanceof Date) return v.toISOString();
  return escapeFormula(JSON.stringify(v));
}

/** The cell as written between separators: quoted when it holds a quote, the separator or a line break. */
export function csvCell(v: unknown, separator: string): string {
  const s = cellText(v);
  return s.includes('"') || s.includes(separator) || /[\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
