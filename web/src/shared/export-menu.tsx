// "Export" beside a list: the list as CSV, CSV for Excel, or JSON Lines, with the filters the
// list shows now. Plain download links (GET with the session cookie), so the browser shows the
// download's progress and a slow connection is never held in memory. Managers and admins only,
// as the API decides: exports carry personal data and are recorded in the audit log.
import type { ExportKindName } from '../../../contract/exports.ts';
import { excelSeparator, exportHref, type ExportFilters } from './export-href.ts';
import { hasRole, useSession } from './session.ts';

export function ExportMenu({ kind, filters = {}, label = 'Export' }: { kind: ExportKindName; filters?: ExportFilters; label?: string }) {
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
          <a href={exportHref(kind, filters, { format: 'csv', excel: 'true', separator: excelSeparator(navigator.language) })} download>
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
