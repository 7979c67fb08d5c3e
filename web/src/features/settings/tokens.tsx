// Settings → API tokens: what integrations use to send events. A new token's secret is shown
// once (Kept stores only its hash); revoking one stops it at once.
import { useRef, useState, type FormEvent } from 'react';
import { api, messageOf } from '../../shared/api.ts';
import { ConfirmDialog } from '../../shared/confirm-dialog.tsx';
import { SelectField, TextField } from '../../shared/fields.tsx';
import { CheckIcon, CopyIcon, KeyIcon } from '../../shared/icons.tsx';
import { SettingsNav } from './settings-nav.tsx';
import { EmptyState, ErrorNotice, Loading, PageHeader } from '../../shared/states.tsx';
import { useDocumentTitle, useFormSubmit, useLoad } from '../../shared/hooks.ts';
import { hasRole, useSession } from '../../shared/session.ts';
import type { CreatedToken, Role, Token } from '../../shared/types.ts';
import { DataTable } from '../../shared/data-table.tsx';
import { When } from '../../shared/tip/when.tsx';

const roles: { value: Role; label: string }[] = [
  { value: 'agent', label: 'Agent — send events, read customers' },
  { value: 'manager', label: 'Manager — also manage departments' },
  { value: 'admin', label: 'Admin — everything, including tokens' },
];

export function TokensPage() {
  useDocumentTitle('API tokens');
  const { session } = useSession();
  if (!hasRole(session.user.role, 'admin')) {
    return (
      <div className="page">
        <SettingsNav />
        <PageHeader title="API tokens" />
        <EmptyState icon={<KeyIcon />} title="Only admins manage API tokens">
          <p>Ask an admin of {session.workspace.name} for a token.</p>
        </EmptyState>
      </div>
    );
  }
  return <AdminTokensPage />;
}

function AdminTokensPage() {
  const tokens = useLoad('tokens', (signal) => api<{ items: Token[] }>('/api/v1/tokens', { signal }).then((r) => r.items));
  const [created, setCreated] = useState<CreatedToken>();
  const [revoking, setRevoking] = useState<Token>();
  const [revokeBusy, setRevokeBusy] = useState(false);
  const [revokeError, setRevokeError] = useState<string>();
  const [announcement, setAnnouncement] = useState('');

  async function revoke(token: Token) {
    setRevokeBusy(true);
    setRevokeError(undefined);
    try {
      await api(`/api/v1/tokens/${token.id}`, { method: 'DELETE' });
      tokens.update((list) => list.map((t) => (t.id === token.id ? { ...t, revokedAt: new Date().toISOString() } : t)));
      setAnnouncement(`Token ${token.name} revoked`);
      setRevoking(undefined);
    } catch (err) {
      setRevokeError(messageOf(err));
    } finally {
      setRevokeBusy(false);
    }
  }

  return (
    <div className="page">
      <SettingsNav />
      <PageHeader
        title="API tokens"
        description={
          <>
            Integrations send events with a token in <code className="code">Authorization: Bearer &lt;token&gt;</code>. See the{' '}
            <a href="/api/docs">API reference</a>.
          </>
        }
      />
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {created && <NewSecret created={created} onDone={() => setCreated(undefined)} />}
      <div className="split">
        <section aria-label="All tokens">
          {tokens.state.status === 'loading' && <Loading label="Loading tokens…" />}
          {tokens.state.status === 'error' && <ErrorNotice message={messageOf(tokens.state.error)} onRetry={tokens.reload} />}
          {tokens.state.status === 'ready' &&
            (tokens.state.data.length === 0 ? (
              <EmptyState icon={<KeyIcon />} title="No API tokens yet">
                <p>Create one for each system that sends events, so you can revoke one without touching the others.</p>
              </EmptyState>
            ) : (
              <TokenTable tokens={tokens.state.data} onRevoke={setRevoking} />
            ))}
        </section>
        <section className="card form-card" aria-labelledby="new-token">
          <h2 id="new-token" className="card-title">
            New token
          </h2>
          <TokenForm
            onCreated={(t) => {
              setCreated(t);
              tokens.update((list) => [t.token, ...list]);
            }}
          />
        </section>
      </div>
      <ConfirmDialog
        open={!!revoking}
        title={`Revoke “${revoking?.name ?? ''}”?`}
        confirmLabel="Revoke token"
        busy={revokeBusy}
        onConfirm={() => revoking && void revoke(revoking)}
        onCancel={() => {
          setRevoking(undefined);
          setRevokeError(undefined);
        }}
      >
        <p>Integrations using this token stop working at once. This cannot be undone.</p>
        {revokeError && (
          <p className="field-error" role="alert">
            {revokeError}
          </p>
        )}
      </ConfirmDialog>
    </div>
  );
}

function TokenTable({ tokens, onRevoke }: { tokens: Token[]; onRevoke: (t: Token) => void }) {
  return (
    <DataTable columns={['Name', 'Role', 'Token', 'Last used', 'Created']} actions scroll caption="API tokens">
      {tokens.map((t) => (
        <tr key={t.id} className={t.revokedAt ? 'is-revoked' : undefined}>
          <td>
            <span className="token-name">{t.name}</span>
            {t.revokedAt && <span className="pill pill-muted">Revoked</span>}
          </td>
          <td className="capitalize">{t.role}</td>
          <td>
            <code className="code">{t.prefix}…</code>
          </td>
          <td>{t.lastUsedAt ? <When at={t.lastUsedAt} /> : <span className="muted">Never</span>}</td>
          <td>
            <When at={t.createdAt} show="date" />
          </td>
          <td className="cell-actions">
            {!t.revokedAt && (
              <button type="button" className="button button-small button-danger-ghost" onClick={() => onRevoke(t)}>
                Revoke<span className="visually-hidden"> {t.name}</span>
              </button>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

function TokenForm({ onCreated }: { onCreated: (t: CreatedToken) => void }) {
  const form = useRef<HTMLFormElement>(null);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const { errors, failure, busy, submit: run } = useFormSubmit(form);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems: Record<string, string> = name.trim() ? {} : { name: 'Name the token after what will use it, e.g. Billing system' };
    await run(problems, async () => {
      onCreated(await api<CreatedToken>('/api/v1/tokens', { method: 'POST', body: { name: name.trim(), role } }));
      setName('');
      setRole('agent');
    });
  }

  return (
    <form ref={form} onSubmit={submit} noValidate className="stack">
      {failure && <ErrorNotice message={failure} />}
      <TextField
        label="Name"
        hint="What will use it, e.g. Billing system"
        error={errors.name}
        className="input"
        maxLength={100}
        value={name}
        onChange={(v) => setName(v)}
      />
      <SelectField label="Role" error={errors.role} className="input select" value={role} onChange={(v) => setRole(v as Role)}>
        {roles.map((r) => (
          <option key={r.value} value={r.value}>
            {r.label}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="button button-primary" aria-disabled={busy}>
        {busy ? 'Creating…' : 'Create token'}
      </button>
    </form>
  );
}

function NewSecret({ created, onDone }: { created: CreatedToken; onDone: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'failed'>();
  const secret = useRef<HTMLInputElement>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopied('yes');
    } catch {
      secret.current?.select(); // no clipboard access (e.g. plain http): select it for Ctrl+C
      setCopied('failed');
    }
  }

  return (
    <section className="card secret-card" aria-labelledby="secret-title">
      <h2 id="secret-title" className="card-title">
        Copy the token “{created.token.name}” now
      </h2>
      <p className="muted">It is shown only this once: Kept keeps only a hash of it.</p>
      <div className="secret-row">
        <label htmlFor="new-secret" className="visually-hidden">
          Token secret
        </label>
        <input
          id="new-secret"
          ref={secret}
          className="input input-mono"
          readOnly
          value={created.secret}
          onFocus={(e) => e.target.select()}
        />
        <button type="button" className="button" onClick={() => void copy()}>
          {copied === 'yes' ? <CheckIcon /> : <CopyIcon />}
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </button>
        <button type="button" className="button button-ghost" onClick={onDone}>
          Done
        </button>
      </div>
      <p className="visually-hidden" role="status">
        {copied === 'yes'
          ? 'Token copied to the clipboard'
          : copied === 'failed'
            ? 'Copying is blocked; the token is selected, press Ctrl+C'
            : ''}
      </p>
      {copied === 'failed' && <p className="field-hint">Copying is blocked here; the token is selected, so press Ctrl+C (⌘C on a Mac).</p>}
    </section>
  );
}
