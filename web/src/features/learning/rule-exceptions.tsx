// The front line's exceptions to a rule, newest first; a manager approves a pending one (over
// its agent's budget) here, in their own session: nobody approves their own.
import { useState } from 'react';
import { api, messageOf } from '../../shared/api.ts';
import { formatDateTime } from '../../shared/format.ts';
import { useLoad } from '../../shared/hooks.ts';
import { hasRole, useSession } from '../../shared/session.ts';
import { ErrorNotice, Loading } from '../../shared/states.tsx';
import type { RuleException } from '../../../../contract/learning.ts';

const statusWords: Record<RuleException['status'], string> = {
  within_budget: 'within budget',
  pending: 'waiting for a manager',
  approved: 'approved',
};

export function RuleExceptions({ ruleId, onChange }: { ruleId: string; onChange: () => void }) {
  const { session } = useSession();
  const { state, reload } = useLoad(`rule-exceptions:${ruleId}`, (signal) =>
    api<{ items: RuleException[] }>('/api/v1/rule-exceptions', { query: { ruleId }, signal }),
  );
  const [failure, setFailure] = useState<string>();
  if (state.status === 'loading') return <Loading label="Loading exceptions…" />;
  if (state.status === 'error') return <ErrorNotice message={messageOf(state.error)} onRetry={reload} />;
  const items = state.data.items;
  const manager = hasRole(session.user.role, 'manager');
  async function approve(id: string) {
    setFailure(undefined);
    try {
      await api(`/api/v1/rule-exceptions/${id}/approve`, { method: 'POST', body: {} });
      reload();
      onChange();
    } catch (err) {
      setFailure(messageOf(err));
    }
  }
  return (
    <section className="card" aria-labelledby="rule-exceptions">
      <h2 id="rule-exceptions">Exceptions ({items.length})</h2>
      {items.length === 0 && <p>Nobody has bent this rule yet.</p>}
      <ul>
        {items.map((x) => (
          <li key={x.id}>
            {formatDateTime(x.recordedAt)}: {x.what} ({x.why}) · {x.cost.amount.toFixed(2)} {x.cost.currency} ·{' '}
            <strong>{statusWords[x.status]}</strong>
            {x.status === 'pending' && manager && x.agentId !== session.user.id && (
              <>
                {' '}
                <button type="button" className="button" onClick={() => void approve(x.id)}>
                  Approve
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {failure && <p role="alert">{failure}</p>}
    </section>
  );
}
