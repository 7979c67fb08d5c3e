// Settings → Audit log (admins): who changed what, when and from where, newest first, filtered
// by action text, person or token, and period; downloadable as CSV or JSON lines.
import { useState } from 'react';
import type { AuditEntry } from '../../../../contract/audit.ts';
import { api } from '../../shared/api.ts';
import { SettingsNav } from '../settings/settings-nav.tsx';
import { EmptyState, ErrorNotice, LoadMore, Loading, PageHeader } from '../../shared/states.tsx';
import { formatDateTimeLong } from '../../shared/format.ts';
import { useDebounced, useDocumentTitle, usePaged } from '../../shared/hooks.ts';
import { withQuery } from '../../shared/router.tsx';
import { hasRole, useSession } from '../../shared/session.ts';

export function AuditPage() {
  useDocumentTitle('Audit log');
  const { session } = useSession();
  if (!hasRole(session.user.role, 'admin')) {
    return (
      <div className="page">
        <SettingsNav />
        <PageHeader title="Audit log" />
        <EmptyState title="Only admins read the audit log">
          <p>Ask an admin of {session.workspace.name}.</p>
        </EmptyState>
      </div>
    );
  }
  return <AdminAuditPage />;
}

/** `2026-03-01` (a date input) → the ISO instant at the start of that day, local time. */
const dayStart = (day: string) => (day ? new Date(`${day}T00:00:00`).toISOString() : undefined);
const dayEnd = (day: string) => (day ? new Date(new Date(`${day}T00:00:00`).getTime() + 86_400_000).toISOString() : undefined);

function AdminAuditPage() {
  const [action, setAction] = useState('');
  const [actor, setActor] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const filters = {
    action: useDebounced(action.trim(), 300) || undefined,
    actor: /^[0-9a-f-]{36}$/i.test(actor.trim()) ? actor.trim() : undefined,
    from: dayStart(from),
    to: dayEnd(to),
  };
  const key = JSON.stringify(filters);
  const list = usePaged<AuditEntry>(key, (cursor, signal) =>
    api(withQuery('/api/v1/audit', { ...filters, cursor, limit: '50' }), { signal }),
  );
  const download = (format: 'csv' | 'jsonl') => withQuery('/api/v1/audit/export', { ...filters, format });
  return (
    <div className="page">
      <SettingsNav />
      <PageHeader
        title="Audit log"
        description="Every change made by a person or an API token, sign-ins, erasures and retention runs. Entries cannot be changed or deleted."
        actions={
          <>
            <a className="button" href={download('csv')} download>
              Download CSV
            </a>
            <a className="button" href={download('jsonl')} download>
              Download JSON lines
            </a>
          </>
        }
      />
      <form className="filters" role="search" aria-label="Filter the audit log" onSubmit={(e) => e.preventDefault()}>
        <label>
          Action <input type="search" value={action} onChange={(e) => setAction(e.target.value)} placeholder="e.g. customers, DELETE" />
        </label>
        <label>
          Person or token id <input type="search" value={actor} onChange={(e) => setActor(e.target.value)} />
        </label>
        <label>
          From <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          To <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </form>
      {list.status === 'loading' && list.items.length === 0 && <Loading label="Loading the audit log…" />}
      {list.status === 'error' && <ErrorNotice message={list.error ?? 'Could not load the audit log'} onRetry={list.retry} />}
      {list.status !== 'error' && list.items.length === 0 && list.status === 'ready' && (
        <EmptyState title="Nothing recorded">
          <p>No entry matches these filters.</p>
        </EmptyState>
      )}
      {list.items.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">On</th>
              <th scope="col">From</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((e) => (
              <tr key={e.id}>
                <td>{formatDateTimeLong(e.at)}</td>
                <td>
                  {e.actor.kind === 'system' ? 'Kept' : `${e.actor.kind === 'user' ? 'Person' : 'Token'} (${e.actor.role ?? '?'})`}
                  {e.actor.id && <div className="muted">{e.actor.id}</div>}
                </td>
                <td>
                  <code>{e.action}</code>
                  {e.status !== null && <span className="muted"> {e.status}</span>}
                </td>
                <td>{e.target ?? ''}</td>
                <td>{e.client ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <LoadMore hasMore={!!list.nextCursor} loading={list.loadingMore} error={list.moreError} onLoadMore={list.loadMore} />
    </div>
  );
}
