// One webhook: change its URL, event types and description, disable or enable it, rotate its
// secret, send a test, delete it, and its delivery log (status codes, every try, redelivery).
import { useRef, useState, type FormEvent } from 'react';
import type { DeliveryStatus, Webhook, WebhookDelivery, WebhookWithSecret } from '../../../../contract/webhooks.ts';
import { api, ApiError, messageOf } from '../../shared/api.ts';
import { ConfirmDialog } from '../../shared/confirm-dialog.tsx';
import { Field } from '../../shared/field.tsx';
import { LayersIcon } from '../../shared/icons.tsx';
import { SettingsNav } from '../settings/settings-nav.tsx';
import { EmptyState, ErrorNotice, Loading, LoadMore, PageHeader } from '../../shared/states.tsx';
import { formatDateTime, formatDateTimeLong, formatRelative, plural } from '../../shared/format.ts';
import { useDocumentTitle, useFormSubmit, useLoad, usePaged } from '../../shared/hooks.ts';
import { Link, navigate } from '../../shared/router.tsx';
import { hasRole, useSession } from '../../shared/session.ts';
import type { Page } from '../../shared/types.ts';
import { NewSecret, parseTypes, TypeSuggestions, WebhookStatus } from './webhooks.tsx';

export function WebhookPage({ id }: { id: string }) {
  useDocumentTitle('Webhook');
  const { session } = useSession();
  const hook = useLoad(`webhook-${id}`, (signal) => api<Webhook>(`/api/v1/webhooks/${id}`, { signal }));
  if (!hasRole(session.user.role, 'admin')) {
    return (
      <div className="page">
        <SettingsNav />
        <EmptyState icon={<LayersIcon />} title="Only admins manage webhooks" />
      </div>
    );
  }
  return (
    <div className="page">
      <SettingsNav />
      <p>
        <Link to="/settings/webhooks">All webhooks</Link>
      </p>
      {hook.state.status === 'loading' && <Loading label="Loading the webhook…" />}
      {hook.state.status === 'error' &&
        (hook.state.error instanceof ApiError && hook.state.error.status === 404 ? (
          <EmptyState icon={<LayersIcon />} title="No such webhook" />
        ) : (
          <ErrorNotice message={messageOf(hook.state.error)} onRetry={hook.reload} />
        ))}
      {hook.state.status === 'ready' && <WebhookDetail webhook={hook.state.data} onChange={(w) => hook.update(() => w)} />}
    </div>
  );
}

function WebhookDetail({ webhook, onChange }: { webhook: Webhook; onChange: (w: Webhook) => void }) {
  const [secret, setSecret] = useState<WebhookWithSecret>();
  const [confirm, setConfirm] = useState<'rotate' | 'delete'>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [announcement, setAnnouncement] = useState('');
  const [logKey, setLogKey] = useState(0);
  const base = `/api/v1/webhooks/${webhook.id}`;

  async function act(what: string, run: () => Promise<void>) {
    setBusy(true);
    setError(undefined);
    try {
      await run();
      setAnnouncement(what);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }
  const toggle = () =>
    act(webhook.enabled ? 'Webhook disabled' : 'Webhook enabled', async () =>
      onChange(await api<Webhook>(base, { method: 'PATCH', body: { enabled: !webhook.enabled } })),
    );
  // The sender takes a queued delivery within a second or two: show the log now and once more then.
  const refreshLog = () => {
    setLogKey((n) => n + 1);
    setTimeout(() => setLogKey((n) => n + 1), 2500);
  };
  const test = () =>
    act('Test ping queued; it appears in the log within seconds', async () => {
      await api(`${base}/test`, { method: 'POST' });
      refreshLog();
    });

  return (
    <>
      <PageHeader
        title={webhook.description || 'Webhook'}
        description={
          <>
            <code className="code">{webhook.url}</code>
            <br />
            <WebhookStatus webhook={webhook} />
            <span className="muted"> · secret {webhook.secretHint}…</span>
            {webhook.previousSecretUntil && (
              <span className="muted"> · the previous secret also signs until {formatDateTime(webhook.previousSecretUntil)}</span>
            )}
          </>
        }
        actions={
          <>
            <button
              type="button"
              className="button"
              aria-disabled={busy || !webhook.enabled}
              onClick={() => !busy && webhook.enabled && void test()}
            >
              Send test
            </button>
            <button type="button" className="button" aria-disabled={busy} onClick={() => !busy && void toggle()}>
              {webhook.enabled ? 'Disable' : 'Enable'}
            </button>
            <button type="button" className="button" onClick={() => setConfirm('rotate')}>
              Rotate secret
            </button>
            <button type="button" className="button button-danger-ghost" onClick={() => setConfirm('delete')}>
              Delete
            </button>
          </>
        }
      />
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {error && (
        <div className="notice notice-error" role="alert">
          {error}
        </div>
      )}
      {secret && <NewSecret created={secret} onDone={() => setSecret(undefined)} />}
      <div className="split">
        <section aria-labelledby="delivery-log">
          <h2 id="delivery-log" className="card-title">
            Delivery log
          </h2>
          <DeliveryLog key={logKey} webhookId={webhook.id} enabled={webhook.enabled} onQueued={refreshLog} />
        </section>
        <section className="card form-card" aria-labelledby="edit-webhook">
          <h2 id="edit-webhook" className="card-title">
            Settings
          </h2>
          <EditForm webhook={webhook} onSaved={onChange} />
        </section>
      </div>
      <ConfirmDialog
        open={!!confirm}
        title={confirm === 'delete' ? 'Delete this webhook?' : 'Rotate the signing secret?'}
        confirmLabel={confirm === 'delete' ? 'Delete webhook' : 'Rotate secret'}
        busy={busy}
        onCancel={() => setConfirm(undefined)}
        onConfirm={() =>
          void act(confirm === 'delete' ? 'Webhook deleted' : 'Secret rotated', async () => {
            if (confirm === 'delete') {
              await api(base, { method: 'DELETE' });
              navigate('/settings/webhooks');
            } else {
              const r = await api<WebhookWithSecret>(`${base}/rotate-secret`, { method: 'POST' });
              setSecret(r);
              onChange(r.webhook);
            }
            setConfirm(undefined);
          })
        }
      >
        {confirm === 'delete' ? (
          <p>Nothing more is sent to {webhook.url}, and its delivery log is deleted with it.</p>
        ) : (
          <p>
            The new secret is shown once. For 24 hours every delivery is signed with the old secret too, so the receiver can switch without
            losing any.
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}

function EditForm({ webhook, onSaved }: { webhook: Webhook; onSaved: (w: Webhook) => void }) {
  const form = useRef<HTMLFormElement>(null);
  const [url, setUrl] = useState(webhook.url);
  const [types, setTypes] = useState(webhook.eventTypes.join(', '));
  const [description, setDescription] = useState(webhook.description ?? '');
  const [saved, setSaved] = useState(false);
  const { errors, failure, busy, submit: run } = useFormSubmit(form);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const problems: Record<string, string> = parseTypes(types).length ? {} : { eventTypes: 'At least one event type' };
    await run(problems, async () => {
      const body = { url: url.trim(), eventTypes: parseTypes(types), description: description.trim() || null };
      onSaved(await api<Webhook>(`/api/v1/webhooks/${webhook.id}`, { method: 'PATCH', body }));
      setSaved(true);
    });
  }

  return (
    <form ref={form} onSubmit={submit} noValidate className="stack">
      {failure && <ErrorNotice message={failure} />}
      <Field label="URL" error={errors.url}>
        {(control) => <input {...control} className="input" type="url" value={url} onChange={(e) => setUrl(e.target.value)} />}
      </Field>
      <Field label="Event types" hint="A type, a prefix like case.*, or * for every event" error={errors.eventTypes}>
        {(control) => <input {...control} className="input input-mono" value={types} onChange={(e) => setTypes(e.target.value)} />}
      </Field>
      <TypeSuggestions onPick={(t) => setTypes((s) => (parseTypes(s).includes(t) ? s : [...parseTypes(s), t].join(', ')))} />
      <Field label="Description" error={errors.description}>
        {(control) => (
          <input {...control} className="input" maxLength={500} value={description} onChange={(e) => setDescription(e.target.value)} />
        )}
      </Field>
      <button type="submit" className="button button-primary" aria-disabled={busy}>
        {busy ? 'Saving…' : 'Save'}
      </button>
      <p role="status" className="muted">
        {saved ? 'Saved.' : ''}
      </p>
    </form>
  );
}

const statusText: Record<DeliveryStatus, string> = { pending: 'Pending', delivered: 'Delivered', failed: 'Failed' };
const statusDot: Record<DeliveryStatus, string> = { pending: 'status-dot-wait', delivered: 'status-dot-ok', failed: 'status-dot-failed' };
const filters: { value: DeliveryStatus | undefined; label: string }[] = [
  { value: undefined, label: 'All' },
  { value: 'pending', label: 'Pending' },
  { value: 'delivered', label: 'Delivered' },
  { value: 'failed', label: 'Failed' },
];

function DeliveryLog({ webhookId, enabled, onQueued }: { webhookId: string; enabled: boolean; onQueued: () => void }) {
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
      {list.status === 'error' && <ErrorNotice message={list.error!} onRetry={list.retry} />}
      {list.status === 'loading' && list.items.length === 0 && <Loading label="Loading deliveries…" />}
      {list.status === 'ready' && list.items.length === 0 && (
        <p className="muted">No deliveries{status ? ` ${statusText[status].toLowerCase()}` : ''} yet.</p>
      )}
      {list.items.length > 0 && (
        <div className="card table-card">
          <table className="table table-compact">
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Last answer</th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
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
                      <time dateTime={d.createdAt} title={formatDateTimeLong(d.createdAt)}>
                        {formatRelative(d.createdAt)}
                      </time>
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
            </tbody>
          </table>
        </div>
      )}
      <LoadMore
        hasMore={!!list.nextCursor && list.status === 'ready'}
        loading={list.loadingMore}
        error={list.moreError}
        onLoadMore={list.loadMore}
      />
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
