// The obsession score (seed 000): "From 0 to 10, how would you rate your company when it comes to
// customer obsession? What has to happen to be a 10?" once a quarter, anonymously, beside the
// customers' NPS; the answers to the second question can become improvements.
import { useState, type FormEvent } from 'react';
import type { Obsession } from '../../../../contract/learning-people.ts';
import { api, messageOf } from '../../shared/api.ts';
import { SelectField, TextAreaField } from '../../shared/fields.tsx';
import { useDocumentTitle, useLoad } from '../../shared/hooks.ts';
import { hasRole, useSession } from '../../shared/session.ts';
import { ErrorNotice, Loading, PageHeader } from '../../shared/states.tsx';
import { meanWords } from './people-data.ts';

export function ObsessionPage() {
  useDocumentTitle('Customer obsession');
  const { session } = useSession();
  const [version, setVersion] = useState(0);
  const { state, reload } = useLoad(`obsession:${version}`, (signal) => api<Obsession>('/api/v1/obsession', { signal }));
  if (state.status === 'loading') return <Loading label="Loading the obsession score…" />;
  if (state.status === 'error') return <ErrorNotice message={messageOf(state.error)} onRetry={reload} />;
  const o = state.data;
  const refresh = () => setVersion((v) => v + 1);
  return (
    <div className="page">
      <PageHeader
        title={`Customer obsession, ${o.quarter}`}
        description="The team’s own rating, anonymous, beside the customers’ NPS for the same quarter."
      />
      <div className="card">
        <dl>
          <dt>Staff rating (0–10)</dt>
          <dd>
            {o.staff.shown
              ? `${meanWords(o.staff.mean, o.staff.interval)}, n = ${o.staff.n}`
              : `n = ${o.staff.n}: shown from ${o.minAnswers} answers, so nobody’s rating can be told`}
          </dd>
          <dt>Customers’ NPS</dt>
          <dd>
            {o.customers.nps === null
              ? `n = ${o.customers.n}: a figure needs ${o.customers.minAnswers} answers`
              : `${Math.round(o.customers.nps)} (95 % interval ${Math.round(o.customers.interval!.low)} to ${Math.round(o.customers.interval!.high)}), n = ${o.customers.n}`}
          </dd>
        </dl>
      </div>
      {o.answered ? <p role="status">You answered for {o.quarter}. Thank you.</p> : <AnswerForm onDone={refresh} />}
      {o.toBeATen.length > 0 && (
        <section aria-labelledby="ten-title">
          <h2 id="ten-title">What has to happen to be a 10</h2>
          <ul className="stack">
            {o.toBeATen.map((a) => (
              <li key={a.id} className="card">
                <blockquote>{a.text}</blockquote>
                {a.improvementId ? (
                  <p>An improvement now.</p>
                ) : (
                  hasRole(session.user.role, 'manager') && <MakeImprovement id={a.id} onDone={refresh} />
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function AnswerForm({ onDone }: { onDone: () => void }) {
  const [score, setScore] = useState('');
  const [toBeATen, setToBeATen] = useState('');
  const [failure, setFailure] = useState<string>();
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await api('/api/v1/obsession/answers', { method: 'POST', body: { score: Number(score), ...(toBeATen.trim() ? { toBeATen } : {}) } });
      onDone();
    } catch (err) {
      setFailure(messageOf(err));
    }
  }
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="answer-title">
      <h2 id="answer-title">Your rating this quarter</h2>
      <p>Anonymous: your answer is stored without your name; Kept only remembers that you answered.</p>
      <SelectField
        label="From 0 to 10, how would you rate your company when it comes to customer obsession?"
        value={score}
        onChange={setScore}
        required
      >
        <option value="">Choose 0–10</option>
        {Array.from({ length: 11 }, (_, i) => 10 - i).map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </SelectField>
      <TextAreaField label="What has to happen to be a 10?" value={toBeATen} onChange={setToBeATen} maxLength={4000} />
      <button type="submit" className="button button-primary">
        Answer
      </button>
      {failure && <p role="alert">{failure}</p>}
    </form>
  );
}

function MakeImprovement({ id, onDone }: { id: string; onDone: () => void }) {
  const [title, setTitle] = useState('');
  const [failure, setFailure] = useState<string>();
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await api(`/api/v1/obsession/answers/${id}/improvement`, { method: 'POST', body: { title } });
      onDone();
    } catch (err) {
      setFailure(messageOf(err));
    }
  }
  return (
    <form onSubmit={(e) => void submit(e)}>
      <label>
        Improvement title <input className="input" required maxLength={300} value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>{' '}
      <button type="submit" className="button button-small">
        Make it an improvement
      </button>
      {failure && <p role="alert">{failure}</p>}
    </form>
  );
}
