// The EGR tile on the dashboard, beside NPS: the latest quarter that has ended, with its interval
// and a link to the Earned Growth page. Nothing when no reporting currency is set.
import type { GrowthReport } from '../../../../contract/growth.ts';
import { api } from '../../shared/api.ts';
import { useLoad } from '../../shared/hooks.ts';
import { Link } from '../../shared/router.tsx';
import { intervalText, latestComplete, percent } from './growth.ts';

export function GrowthTile() {
  const { state } = useLoad('growth-tile', (signal) =>
    api<GrowthReport>('/api/v1/reports/growth', { query: { granularity: 'quarter', periods: 2 }, signal }),
  );
  if (state.status !== 'ready' || !state.data.reportingCurrency) return null;
  const everyone = state.data.series[0];
  const p = everyone && latestComplete(everyone.periods);
  if (!p) return null;
  const f = p.figures;
  return (
    <section className="card score-card" aria-label="Earned Growth Rate">
      <header className="score-card-head">
        <h2 className="score-card-title">EGR</h2>
      </header>
      {f.egr === null ? <p className="score-figure score-missing">No figure yet</p> : <p className="score-figure">{percent(f.egr)}</p>}
      <p className="score-meaning">
        {f.egr === null
          ? `${p.label}: the rate needs revenue in the quarter before to grow from, and there was none.`
          : `${p.label}, ${everyone!.currency}: NRR ${percent(f.nrr)} + earned new ${percent(f.enc)} − 100 %; 95 % interval ${intervalText(f.interval?.egr ?? null)}, n = ${f.interval?.n ?? 0}.`}
      </p>
      <Link to="/reports/growth">How it is made up</Link>
    </section>
  );
}
