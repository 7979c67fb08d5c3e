// Internal customers (seed 004): each pair of departments' satisfaction with the hand-offs of the
// last 90 days (n, share of 4-5 with its interval, mean, trend, comments), and the hand-offs that
// wait for the requesting department's rating.
import { useState, type FormEvent } from 'react';
import type { HandOff, InternalSatisfaction } from '../../../../contract/learning-people.ts';
import { api, messageOf } from '../../shared/api.ts';
import { SelectField, TextAreaField } from '../../shared/fields.tsx';
import { useDocumentTitle, useLoad, usePaged } from '../../shared/hooks.ts';
import { EmptyState, ErrorNotice, Loading, PagedStates, PageHeader } from '../../shared/states.tsx';
import { last90Days, loadPeople, meanWords, shareWords } from './people-data.ts';

export function InternalCustomersPage() {
  useDocumentTitle('Internal customers');
  const [version, setVersion] = useState(0);
  const data = useLoad(`internal:${version}`, async (signal) => {
    const [people, figures] = await Promise.all([
      loadPeople(signal),
      api<InternalSatisfaction>('/api/v1/hand-offs/satisfaction', { query: last90Days(Date.now()), signal }),
    ]);
    return { ...people, figures };
  });
  const unrated = usePaged<HandOff>(`unrated:${version}`, (cursor, signal) =>
    api('/api/v1/hand-offs', { query: { state: 'unrated', cursor }, signal }),
  );
  if (data.state.status === 'loading') return <Loading label="Loading internal satisfaction…" />;
  if (data.state.status === 'error') return <ErrorNotice message={messageOf(data.state.error)} onRetry={data.reload} />;
  const { departments, figures } = data.state.data;
  const name = (id: string) => departments.find((d) => d.id === id)?.name ?? 'A department';
  return (
    <div className="page">
      <PageHeader
        title="Internal customers"
        description={`Departments rate the work they hand to each other, 1–5, the way customers rate us. Last 90 days; a figure from ${figures.minRatings} ratings.`}
      />
      {figures.pairs.length === 0 ? (
        <EmptyState title="No ratings yet">
          <p>When a case passes to another department or a task is closed for another team, the requesting department rates it below.</p>
        </EmptyState>
      ) : (
        <div className="card table-card">
          <table className="table">
            <caption className="visually-hidden">Internal satisfaction per pair of departments</caption>
            <thead>
              <tr>
                <th scope="col">Requesting</th>
                <th scope="col">Giving</th>
                <th scope="col">Ratings</th>
                <th scope="col">Satisfied (4–5)</th>
                <th scope="col">Mean</th>
                <th scope="col">Trend</th>
                <th scope="col">Latest comments</th>
              </tr>
            </thead>
            <tbody>
              {figures.pairs.map((p) => (
                <tr key={`${p.requestingDepartmentId}:${p.givingDepartmentId}`}>
                  <td>{name(p.requestingDepartmentId)}</td>
                  <td>{name(p.givingDepartmentId)}</td>
                  <td>{p.current.n}</td>
                  <td>{shareWords(p.current.satisfied, p.current.interval, p.current.n, figures.minRatings)}</td>
                  <td>{meanWords(p.current.mean, p.current.meanInterval)}</td>
                  <td>
                    {p.trend.difference === null
                      ? 'not enough ratings to compare'
                      : `${p.trend.difference > 0 ? '+' : ''}${Math.round(p.trend.difference)} points${p.trend.significant ? '' : ' (within noise)'}`}
                  </td>
                  <td>
                    <ul>
                      {p.comments.map((c, i) => (
                        <li key={i}>
                          {c.rating}/5: {c.comment}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section aria-labelledby="unrated-title">
        <h2 id="unrated-title">Waiting for a rating</h2>
        <PagedStates list={unrated} loading="Loading hand-offs…" empty={<p>Every hand-off is rated.</p>}>
          <ul className="stack">
            {unrated.items.map((h) => (
              <RateHandOff
                key={h.id}
                handOff={h}
                from={name(h.givingDepartmentId)}
                to={name(h.requestingDepartmentId)}
                onDone={() => setVersion((v) => v + 1)}
              />
            ))}
          </ul>
        </PagedStates>
      </section>
    </div>
  );
}

function RateHandOff({ handOff, from, to, onDone }: { handOff: HandOff; from: string; to: string; onDone: () => void }) {
  const [rating, setRating] = useState('');
  const [comment, setComment] = useState('');
  const [failure, setFailure] = useState<string>();
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await api(`/api/v1/hand-offs/${handOff.id}/rating`, {
        method: 'POST',
        body: { rating: Number(rating), ...(comment.trim() ? { comment } : {}) },
      });
      onDone();
    } catch (err) {
      setFailure(messageOf(err));
    }
  }
  return (
    <li className="card">
      <form onSubmit={(e) => void submit(e)} aria-label={`Rate ${handOff.title}`}>
        <p>
          <strong>{handOff.title}</strong>: {from} for {to}, {new Date(handOff.handedAt).toLocaleDateString()}
        </p>
        <SelectField label="Rating" value={rating} onChange={setRating} required>
          <option value="">Choose 1–5</option>
          {[5, 4, 3, 2, 1].map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </SelectField>
        <TextAreaField label="Comment" value={comment} onChange={setComment} maxLength={2000} />
        <button type="submit" className="button button-primary">
          Rate
        </button>
        {failure && <p role="alert">{failure}</p>}
      </form>
    </li>
  );
}
