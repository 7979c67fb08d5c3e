// The register of rules with the friction ranking of the last 30 days: the rules that cause the
// most friction rise to the top, so the leadership knows which to review first.
import { api } from '../../shared/api.ts';
import { EmptyState, ErrorNotice, Loading, PageHeader } from '../../shared/states.tsx';
import { useDocumentTitle, useLoad } from '../../shared/hooks.ts';
import { messageOf } from '../../shared/api.ts';
import { Link } from '../../shared/router.tsx';
import type { Ranking } from '../../../../contract/learning-review.ts';
import type { Rule } from '../../../../contract/learning.ts';
import { customersWords, lastDays, money, trendWords } from './period.ts';
import { Tip } from '../../shared/tip/tip.tsx';

const statusWords: Record<Rule['status'], string> = {
  in_force: 'In force',
  under_review: 'Under review',
  changed: 'Changed',
  trashed: 'Trashed',
};

export function RulesPage() {
  useDocumentTitle('Rules');
  const { state, reload } = useLoad('rules', async (signal) => {
    const period = lastDays(Date.now(), 30);
    const [rules, ranking] = await Promise.all([
      api<{ items: Rule[] }>('/api/v1/rules', { signal }),
      api<Ranking>('/api/v1/rules/ranking', { query: period, signal }),
    ]);
    return { rules: rules.items, ranking };
  });
  return (
    <div className="page">
      <PageHeader title="Rules" description="The register of policies, and the friction each caused in the last 30 days: worst first." />
      {state.status === 'loading' && <Loading label="Loading rules…" />}
      {state.status === 'error' && <ErrorNotice message={messageOf(state.error)} onRetry={reload} />}
      {state.status === 'ready' && state.data.rules.length === 0 && (
        <EmptyState title="No rules yet">
          <p>Add the policies your front line applies (POST /api/v1/rules), then tag the complaints they cause.</p>
        </EmptyState>
      )}
      {state.status === 'ready' && state.data.rules.length > 0 && <RulesTable rules={state.data.rules} ranking={state.data.ranking} />}
    </div>
  );
}

function RulesTable({ rules, ranking }: { rules: Rule[]; ranking: Ranking }) {
  const rows = new Map(ranking.items.map((r) => [r.ruleId, r]));
  const ordered = [
    ...ranking.items.map((r) => rules.find((x) => x.id === r.ruleId)!).filter(Boolean),
    ...rules.filter((r) => !rows.has(r.id)),
  ];
  const estimate = ranking.items.find((r) => r.figures.customersEstimated);
  const estimated = estimate && customersWords(estimate.figures).hint;
  return (
    <div className="card table-card">
      <table className="table">
        <caption className="visually-hidden">Rules by friction, worst first</caption>
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">Status</th>
            <th scope="col">Friction</th>
            <th scope="col">Complaints</th>
            <th scope="col">Exceptions</th>
            <th scope="col">Customers</th>
            <th scope="col">Cost</th>
            <th scope="col">Trend</th>
          </tr>
        </thead>
        <tbody>
          {ordered.map((rule) => {
            const r = rows.get(rule.id);
            return (
              <tr key={rule.id} className="row-link">
                <td>
                  <Link to={`/rules/${rule.id}`} className="row-link-target">
                    {rule.name}
                  </Link>
                </td>
                <td>{statusWords[rule.status]}</td>
                <td>{r?.friction ?? 0}</td>
                <td>{r?.figures.complaints ?? 0}</td>
                <td>{r?.figures.exceptions ?? 0}</td>
                <td>{r ? <Customers figures={r.figures} /> : 0}</td>
                <td>{money(r?.figures.cost ?? 0)}</td>
                <td>{trendWords(r?.trend ?? 0)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {estimated && (
        <p className="table-note">
          <small>≈ {estimated}: the period holds too many items to count every customer one by one.</small>
        </p>
      )}
    </div>
  );
}

function Customers({ figures }: { figures: Ranking['items'][number]['figures'] }) {
  const { text, hint } = customersWords(figures);
  if (!hint) return <>{text}</>;
  return (
    <Tip text={hint}>
      <span>{text}</span>
    </Tip>
  );
}
