// The dashboard's trend: the chosen kind's score by day, week or month, one line per segment
// value when split.
import { api, messageOf } from '../../shared/api.ts';
import { type DrillTarget } from './drill-down.tsx';
import { ErrorNotice, Loading } from '../../shared/states.tsx';
import { periodLabel, TrendChart } from './trend-chart.tsx';
import { useLoad } from '../../shared/hooks.ts';
import { kindTitle } from './scores.ts';
import type { Trend } from '../../shared/types.ts';
import { type Filters, baseQuery, intervals, periodDays, responsesUrl } from './dashboard-filters.ts';
import { IntervalPicker } from '../../shared/charts/interval-picker.tsx';

export function TrendSection({
  f,
  context,
  setParams,
}: {
  f: Filters;
  context: string;
  setParams: (change: Record<string, string | undefined>) => void;
}) {
  const split = f.split && !!f.segment;
  const query = { ...baseQuery(f), kind: f.kind, interval: f.interval, segment: split ? f.segment : undefined };
  const trend = useLoad(`trend|${JSON.stringify(query)}`, (signal) => api<Trend>('/api/v1/metrics/trend', { query, signal }));
  const days = periodDays(f.period);
  const seriesName = (v: string | null) => (v === null ? 'Everyone' : `${f.segment}: ${v}`);
  const drillFor = (s: Trend['series'][number], p: Trend['series'][number]['points'][number]): DrillTarget => ({
    title: `${kindTitle[f.kind]} answers, ${periodLabel(f.interval, p)}${s.segmentValue !== null ? `, ${f.segment}: ${s.segmentValue}` : ''}`,
    description: context,
    url: responsesUrl(
      f,
      f.kind,
      { from: p.start, to: p.end },
      s.segmentValue !== null && f.segment ? { attribute: f.segment, value: s.segmentValue } : undefined,
    ),
    count: p.n,
  });

  return (
    <section className="card dashboard-section" aria-labelledby="trend-heading">
      <div className="section-head section-head-wrap">
        <h2 id="trend-heading">{kindTitle[f.kind]} over time</h2>
        <div className="section-tools">
          <IntervalPicker units={intervals} days={days} value={f.interval} onChange={(interval) => setParams({ interval })} />
          {f.segment && (
            <label className="checkbox">
              <input type="checkbox" checked={split} onChange={(e) => setParams({ split: e.target.checked ? 'true' : undefined })} />
              <span>One line per {f.segment}</span>
            </label>
          )}
        </div>
      </div>
      {trend.state.status === 'loading' && <Loading label="Loading trend…" />}
      {trend.state.status === 'error' && <ErrorNotice message={messageOf(trend.state.error)} onRetry={trend.reload} />}
      {trend.state.status === 'ready' &&
        (trend.state.data.series.length === 0 || trend.state.data.series.every((s) => s.n === 0) ? (
          <p className="muted empty-inline">No {kindTitle[f.kind]} answers in this period.</p>
        ) : (
          <TrendChart trend={trend.state.data} seriesName={seriesName} drillFor={drillFor} />
        ))}
    </section>
  );
}
