// The recovery report over time: per day, week or month, the share recovered within 24 hours
// (with its 95 % interval; a period with fewer than 30 cases of known outcome is a gap with its
// n), the breaches of the clock, and what restitution cost in each currency. Each chart has a
// sentence in plain words beside it, and every figure is in the table under them, where a number
// opens that period with its cases.
import { useMemo } from 'react';
import type { RecoveryTrend } from '../../../../../contract/recovery-trend.ts';
import { api, messageOf } from '../../../shared/api.ts';
import { Chart, type ChartSeries } from '../../../shared/charts/lazy-chart.tsx';
import { useLoad } from '../../../shared/hooks.ts';
import { Link } from '../../../shared/router.tsx';
import { ErrorNotice, Loading } from '../../../shared/states.tsx';
import { addDays, formatCount, formatFigure, formatMonth, formatShortDay, minAnswers, type Period } from '../../dashboard/scores.ts';
import { periodDays } from '../../dashboard/dashboard-filters.ts';
import { money } from './figure-format.ts';
import { percentAxis } from './figure-parts.tsx';
import { IntervalPicker } from '../../../shared/charts/interval-picker.tsx';
import { periodsWords, shareInWords } from './plain-words.ts';
import { periodIn, periodName, trendUnits, unitFor, type TrendUnit } from './trend-units.ts';

type Point = RecoveryTrend['points'][number];
const colours = { share: '#4f46e5', breaches: '#b91c1c', cost: '#0e7490' };

export function RecoveryTrendSection({
  query,
  period,
  unitParam,
  setUnit,
  periodLink,
}: {
  query: Record<string, string | undefined>;
  period: Period;
  unitParam: string | null;
  setUnit: (u: TrendUnit) => void;
  /** the page for one period, with the list of a bucket's cases open */
  periodLink: (p: Point, bucket: string) => string;
}) {
  const days = periodDays(period);
  const unit = unitFor(unitParam, days);
  const q = { ...query, interval: unit };
  const trend = useLoad(`recovery-trend|${JSON.stringify(q)}`, (signal) =>
    api<RecoveryTrend>('/api/v1/reports/recovery/trend', { query: q, signal }),
  );
  return (
    <section className="card dashboard-section" aria-labelledby="recovery-trend-heading">
      <div className="section-head section-head-wrap">
        <h2 id="recovery-trend-heading">Over time</h2>
        <IntervalPicker units={trendUnits} days={days} value={unit} onChange={setUnit} />
      </div>
      {trend.state.status === 'loading' && <Loading label="Loading the report over time…" />}
      {trend.state.status === 'error' && <ErrorNotice message={messageOf(trend.state.error)} onRetry={trend.reload} />}
      {trend.state.status === 'ready' && <TrendCharts t={trend.state.data} periodLink={periodLink} />}
    </section>
  );
}

const shortLabel = (unit: TrendUnit, start: string) =>
  unit === 'month' ? formatMonth(start.slice(0, 10)) : formatShortDay(start.slice(0, 10));

function TrendCharts({ t, periodLink }: { t: RecoveryTrend; periodLink: (p: Point, bucket: string) => string }) {
  const unit = t.interval;
  const points = t.points;
  const labels = useMemo(() => points.map((p) => shortLabel(unit, p.start)), [points, unit]);
  const name = (p: Point) => periodName(unit, p.start);
  const share = useMemoSeries(points);
  const opened = points.reduce((a, p) => a + p.opened.n, 0);
  if (opened === 0) return <p className="muted empty-inline">No case in this period.</p>;

  const withShare = points.filter((p) => p.within24h.enoughData && p.within24h.value !== null);
  const lastShare = withShare.at(-1);
  const breaches = points.reduce((a, p) => a + p.breached.n, 0);
  const worst = points.reduce<Point | undefined>((w, p) => (p.breached.n > (w?.breached.n ?? 0) ? p : w), undefined);

  return (
    <>
      <div className="trend-grid">
        <figure className="trend-figure">
          <figcaption>
            <h3 className="subsection-title">Recovered within 24 hours</h3>
            <p className="plain-words">
              {lastShare
                ? `${capital(shareInWords(lastShare.within24h.value!))} of the cases of ${name(lastShare)} (${formatFigure(percentAxis, lastShare.within24h.value!)}) were recovered within a day, probably between ${formatFigure(percentAxis, lastShare.within24h.interval!.low)} and ${formatFigure(percentAxis, lastShare.within24h.interval!.high)}. `
                : ''}
              {periodsWords(withShare.length, points.length, unit)} had the {minAnswers} cases with a known outcome a share needs; the
              others are gaps, with their n.
            </p>
          </figcaption>
          <Chart
            title={`Share of cases recovered within 24 hours, by ${unit}`}
            summary={`${periodsWords(withShare.length, points.length, unit)} have a share. ${withShare
              .map((p) => `${name(p)}: ${formatFigure(percentAxis, p.within24h.value!)}`)
              .join('; ')}`}
            labels={labels}
            series={share}
            y={percentScale}
            describe={(i) => ({ heading: name(points[i]!), lines: shareLines(points[i]!) })}
            height={220}
          />
        </figure>
        <figure className="trend-figure">
          <figcaption>
            <h3 className="subsection-title">Breaches of the clock</h3>
            <p className="plain-words">
              {breaches === 0
                ? `No case breached its clock in these ${formatCount(opened)} cases.`
                : `${formatCount(breaches)} of ${formatCount(opened)} cases (${Math.round((100 * breaches) / opened)}%) ran past their target unrecovered; the most ${periodIn(unit, worst!.start)} (${formatCount(worst!.breached.n)}).`}
            </p>
          </figcaption>
          <CountChart points={points} labels={labels} unit={unit} />
        </figure>
        {t.currencies.map((currency, ci) => (
          <CostChart key={currency} points={points} labels={labels} unit={unit} currency={currency} index={ci} />
        ))}
      </div>
      <details className="trend-table">
        <summary>The figures as a table</summary>
        <TrendTable t={t} periodLink={periodLink} />
      </details>
    </>
  );
}

const capital = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}`;
const percentScale = { min: 0, max: 100, format: (v: number) => `${Math.round(v)}%` };
const countScale = { min: 0, format: (v: number) => (Number.isInteger(v) ? formatCount(v) : '') };

function useMemoSeries(points: Point[]): ChartSeries[] {
  return useMemo(
    () => [
      {
        label: 'Within 24 hours',
        colour: colours.share,
        values: points.map((p) => (p.within24h.enoughData ? p.within24h.value : null)),
        intervals: points.map((p) => (p.within24h.enoughData ? p.within24h.interval : null)),
        gaps: points.map((p) => (p.within24h.enoughData ? null : p.within24h.n)),
      },
    ],
    [points],
  );
}

function shareLines(p: Point): string[] {
  const s = p.within24h;
  const head =
    s.enoughData && s.value !== null && s.interval
      ? `${formatFigure(percentAxis, s.value)} within 24 hours, 95% interval ${formatFigure(percentAxis, s.interval.low)} to ${formatFigure(percentAxis, s.interval.high)}`
      : `not enough data (n = ${formatCount(s.n)}, fewer than ${minAnswers})`;
  return [head, `${formatCount(s.within)} in time, ${formatCount(s.missed)} missed, ${formatCount(s.pending)} pending`];
}

function CountChart({ points, labels, unit }: { points: Point[]; labels: string[]; unit: TrendUnit }) {
  const series = useMemo<ChartSeries[]>(
    () => [{ label: 'Breaches', colour: colours.breaches, values: points.map((p) => p.breached.n), bars: true }],
    [points],
  );
  return (
    <Chart
      title={`Breaches of the clock, by ${unit}`}
      summary={points.map((p) => `${periodName(unit, p.start)}: ${p.breached.n}`).join('; ')}
      labels={labels}
      series={series}
      y={countScale}
      describe={(i) => ({
        heading: periodName(unit, points[i]!.start),
        lines: [`${formatCount(points[i]!.breached.n)} breached of ${formatCount(points[i]!.opened.n)} cases opened`],
      })}
      height={200}
    />
  );
}

function CostChart({
  points,
  labels,
  unit,
  currency,
  index,
}: {
  points: Point[];
  labels: string[];
  unit: TrendUnit;
  currency: string;
  index: number;
}) {
  const of = (p: Point) => p.restitution[index]!;
  const series = useMemo<ChartSeries[]>(
    () => [
      { label: `Restitution in ${currency}`, colour: colours.cost, values: points.map((p) => p.restitution[index]!.total), bars: true },
    ],
    [points, currency, index],
  );
  const y = useMemo(() => ({ min: 0, format: (v: number) => money(v, currency).replace(/\.00$/, '') }), [currency]);
  const total = points.reduce((a, p) => a + of(p).total, 0);
  const count = points.reduce((a, p) => a + of(p).count, 0);
  const top = points.reduce((w, p) => (of(p).total > of(w).total ? p : w), points[0]!);
  return (
    <figure className="trend-figure">
      <figcaption>
        <h3 className="subsection-title">Restitution cost in {currency}</h3>
        <p className="plain-words">
          {money(total, currency)} in {formatCount(count)} restitution{count === 1 ? '' : 's'}, about{' '}
          {money(count ? total / count : 0, currency)} each; the most {periodIn(unit, top.start)} ({money(of(top).total, currency)}).
        </p>
      </figcaption>
      <Chart
        title={`Restitution cost in ${currency}, by ${unit}`}
        summary={points.map((p) => `${periodName(unit, p.start)}: ${money(of(p).total, currency)}`).join('; ')}
        labels={labels}
        series={series}
        y={y}
        describe={(i) => ({
          heading: periodName(unit, points[i]!.start),
          lines: [`${money(of(points[i]!).total, currency)} in ${formatCount(of(points[i]!).count)} restitutions`],
        })}
        height={200}
      />
    </figure>
  );
}

function TrendTable({ t, periodLink }: { t: RecoveryTrend; periodLink: (p: Point, bucket: string) => string }) {
  const cell = (p: Point, n: number, bucket: string, what: string) =>
    n === 0 ? (
      '0'
    ) : (
      <Link to={periodLink(p, bucket)} className="drill">
        {formatCount(n)}
        <span className="visually-hidden">
          {' '}
          — show the {what} of {periodName(t.interval, p.start)}
        </span>
      </Link>
    );
  return (
    <div className="table-scroll">
      <table className="table table-compact">
        <caption className="visually-hidden">The recovery report by {t.interval}</caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            <th scope="col">Cases</th>
            <th scope="col">Within 24 hours</th>
            <th scope="col">Breaches</th>
            {t.currencies.map((c) => (
              <th key={c} scope="col">
                Restitution ({c})
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {t.points.map((p) => (
            <tr key={p.start}>
              <th scope="row" className="row-head">
                {periodName(t.interval, p.start)}
              </th>
              <td>{cell(p, p.opened.n, 'opened', 'cases')}</td>
              <td>
                {p.within24h.enoughData && p.within24h.value !== null ? (
                  formatFigure(percentAxis, p.within24h.value)
                ) : (
                  <span className="muted">n = {formatCount(p.within24h.n)}</span>
                )}
              </td>
              <td>{cell(p, p.breached.n, 'breached', 'breached cases')}</td>
              {p.restitution.map((r) => (
                <td key={r.currency}>{r.count ? money(r.total, r.currency) : '—'}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The last day a period includes, for a link that opens that period. */
export const lastDayOf = (p: Point) => addDays(p.end.slice(0, 10), -1);
