// A webhook's delivery log, newest first, filtered by status: every try with its status code,
// and redelivery of one that failed.
import { useState } from 'react';
import type { DeliveryStatus, WebhookDelivery } from '../../../../contract/webhooks.ts';
import { filters, statusDot, statusText } from './webhook-text.ts';
import { api, messageOf } from '../../shared/api.ts';
import { PagedStates } from '../../shared/states.tsx';
import { formatDateTime, formatRelative, plural } from '../../shared/format.ts';
import { usePaged } from '../../shared/hooks.ts';
import type { Page } from '../../shared/types.ts';
import { DataTable } from '../../shared/data-table.tsx';
import { When } from '../../shared/tip/when.tsx';

export function DeliveryLog({ webhookId, enabled, onQueued }: { webhookId: string; enabled: boolean; onQueued: () => void }) {
  const [status, setStatus] = useState<DeliveryStatus>();
  const [changed, setChanged] = useState<Record<string, WebhookDelivery>>({});
  const [error, setError] = useState<string>();
  const list = usePaged<WebhookDelivery>(`deliveries-${webhookId}-${status ?? 'all'}`, (cursor, signal) =>
    api<Page<WebhookDelivery>>(`/api/v1/webhooks/${webhookId}/deliveries`, { query: { limit: 25, cursor, status }, signal }),
  );

  async function redeliver(d: WebhookDelivery) {
    setError(undefined);
    try {
      const r = await api<WebhookDelivery>(`/api/v1/webhooks/${webhookId}/deliveries/${d.id}/redeliver`, { method: 'POST' });
      setChanged((c) => ({ ...c, [d.id]: r }));
      setTimeout(onQueued, 1000);
    } catch (err) {
      setError(messageOf(err));
    }
  }

  return (
    <div className="stack">
      <div className="chips" role="group" aria-label="Show deliveries">
        {filters.map((f) => (
          <button
            key={f.label}
            type="button"
            className={f.value === status ? 'chip is-on' : 'chip'}
            aria-pressed={f.value === status}
            onClick={() => setStatus(f.value)}
          >
            {f.label}
          </button>
        ))}
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <PagedStates
        list={list}
        loading="Loading deliveries…"
        empty={<p className="muted">No deliveries{status ? ` ${statusText[status].toLowerCase()}` : ''} yet.</p>}
      >
        <DataTable
          columns={['Event', 'Status', 'Last answer', 'Created']}
          actions
          className="table table-compact"
          scroll
          caption="Deliveries"
        >
          {list.items.map((item) => {
            const d = changed[item.id] ?? item;
            return (
              <tr key={d.id}>
                <td>
                  <code className="code">{d.type}</code>
                  <DeliveryDetails delivery={d} />
                </td>
                <td className="nowrap">
                  <span className={`status-dot ${statusDot[d.status]}`} aria-hidden="true" />
                  {statusText[d.status]}
                  <div className="muted">{plural(d.attempts, 'try', 'tries')}</div>
                  {d.nextAttemptAt && <div className="muted">next {formatRelative(d.nextAttemptAt)}</div>}
                </td>
                <td>
                  {d.lastStatusCode !== null ? <code className="code">{d.lastStatusCode}</code> : <span className="muted">—</span>}
                  {d.lastError && <div className="muted">{d.lastError}</div>}
                </td>
                <td className="nowrap">
                  <When at={d.createdAt} />
                </td>
                <td className="cell-actions">
                  {enabled && (
                    <button type="button" className="button button-small" onClick={() => void redeliver(d)}>
                      Redeliver<span className="visually-hidden"> {d.type}</span>
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </DataTable>
      </PagedStates>
    </div>
  );
}

function DeliveryDetails({ delivery: d }: { delivery: WebhookDelivery }) {
  return (
    <details>
      <summary className="muted">
        webhook-id {d.id.slice(0, 8)}… · {plural(d.attemptLog.length, 'try', 'tries')}
      </summary>
      <ol className="stack">
        {d.attemptLog.map((a) => (
          <li key={a.attempt}>
            <time dateTime={a.attemptedAt}>{formatDateTime(a.attemptedAt)}</time> · {a.statusCode ?? 'no answer'} · {a.durationMs} ms
            {a.redelivery && ' · redelivery'}
            {a.error && <div className="muted">{a.error}</div>}
            {a.responseExcerpt && <pre className="code-block">{a.responseExcerpt}</pre>}
          </li>
        ))}
      </ol>
      <pre className="code-block">{JSON.stringify(d.payload, null, 2)}</pre>
    </details>
  );
}
