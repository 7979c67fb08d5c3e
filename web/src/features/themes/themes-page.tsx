// What customers talk about: each theme of the last 90 days with how often it comes up, whether
// that is rising, how many of its texts are negative and the NPS of those who mention it; below,
// the terms customers use most that no theme holds yet, to name as themes.
import { useState } from 'react';
import type { ThemeReport, ThemeSuggestion } from '../../../../contract/themes.ts';
import { api, messageOf } from '../../shared/api.ts';
import { useDocumentTitle, useLoad } from '../../shared/hooks.ts';
import { Link } from '../../shared/router.tsx';
import { hasRole, useSession } from '../../shared/session.ts';
import { EmptyState, ErrorNotice, Loading, PageHeader } from '../../shared/states.tsx';
import { ThemeForm } from './theme-form.tsx';
import { npsWords, shareWords, trendWords } from './theme-words.ts';

export function ThemesPage() {
  useDocumentTitle('Themes');
  const { session } = useSession();
  const curator = hasRole(session.user.role, 'manager');
  const [form, setForm] = useState<{ words: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { state, reload } = useLoad('themes', async (signal) => {
    const [report, suggestions] = await Promise.all([
      api<ThemeReport>('/api/v1/themes', { signal }),
      api<{ items: ThemeSuggestion[] }>('/api/v1/themes/suggestions', { signal }),
    ]);
    return { report, suggestions: suggestions.items };
  });
  const addStarters = async () => {
    try {
      const r = await api<{ added: number }>('/api/v1/themes/starter', { method: 'POST' });
      setNotice(r.added ? `${r.added} common themes added.` : 'The common themes are all there already.');
      reload();
    } catch (err) {
      setNotice(messageOf(err));
    }
  };
  return (
    <div className="page">
      <PageHeader
        title="Themes"
        description="What customers talk about in their answers, complaints and replies over the last 90 days, against the 90 days before."
        actions={
          curator && (
            <>
              <button type="button" className="button" onClick={() => void addStarters()}>
                Add common themes
              </button>
              <button type="button" className="button button-primary" onClick={() => setForm({ words: '' })}>
                New theme
              </button>
            </>
          )
        }
      />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {state.status === 'loading' && <Loading label="Loading themes…" />}
      {state.status === 'error' && <ErrorNotice message={messageOf(state.error)} onRetry={reload} />}
      {state.status === 'ready' && (
        <>
          <p className="page-description">
            {state.data.report.texts} texts analysed in the period ({state.data.report.previousTexts} in the period before). Shares and
            scores show their 95 % interval; below 30 texts or answers only counts are shown.
          </p>
          {state.data.report.items.length === 0 ? (
            <EmptyState title="No themes yet">
              <p>{curator ? 'Add the common themes, or name one from the terms below.' : 'A manager can add themes here.'}</p>
            </EmptyState>
          ) : (
            <ThemesTable report={state.data.report} />
          )}
          <Suggestions items={state.data.suggestions} curator={curator} onName={(term) => setForm({ words: term })} />
        </>
      )}
      {form && (
        <ThemeForm
          open
          initialWords={form.words}
          onClose={() => setForm(null)}
          onSaved={() => {
            setForm(null);
            reload();
          }}
        />
      )}
    </div>
  );
}

function ThemesTable({ report }: { report: ThemeReport }) {
  return (
    <div className="card table-card">
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Themes">
        <table className="table">
          <caption className="visually-hidden">Themes, pinned first, then by mentions</caption>
          <thead>
            <tr>
              <th scope="col">Theme</th>
              <th scope="col">Mentions</th>
              <th scope="col">Share of texts</th>
              <th scope="col">Trend</th>
              <th scope="col">Negative</th>
              <th scope="col">NPS of those who mention it</th>
            </tr>
          </thead>
          <tbody>
            {report.items.map((t) => (
              <tr key={t.id} className="row-link">
                <td>
                  <Link to={`/themes/${t.id}`} className="row-link-target">
                    {t.name}
                  </Link>
                  {t.pinned && <span className="badge"> Pinned</span>}
                </td>
                <td>
                  {t.mentions} <span className="muted">(before: {t.previousMentions})</span>
                </td>
                <td>{shareWords(t.share, t.mentions)}</td>
                <td>{trendWords[t.trend]}</td>
                <td>{shareWords(t.negativeShare, t.mentions)}</td>
                <td>{npsWords(t.nps)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Suggestions({ items, curator, onName }: { items: ThemeSuggestion[]; curator: boolean; onName: (term: string) => void }) {
  return (
    <section className="card" aria-labelledby="suggestions-title">
      <h2 id="suggestions-title">Terms no theme holds yet</h2>
      {items.length === 0 ? (
        <p className="muted">Nothing customers mention twice or more is left outside the themes.</p>
      ) : (
        <ul className="chips chip-list">
          {items.map((s) => (
            <li key={s.term}>
              {curator ? (
                <button
                  type="button"
                  className="chip"
                  onClick={() => onName(s.term)}
                  aria-label={`Name a theme for “${s.term}”, ${s.mentions} texts`}
                >
                  {s.term} <span className="muted">{s.mentions}</span>
                </button>
              ) : (
                <span className="chip">
                  {s.term} <span className="muted">{s.mentions}</span>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
