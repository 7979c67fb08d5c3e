// One rule: its text and versions, its review with the evidence (the customers' own words, the
// exceptions, the cost, their answers to the review's question), and the review's actions: send
// to review, ask the customers, keep, change or trash, then tell the customers who raised it.
import { useState, type FormEvent } from 'react';
import { api, ApiError, messageOf } from '../../shared/api.ts';
import { ErrorNotice, Loading, PageHeader } from '../../shared/states.tsx';
import { formatDate } from '../../shared/format.ts';
import { useDocumentTitle, useLoad } from '../../shared/hooks.ts';
import { Link } from '../../shared/router.tsx';
import { hasRole, useSession } from '../../shared/session.ts';
import type { Evidence } from '../../../../contract/learning-review.ts';
import type { Rule } from '../../../../contract/learning.ts';
import { money } from './period.ts';
import { ImprovementNotice } from './improvement-notice.tsx';
import { ReviewQuestionSection } from './review-question.tsx';
import { RuleExceptions } from './rule-exceptions.tsx';

export function RulePage({ id }: { id: string }) {
  const { session } = useSession();
  const { state, reload } = useLoad(`rule:${id}`, async (signal) => {
    const rule = await api<Rule>(`/api/v1/rules/${id}`, { signal });
    const evidence = await api<Evidence>(`/api/v1/rules/${id}/review`, { signal }).catch((e: unknown) => {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    });
    return { rule, evidence };
  });
  useDocumentTitle(state.status === 'ready' ? state.data.rule.name : 'Rule');
  const back = <Link to="/rules">← Rules</Link>;
  if (state.status === 'loading') return <Loading label="Loading rule…" />;
  if (state.status === 'error') return <ErrorNotice message={messageOf(state.error)} onRetry={reload} />;
  const { rule, evidence } = state.data;
  const open = evidence?.review.status === 'open';
  const manager = hasRole(session.user.role, 'manager');
  return (
    <div className="page">
      {back}
      <PageHeader title={rule.name} description={`Version ${rule.version} · ${rule.status.replace('_', ' ')}`} />
      <section className="card" aria-labelledby="rule-text">
        <h2 id="rule-text">The rule</h2>
        <p>{rule.text}</p>
        {rule.why && <p>Why: {rule.why}</p>}
        <details>
          <summary>{rule.versions?.length ?? 1} versions</summary>
          <ol>
            {rule.versions?.map((v) => (
              <li key={v.version}>
                {formatDate(v.at)}: {v.text} {v.reason && <em>({v.reason})</em>}
              </li>
            ))}
          </ol>
        </details>
      </section>
      {evidence && (
        <section className="card" aria-labelledby="review">
          <h2 id="review">
            Review {open ? `due ${formatDate(evidence.review.dueAt)}` : `closed: ${evidence.review.outcome}`}
            {evidence.review.overdue && ' (overdue)'}
          </h2>
          {evidence.review.reason && <p>Reason: {evidence.review.reason}</p>}
          <p>
            {evidence.friction.length} items · {evidence.exceptions.length} exceptions · {evidence.customers} customers · cost{' '}
            {money(evidence.cost)}
          </p>
          <h3>In the customers’ words</h3>
          <ul>
            {evidence.friction.map((f) => (
              <li key={f.id}>
                <blockquote>{f.words ?? '(no words)'}</blockquote> <small>{f.kind}</small>
              </li>
            ))}
          </ul>
          <ReviewQuestionSection ruleId={rule.id} evidence={evidence} canAsk={manager} onDone={reload} />
          {open && <CloseReview ruleId={rule.id} onDone={reload} />}
          {evidence.review.improvementId && <ImprovementNotice id={evidence.review.improvementId} canTell={manager} />}
        </section>
      )}
      <RuleExceptions ruleId={rule.id} onChange={reload} />
      {!open && rule.status !== 'trashed' && manager && <SendToReview ruleId={rule.id} onDone={reload} />}
    </div>
  );
}

function SendToReview({ ruleId, onDone }: { ruleId: string; onDone: () => void }) {
  const [failure, setFailure] = useState<string>();
  const [due, setDue] = useState('');
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await api(`/api/v1/rules/${ruleId}/review`, { method: 'POST', body: { dueAt: new Date(due).toISOString() } });
      onDone();
    } catch (err) {
      setFailure(messageOf(err));
    }
  }
  return (
    <form className="card" onSubmit={(e) => void submit(e)}>
      <h2>Send to review</h2>
      <label>
        Due <input type="date" required value={due} onChange={(e) => setDue(e.target.value)} />
      </label>
      <button className="button button-primary">Send to review</button>
      {failure && <p role="alert">{failure}</p>}
    </form>
  );
}

function CloseReview({ ruleId, onDone }: { ruleId: string; onDone: () => void }) {
  const [outcome, setOutcome] = useState<'keep' | 'change' | 'trash'>('keep');
  const [reason, setReason] = useState('');
  const [newText, setNewText] = useState('');
  const [failure, setFailure] = useState<string>();
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      const body = { outcome, reason, ...(outcome === 'change' ? { newText } : {}) };
      await api(`/api/v1/rules/${ruleId}/review/close`, { method: 'POST', body });
      onDone();
    } catch (err) {
      setFailure(messageOf(err));
    }
  }
  return (
    <form onSubmit={(e) => void submit(e)}>
      <h3>End the review</h3>
      <fieldset>
        <legend>Outcome</legend>
        {(['keep', 'change', 'trash'] as const).map((o) => (
          <label key={o}>
            <input type="radio" name="outcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} /> {o}
          </label>
        ))}
      </fieldset>
      {outcome === 'change' && (
        <label>
          New text <textarea required value={newText} onChange={(e) => setNewText(e.target.value)} />
        </label>
      )}
      <label>
        Reason <textarea required value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <button className="button button-primary">End review</button>
      {failure && <p role="alert">{failure}</p>}
    </form>
  );
}
