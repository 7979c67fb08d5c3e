// Settings → Weekly digest: a manager receives last week's figures by mail on Mondays, and can read
// the digest of any week here first.
import { useState } from 'react';
import { api, messageOf } from '../../shared/api.ts';
import { useDocumentTitle, useLoad } from '../../shared/hooks.ts';
import { hasRole, useSession } from '../../shared/session.ts';
import { EmptyState, ErrorNotice, Loading, PageHeader } from '../../shared/states.tsx';
import { SettingsNav } from './settings-nav.tsx';

interface Digest {
  week: string;
  subject: string;
  text: string;
}

export function DigestPage() {
  useDocumentTitle('Weekly digest');
  const { session } = useSession();
  if (!hasRole(session.user.role, 'manager')) {
    return (
      <div className="page">
        <SettingsNav />
        <PageHeader title="Weekly digest" />
        <EmptyState title="The weekly digest is for managers">
          <p>Ask a manager of {session.workspace.name} to forward it.</p>
        </EmptyState>
      </div>
    );
  }
  return <ManagerDigestPage />;
}

function ManagerDigestPage() {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { state, reload } = useLoad('digest', async (signal) => {
    const [subscription, preview] = await Promise.all([
      api<{ subscribed: boolean }>('/api/v1/digest/subscription', { signal }),
      api<Digest>('/api/v1/digest/preview', { signal }),
    ]);
    return { subscribed: subscription.subscribed, preview };
  });
  const toggle = async (subscribed: boolean) => {
    setSaving(true);
    setError(null);
    try {
      await api('/api/v1/digest/subscription', { method: 'PUT', body: { subscribed } });
      reload();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <div className="page">
      <SettingsNav />
      <PageHeader
        title="Weekly digest"
        description="Last week's scores with their intervals, recovery within 24 hours, breaches, promises kept, the rules and themes that came up, and what customers praised: mailed to you on Mondays from 07:00 UTC."
      />
      {state.status === 'loading' && <Loading label="Loading the digest…" />}
      {state.status === 'error' && <ErrorNotice message={messageOf(state.error)} onRetry={reload} />}
      {state.status === 'ready' && (
        <>
          <div className="card">
            <label className="checkbox">
              <input
                type="checkbox"
                checked={state.data.subscribed}
                aria-disabled={saving}
                onChange={(e) => !saving && void toggle(e.target.checked)}
              />{' '}
              Mail me the weekly digest
            </label>
            {error && (
              <p className="field-error" role="alert">
                {error}
              </p>
            )}
          </div>
          <section className="card" aria-labelledby="digest-preview">
            <h2 id="digest-preview">Last week’s digest: {state.data.preview.subject}</h2>
            <pre className="digest-preview" tabIndex={0}>
              {state.data.preview.text}
            </pre>
          </section>
        </>
      )}
    </div>
  );
}
