// Earned Growth Rate: per month or quarter, EGR with NRR and ENC, the revenue and customers
// behind each part (each count opens the customers), the 95 % interval with its n, other
// currencies apart, and the method in words. Setup (currency, mappings) is on the same page.
import { useState } from 'react';
import type { GrowthCustomerPage, GrowthReport, GrowthSeries } from '../../../../contract/growth.ts';
import { api, messageOf } from '../../shared/api.ts';
import { useDocumentTitle, useLoad } from '../../shared/hooks.ts';
import { navigate, useLocation, withQuery } from '../../shared/router.tsx';
import { EmptyState, ErrorNotice, Loading, PageHeader } from '../../shared/states.tsx';
import { egrWords, intervalText, moneyText, percent } from './growth.ts';
import { GrowthSetup } from './growth-setup.tsx';

type Part = 'previous' | 'retained' | 'lost' | 'earned_new' | 'bought_new' | 'returning';
interface Drill {
  period: string;
  part: Part;
  currency: string;
  segmentValue: string | null;
  title: string;
}

export function GrowthPage() {
  useDocumentTitle('Earned Growth');
  const { path, params } = useLocation();
  const granularity = params.get('granularity') === 'month' ? 'month' : 'quarter';
  const segment = params.get('segment') ?? '';
  const query = { granularity, periods: granularity === 'month' ? 6 : 4, segment: segment || undefined };
  const { state, reload } = useLoad(`growth|${JSON.stringify(query)}`, (signal) =>
    api<GrowthReport>('/api/v1/reports/growth', { query, signal }),
  );
  const [drill, setDrill] = useState<Drill | null>(null);
  const set = (change: Record<string, string | undefined>) =>
    navigate(withQuery(path, { ...Object.fromEntries(params.entries()), ...change }), { replace: true });
  return (
    <div className="page">
      <PageHeader
        title="Earned Growth"
        description="Earned Growth Rate = net revenue retention + revenue from earned new customers − 100 %: growth that customers' loyalty and referrals produced."
      />
      <div className="filters">
        <div className="segmented" role="group" aria-label="Period">
          {(['quarter', 'month'] as const).map((g) => (
            <button key={g} type="button" className="segment" aria-pressed={granularity === g} onClick={() => set({ granularity: g })}>
              By {g}
            </button>
          ))}
        </div>
        <label className="filter-label">
          Segment by attribute{' '}
          <input
            className="input input-narrow-wide"
            defaultValue={segment}
            placeholder="e.g. plan"
            onBlur={(e) => set({ segment: e.target.value.trim() || undefined })}
          />
        </label>
      </div>
      {state.status === 'loading' && <Loading label="Loading Earned Growth…" />}
      {state.status === 'error' && <ErrorNotice message={messageOf(state.error)} onRetry={reload} />}
      {state.status === 'ready' && !state.data.reportingCurrency && (
        <EmptyState title="Set a reporting currency first">
          <p>Choose the currency EGR is reported in and map the events that carry money (below).</p>
        </EmptyState>
      )}
      {state.status === 'ready' &&
        [...state.data.series, ...state.data.otherCurrencies].map((s) => (
          <SeriesTable
            key={`${s.currency}|${s.segment ?? ''}`}
            series={s}
            reporting={s.currency === state.data.reportingCurrency}
            onDrill={setDrill}
          />
        ))}
      {state.status === 'ready' && state.data.unreadable.length > 0 && (
        <p className="notice" role="note">
          Left out of the ledger:{' '}
          {state.data.unreadable
            .map(
              (u) => `${u.events} ${u.eventType} (${u.reason === 'amount_not_found' ? 'no amount at the path' : 'currency not ISO 4217'})`,
            )
            .join('; ')}
          .
        </p>
      )}
      {drill && <DrillList drill={drill} granularity={granularity} segment={segment} onClose={() => setDrill(null)} />}
      {state.status === 'ready' && (
        <section className="card" aria-labelledby="growth-method">
          <h2 id="growth-method">How it is computed</h2>
          <p>{state.data.method}</p>
        </section>
      )}
      <GrowthSetup onSaved={reload} />
    </div>
  );
}

function SeriesTable({ series, reporting, onDrill }: { series: GrowthSeries; reporting: boolean; onDrill: (d: Drill) => void }) {
  const c = series.currency;
  const title = `${c}${series.segment !== null ? `, ${series.segment}` : ''}${reporting ? '' : ' (reported apart, not converted)'}`;
  return (
    <section className="card table-card" aria-label={title}>
      <h2 className="card-title">{title}</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Period</th>
            <th scope="col">EGR</th>
            <th scope="col">95 % interval (n)</th>
            <th scope="col">Last period’s customers</th>
            <th scope="col">Retained revenue</th>
            <th scope="col">Earned new</th>
            <th scope="col">Other new</th>
            <th scope="col">Returning</th>
          </tr>
        </thead>
        <tbody>
          {series.periods.map((p) => {
            const f = p.figures;
            const button = (part: Part, count: number, label: string) => (
              <button
                type="button"
                className="link-button"
                onClick={() =>
                  onDrill({ period: p.start, part, currency: c, segmentValue: series.segment, title: `${label}, ${p.label}, ${c}` })
                }
              >
                {count} customers
              </button>
            );
            return (
              <tr key={p.start}>
                <th scope="row">
                  {p.label}
                  {p.partial && <span className="field-hint"> (so far)</span>}
                </th>
                <td>{egrWords(f)}</td>
                <td>{f.interval ? `${intervalText(f.interval.egr)} (n = ${f.interval.n})` : '—'}</td>
                <td>
                  {moneyText(f.previousRevenue, c)}, {button('previous', f.previousCustomers, 'Last period’s customers')}
                </td>
                <td>
                  {moneyText(f.retainedRevenue, c)}, NRR {percent(f.nrr)}; {button('retained', f.retainedCustomers, 'Retained')};{' '}
                  {button('lost', f.previousCustomers - f.retainedCustomers, 'Lost')} lost
                </td>
                <td>
                  {moneyText(f.earnedNewRevenue, c)}, ENC {percent(f.enc)}; {button('earned_new', f.earnedNewCustomers, 'Earned new')}
                </td>
                <td>
                  {moneyText(f.boughtNewRevenue, c)}; {button('bought_new', f.boughtNewCustomers, 'Other new')}
                </td>
                <td>
                  {moneyText(f.returningRevenue, c)}; {button('returning', f.returningCustomers, 'Returning')}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function DrillList({ drill, granularity, segment, onClose }: { drill: Drill; granularity: string; segment: string; onClose: () => void }) {
  const [offset, setOffset] = useState(0);
  const query = {
    period: drill.period,
    granularity,
    part: drill.part,
    currency: drill.currency,
    segment: drill.segmentValue !== null ? segment : undefined,
    segmentValue: drill.segmentValue ?? undefined,
    offset,
    limit: 50,
  };
  const { state, reload } = useLoad(`growth-customers|${JSON.stringify(query)}`, (signal) =>
    api<GrowthCustomerPage>('/api/v1/reports/growth/customers', { query, signal }),
  );
  return (
    <section className="card table-card" aria-labelledby="growth-drill">
      <h2 id="growth-drill" className="card-title">
        {drill.title}
      </h2>
      <button type="button" className="button button-small" onClick={onClose}>
        Close
      </button>
      {state.status === 'loading' && <Loading label="Loading customers…" />}
      {state.status === 'error' && <ErrorNotice message={messageOf(state.error)} onRetry={reload} />}
      {state.status === 'ready' && (
        <>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col">Last period</th>
                <th scope="col">This period</th>
                <th scope="col">Earned</th>
              </tr>
            </thead>
            <tbody>
              {state.data.items.map((x) => (
                <tr key={x.customerId}>
                  <td>
                    <a href={`/customers/${x.customerId}`}>{x.name ?? x.email ?? x.externalId ?? x.customerId}</a>
                  </td>
                  <td>{moneyText(x.previousRevenue, drill.currency)}</td>
                  <td>{moneyText(x.revenue, drill.currency)}</td>
                  <td>{x.earned ? 'Referral or recommendation' : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="field-hint">
            {state.data.total} customers{offset > 0 && ` (from ${offset + 1})`}.{' '}
            {state.data.nextOffset !== null && (
              <button type="button" className="button button-small" onClick={() => setOffset(state.data.nextOffset!)}>
                Next 50
              </button>
            )}
          </p>
        </>
      )}
    </section>
  );
}
