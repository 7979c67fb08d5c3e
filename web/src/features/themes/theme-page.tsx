// One theme: its terms, curation (pin, rename by words, merge another theme in, split terms off,
// delete) and the texts that mention it, newest first, with their sentiment; a manager adds an
// answer or a complaint to a "you said, we did" improvement.
import { useState } from 'react';
import type { ThemeReport, ThemeText } from '../../../../contract/themes.ts';
import { api, messageOf } from '../../shared/api.ts';
import { ConfirmDialog } from '../../shared/confirm-dialog.tsx';
import { useDocumentTitle, useLoad, usePaged } from '../../shared/hooks.ts';
import { Link, navigate } from '../../shared/router.tsx';
import { hasRole, useSession } from '../../shared/session.ts';
import { ErrorNotice, Loading, PagedStates, PageHeader } from '../../shared/states.tsx';
import { SplitForm } from './split-form.tsx';
import { When } from '../../shared/tip/when.tsx';
import { AddToImprovement } from '../learning/add-to-improvement.tsx';
import { npsWords, sentimentWords, shareWords, sourceWords, trendWords } from './theme-words.ts';

export function ThemePage({ id }: { id: string }) {
  const { session } = useSession();
  const curator = hasRole(session.user.role, 'manager');
  const { state, reload } = useLoad(`theme-${id}`, async (signal) => api<ThemeReport>('/api/v1/themes', { signal }));
  const theme = state.status === 'ready' ? state.data.items.find((t) => t.id === id) : undefined;
  useDocumentTitle(theme ? `Theme: ${theme.name}` : 'Theme');
  const texts = usePaged<ThemeText>(`theme-texts-${id}`, (cursor, signal) =>
    api<{ items: ThemeText[]; nextCursor: string | null }>(`/api/v1/themes/${id}/texts`, { query: { cursor, limit: 25 }, signal }),
  );
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [splitting, setSplitting] = useState(false);
  const [mergeId, setMergeId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const act = async (path: string, method: 'POST' | 'PATCH' | 'DELETE', body?: unknown, after?: () => void) => {
    setError(null);
    try {
      await api(path, { method, body });
      if (after) after();
      else reload();
    } catch (err) {
      setError(messageOf(err));
    }
  };
  if (state.status === 'loading') return <Loading label="Loading the theme…" />;
  if (state.status === 'error') return <ErrorNotice message={messageOf(state.error)} onRetry={reload} />;
  if (!theme)
    return (
      <div className="page">
        <PageHeader title="Theme not found" description={<Link to="/themes">Back to the themes</Link>} />
      </div>
    );
  const others = state.status === 'ready' ? state.data.items.filter((t) => t.id !== id) : [];
  return (
    <div className="page">
      <PageHeader
        title={theme.name}
        description={
          <>
            <Link to="/themes">Themes</Link> · {theme.mentions} texts in the last 90 days, {shareWords(theme.share, theme.mentions)} ·{' '}
            {trendWords[theme.trend]} · NPS {npsWords(theme.nps)}
          </>
        }
        actions={
          curator && (
            <>
              <button type="button" className="button" onClick={() => void act(`/api/v1/themes/${id}`, 'PATCH', { pinned: !theme.pinned })}>
                {theme.pinned ? 'Unpin' : 'Pin'}
              </button>
              <button type="button" className="button" onClick={() => setSplitting(true)}>
                Split…
              </button>
              <button type="button" className="button button-danger" onClick={() => setConfirmDelete(true)}>
                Delete
              </button>
            </>
          )
        }
      />
      {error && <ErrorNotice message={error} />}
      <section className="card" aria-labelledby="terms-title">
        <h2 id="terms-title">Terms</h2>
        <ul className="chips chip-list">
          {theme.terms.map((t) => (
            <li key={t} className="chip">
              {t}
            </li>
          ))}
        </ul>
        {curator && others.length > 0 && (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (mergeId)
                void act(`/api/v1/themes/${id}/merge`, 'POST', { themeIds: [mergeId] }, () => {
                  setMergeId('');
                  reload();
                });
            }}
          >
            <label htmlFor="merge-theme">Merge another theme into this one</label>
            <select id="merge-theme" className="input select" value={mergeId} onChange={(e) => setMergeId(e.target.value)}>
              <option value="">Choose a theme</option>
              {others.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
            <button type="submit" className="button" aria-disabled={!mergeId}>
              Merge
            </button>
          </form>
        )}
      </section>
      <section className="card" aria-labelledby="texts-title">
        <h2 id="texts-title">What customers said</h2>
        <PagedStates list={texts} loading="Loading texts…" empty={<p className="muted">No text of the period mentions this theme.</p>}>
          <ul className="text-list">
            {texts.items.map((t) => (
              <li key={`${t.source}-${t.sourceId}`} className="text-item">
                <blockquote>{t.text}</blockquote>
                <p className="muted">
                  <span className={`badge badge-${t.label}`}>{sentimentWords[t.label]}</span> {sourceWords[t.source]}
                  {t.score !== null && `, score ${t.score}`} · <Link to={`/customers/${t.customerId}`}>{t.customerName ?? 'Customer'}</Link>{' '}
                  · <When at={t.occurredAt} show="dateTime" />
                </p>
                {t.source !== 'case_reply' && <AddToImprovement item={{ kind: t.source, id: t.sourceId }} />}
              </li>
            ))}
          </ul>
        </PagedStates>
      </section>
      <ConfirmDialog
        open={confirmDelete}
        title={`Delete the theme “${theme.name}”?`}
        confirmLabel="Delete theme"
        onCancel={() => setConfirmDelete(false)}
        onConfirm={() => void act(`/api/v1/themes/${id}`, 'DELETE', undefined, () => navigate('/themes'))}
      >
        <p>The texts stay; only this grouping goes.</p>
      </ConfirmDialog>
      {splitting && (
        <SplitForm
          theme={theme}
          onClose={() => setSplitting(false)}
          onSaved={() => {
            setSplitting(false);
            reload();
          }}
        />
      )}
    </div>
  );
}
