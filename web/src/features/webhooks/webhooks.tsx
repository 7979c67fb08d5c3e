// Settings → Webhooks: the receivers other systems set up to hear about timeline events, as
// they happen. A new subscription's signing secret is shown once; each subscription's page
// (webhook.tsx) edits it and shows its delivery log.
import { useRef, useState, type FormEvent } from 'react';
import type { Webhook, WebhookWithSecret } from '../../../../contract/webhooks.ts';
import { api } from '../../shared/api.ts';
import { CopyButton } from '../../shared/copy-button.tsx';
import { TextField } from '../../shared/fields.tsx';
import { LayersIcon } from '../../shared/icons.tsx';
import { SettingsNav } from '../settings/settings-nav.tsx';
import { keptEventTypes, parseTypes, withType } from './webhook-text.ts';
import { EmptyState, ErrorNotice, Loading, PageHeader } from '../../shared/states.tsx';
import { useDocumentTitle, useFormSubmit, useLoad } from '../../shared/hooks.ts';
import { messageOf } from '../../shared/api.ts';
import { Link } from '../../shared/router.tsx';
import { hasRole, useSession } from '../../shared/session.ts';
import { DataTable } from '../../shared/data-table.tsx';
import { When } from '../../shared/tip/when.tsx';

export function WebhooksPage() {
  useDocumentTitle('Webhooks');
  const { session } = useSession();
  if (!hasRole(session.user.role, 'admin')) {
    return (
      <div className="page">
        <SettingsNav />
        <PageHeader title="Webhooks" />
        <EmptyState icon={<LayersIcon />} title="Only admins manage webhooks">
          <p>Ask an admin of {session.workspace.name} to set one up.</p>
        </EmptyState>
      </div>
    );
  }
  return <AdminWebhooksPage />;
}

function AdminWebhooksPage() {
  const list = useLoad('webhooks', (signal) => api<{ items: Webhook[] }>('/api/v1/webhooks', { signal }).then((r) => r.items));
  const [created, setCreated] = useState<WebhookWithSecret>();
  return (
    <div className="page">
      <SettingsNav />
      <PageHeader
        title="Webhooks"
        description={
          <>
            Kept POSTs every timeline event of the types you choose to your URL, signed per{' '}
            <a href="https://www.standardwebhooks.com/">Standard Webhooks</a>, and retries for about 27 hours.
          </>
        }
      />
      {created && <NewSecret created={created} onDone={() => setCreated(undefined)} />}
      <div className="split">
        <section aria-label="All webhooks">
          {list.state.status === 'loading' && <Loading label="Loading webhooks…" />}
          {list.state.status === 'error' && <ErrorNotice message={messageOf(list.state.error)} onRetry={list.reload} />}
          {list.state.status === 'ready' &&
            (list.state.data.length === 0 ? (
              <EmptyState icon={<LayersIcon />} title="No webhooks yet">
                <p>Subscribe a URL to hear about new answers, complaints and cases the moment they happen.</p>
              </EmptyState>
            ) : (
              <WebhookTable webhooks={list.state.data} />
            ))}
        </section>
        <section className="card form-card" aria-labelledby="new-webhook">
          <h2 id="new-webhook" className="card-title">
            New webhook
          </h2>
          <WebhookForm
            onCreated={(w) => {
              setCreated(w);
              list.update((items) => [...items, w.webhook]);
            }}
          />
        </section>
      </div>
    </div>
  );
}

function WebhookTable({ webhooks }: { webhooks: Webhook[] }) {
  return (
    <DataTable columns={['URL', 'Events', 'Status', 'Created']} scroll caption="Webhooks">
      {webhooks.map((w) => (
        <tr key={w.id} className="row-link">
          <td>
            <Link to={`/settings/webhooks/${w.id}`} className="row-link-target">
              <code className="code">{w.url}</code>
            </Link>
            {w.description && <div className="muted">{w.description}</div>}
          </td>
          <td>{w.eventTypes.join(', ')}</td>
          <td>
            <WebhookStatus webhook={w} />
          </td>
          <td>
            <When at={w.createdAt} show="date" />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

export function WebhookStatus({ webhook }: { webhook: Webhook }) {
  const off = webhook.disabledReason === 'gone' ? 'Disabled: the receiver answered 410 Gone' : 'Disabled';
  return (
    <span className="status nowrap">
      <span className={`status-dot ${webhook.enabled ? 'status-dot-ok' : 'status-dot-failed'}`} aria-hidden="true" />
      {webhook.enabled ? 'Enabled' : off}
    </span>
  );
}

export function TypeSuggestions({ onPick }: { onPick: (type: string) => void }) {
  return (
    <div className="chips" role="group" aria-label="Add a suggested type">
      {keptEventTypes.map((t) => (
        <button key={t} type="button" className="chip" onClick={() => onPick(t)}>
          {t}
        </button>
      ))}
    </div>
  );
}

function WebhookForm({ onCreated }: { onCreated: (w: WebhookWithSecret) => void }) {
  const form = useRef<HTMLFormElement>(null);
  const [url, setUrl] = useState('');
  const [types, setTypes] = useState('');
  const [description, setDescription] = useState('');
  const { errors, failure, busy, submit: run } = useFormSubmit(form);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (!/^https?:\/\/./i.test(url.trim())) problems.url = 'An http:// or https:// URL, e.g. https://hooks.example.com/kept';
    if (!parseTypes(types).length) problems.eventTypes = 'At least one event type, e.g. case.opened, case.* or *';
    await run(problems, async () => {
      const body = { url: url.trim(), eventTypes: parseTypes(types), ...(description.trim() ? { description: description.trim() } : {}) };
      onCreated(await api<WebhookWithSecret>('/api/v1/webhooks', { method: 'POST', body }));
      setUrl('');
      setTypes('');
      setDescription('');
    });
  }

  return (
    <form ref={form} onSubmit={submit} noValidate className="stack">
      {failure && <ErrorNotice message={failure} />}
      <TextField
        label="URL"
        hint="Where Kept POSTs the events"
        error={errors.url}
        className="input"
        type="url"
        inputMode="url"
        value={url}
        onChange={(v) => setUrl(v)}
      />
      <TextField
        label="Event types"
        hint="Separated by commas: a type, a prefix like case.*, or * for every event"
        error={errors.eventTypes}
        className="input input-mono"
        value={types}
        onChange={(v) => setTypes(v)}
      />
      <TypeSuggestions onPick={(t) => setTypes((s) => withType(s, t))} />
      <TextField
        label="Description"
        hint="Optional: what receives it, e.g. CRM sync"
        error={errors.description}
        className="input"
        maxLength={500}
        value={description}
        onChange={(v) => setDescription(v)}
      />
      <button type="submit" className="button button-primary" aria-disabled={busy}>
        {busy ? 'Creating…' : 'Create webhook'}
      </button>
    </form>
  );
}

/** The signing secret, shown once after creating a webhook or rotating its secret. */
export function NewSecret({ created, onDone }: { created: WebhookWithSecret; onDone: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <section className="card secret-card" aria-labelledby="webhook-secret-title">
      <h2 id="webhook-secret-title" className="card-title">
        Copy the signing secret for {created.webhook.url} now
      </h2>
      <p className="muted">
        It is shown only this once. Your receiver verifies each request&rsquo;s <code className="code">webhook-signature</code> with it.
      </p>
      <div className="secret-row">
        <label htmlFor="webhook-secret" className="visually-hidden">
          Signing secret
        </label>
        <input
          id="webhook-secret"
          ref={input}
          className="input input-mono"
          readOnly
          value={created.secret}
          onFocus={(e) => e.target.select()}
        />
        <CopyButton text={created.secret} what="signing secret" target={input} />
        <button type="button" className="button button-ghost" onClick={onDone}>
          Done
        </button>
      </div>
    </section>
  );
}
