// "Export" beside a list: the list as CSV, CSV for Excel, or JSON Lines, with the filters the
// list shows now. Plain download links (GET with the session cookie), so the browser shows the
// download's progress and a slow connection is never held in memory. Managers and admins only,
// as the API decides: exports carry personal data and are recorded in the audit log.
import type { ExportKindName } from '../../../contract/exports.ts';
import { hasRole, useSession } from './session.ts';

type Filters = Record<string, string | number | boolean | undefined | null>;

/** Excel reads a comma file as one column where the decimal sign is a comma: there it gets semicolons. */
const excelSeparator = () => (new Intl.NumberFormat(navigator.language).format(1.5).includes(',') ? 'semicolon' : 'comma');

export function exportHref(kind: ExportKindName, filters: Filters, options: Record<string, string>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== null && v !== '' && v !== false) q.set(k, String(v));
  for (const [k, v] of Object.entries(options)) q.set(k, v);
  return `/api/v1/exports/${kind}?${q.toString()}`;
}

export function ExportMenu({ kind, filters = {}, label = 'Export' }: { kind: ExportKindName; filters?: Filters; label?: string }) {
  const { session } = useSession();
  if (!hasRole(session.user.role, 'manager')) return null;
  return (
    <details className="export-menu">
      <summary className="button">{label}</summary>
      <ul className="export-menu-list">
        <li>
          <a href={exportHref(kind, filters, { format: 'csv' })} download>
            CSV
          </a>
        </li>
        <li>
          <a href={exportHref(kind, filters, { format: 'csv', excel: 'true', separator: excelSeparator() })} download>
            CSV for Excel
          </a>
        </li>
        <li>
          <a href={exportHref(kind, filters, { format: 'jsonl' })} download>
            JSON Lines
          </a>
        </li>
      </ul>
    </details>
  );
}
