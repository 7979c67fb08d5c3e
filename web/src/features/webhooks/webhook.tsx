// One webhook: change its URL, event types and description, disable or enable it, rotate its
// secret, send a test, delete it, and its delivery log (status codes, every try, redelivery).
import { useState } from 'react';
import type { Webhook, WebhookWithSecret } from '../../../../contract/webhooks.ts';
import { api, ApiError, messageOf } from '../../shared/api.ts';
import { ConfirmDialog } from '../../shared/confirm-dialog.tsx';
import { LayersIcon } from '../../shared/icons.tsx';
import { SettingsNav } from '../settings/settings-nav.tsx';
import { EmptyState, ErrorNotice, Loading, PageHeader } from '../../shared/states.tsx';
import { formatDateTime } from '../../shared/format.ts';
import { useDocumentTitle, useLoad } from '../../shared/hooks.ts';
import { Link, navigate } from '../../shared/router.tsx';
import { hasRole, useSession } from '../../shared/session.ts';
import { NewSecret, WebhookStatus } from './webhooks.tsx';
import { DeliveryLog } from './delivery-log.tsx';
import { EditForm } from './webhook-edit.tsx';

export function WebhookPage({ id }: { id: string }) {
  const { session } = useSession();
  const hook = useLoad(`webhook-${id}`, (signal) => api<Webhook>(`/api/v1/webhooks/${id}`, { signal }));
  useDocumentTitle(hook.state.status === 'ready' ? `Webhook ${hook.state.data.url}` : 'Webhook');
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
