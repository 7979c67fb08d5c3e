// A score over time, drawn with the shared Chart (uPlot): each period a point with its 95 %
// interval as a whisker, lines only between neighbouring periods that have a figure, and a gap
// with its n for a period with too few answers. The chart takes the keyboard and tells a screen
// reader each period; the same figures follow as a table, where each one opens the answers
// behind it.
import { useMemo } from 'react';
import { Chart, type ChartSeries } from '../../shared/charts/lazy-chart.tsx';
import {
  addDays,
  axisOf,
  formatBound,
  formatCount,
  formatDay,
  formatFigure,
  formatMonth,
  formatShortDay,
  intervalWords,
  kindTitle,
  minAnswers,
} from './scores.ts';
import type { Trend } from '../../shared/types.ts';
import { DrillButton, type DrillTarget } from './drill-down.tsx';

type Point = Trend['series'][number]['points'][number];

export const seriesColours = ['#4f46e5', '#0e7490', '#b45309', '#be185d', '#047857', '#7c3aed', '#475569', '#b91c1c'];

export function periodLabel(interval: Trend['interval'], p: Point): string {
  if (interval === 'month') return formatMonth(p.start);
  if (interval === 'week') return `Week of ${formatDay(p.start)}`;
  return formatDay(p.start);
}

const hasFigure = (p: Point) => p.enoughData && p.value !== null;

/** A score per period in words: the figure and its interval, or "not enough data", with n. */
export function pointWords(kind: Trend['kind'], p: Point): string {
  return hasFigure(p) && p.interval
    ? `${formatFigure(kind, p.value!)}, ${intervalWords(kind, p.interval)}, n = ${formatCount(p.n)}`
    : `not enough data (n = ${formatCount(p.n)}, fewer than ${minAnswers})`;
}

export function TrendChart({
  trend,
  seriesName,
  drillFor,
}: {
  trend: Trend;
  seriesName: (segmentValue: string | null) => string;
  drillFor: (series: Trend['series'][number], point: Point) => DrillTarget;
}) {
  const kind = trend.kind;
  const periods = trend.series[0]?.points ?? [];
  const count = periods.length;
  const seriesCount = trend.series.length;
  const labels = useMemo(
    () => periods.map((p) => (trend.interval === 'month' ? formatMonth(p.start) : formatShortDay(p.start))),
    [periods, trend.interval],
  );
  const series = useMemo<ChartSeries[]>(
    () =>
      trend.series.map((s, si) => ({
        label: seriesName(s.segmentValue),
        colour: seriesColours[si % seriesColours.length]!,
        values: s.points.map((p) => (hasFigure(p) ? p.value : null)),
        intervals: s.points.map((p) => (hasFigure(p) ? p.interval : null)),
        gaps: s.points.map((p) => (hasFigure(p) ? null : p.n)),
      })),
    // seriesName is a new function each render; the names follow the trend.
    [trend],
  );
  const y = useMemo(() => ({ ...axisOf(kind), format: (v: number) => formatBound(kind, v), zero: kind === 'nps' }), [kind]);

  const withFigure = trend.series.flatMap((s) => s.points.filter(hasFigure));
  const summary =
    `${kindTitle[kind]} by ${trend.interval} from ${formatDay(trend.from)} to ${formatDay(addDays(trend.to, -1))}: ` +
    `${count} periods${seriesCount > 1 ? ` for ${seriesCount} segments` : ''}, ${withFigure.length} with enough answers` +
    (withFigure.length
      ? `, from ${formatFigure(kind, Math.min(...withFigure.map((p) => p.value!)))} to ${formatFigure(kind, Math.max(...withFigure.map((p) => p.value!)))}.`
      : '.') +
    ' A period with fewer than ' +
    minAnswers +
    ' answers is a gap. The table below lists every figure.';
  const describe = (i: number) => ({
    heading: periodLabel(trend.interval, periods[i]!),
    lines: trend.series.map((s) => `${seriesCount > 1 ? `${seriesName(s.segmentValue)}: ` : ''}${pointWords(kind, s.points[i]!)}`),
  });

  return (
    <div className="trend">
      <Chart
        title={`${kindTitle[kind]} by ${trend.interval}`}
        summary={summary}
        labels={labels}
        series={series}
        y={y}
        describe={describe}
      />
      <ul className="trend-legend" aria-label="Legend">
        {trend.series.map((s, si) => (
          <li key={s.segmentValue ?? '(everyone)'}>
            <span className="legend-line" style={{ background: seriesColours[si % seriesColours.length] }} aria-hidden="true" />
            {seriesName(s.segmentValue)} <span className="muted">(n = {formatCount(s.n)})</span>
          </li>
        ))}
        <li>
          <span className="legend-whisker" aria-hidden="true" />
          95% interval
        </li>
        <li>
          <span className="legend-missing" aria-hidden="true" />A gap: not enough data (n &lt; {minAnswers}), its n on the axis
        </li>
      </ul>
      {withFigure.length === 0 && (
        <p className="field-hint">
          No {trend.interval} has {minAnswers} answers or more, so no point has a figure.{' '}
          {trend.interval === 'month' ? 'A longer period may show some.' : 'Points by month, or a longer period, may show some.'}
        </p>
      )}
      {trend.omittedSegments > 0 && (
        <p className="field-hint">
          {formatCount(trend.omittedSegments)} smaller segments are left out; the chart shows the 20 with the most answers.
        </p>
      )}
      <details className="trend-table">
        <summary>The figures as a table</summary>
        <TrendTable trend={trend} seriesName={seriesName} drillFor={drillFor} />
      </details>
    </div>
  );
}

function TrendTable({
  trend,
  seriesName,
  drillFor,
}: {
  trend: Trend;
  seriesName: (segmentValue: string | null) => string;
  drillFor: (series: Trend['series'][number], point: Point) => DrillTarget;
}) {
  const kind = trend.kind;
  const several = trend.series.length > 1;
  return (
    <div className="table-scroll">
      <table className="table table-compact">
        <caption className="visually-hidden">
          {kindTitle[kind]} by {trend.interval}
        </caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            {several && <th scope="col">Segment</th>}
            <th scope="col">{kindTitle[kind]}</th>
            <th scope="col">95% interval</th>
            <th scope="col">Answers (n)</th>
          </tr>
        </thead>
        <tbody>
          {trend.series.flatMap((s) =>
            s.points.map((p) => {
              const label = periodLabel(trend.interval, p);
              const target = drillFor(s, p);
              return (
                <tr key={`${s.segmentValue ?? ''}|${p.start}`}>
                  <th scope="row" className="row-head">
                    {label}
                  </th>
                  {several && <td>{seriesName(s.segmentValue)}</td>}
                  <td>
                    {p.enoughData && p.value !== null ? (
                      <DrillButton target={target} what={`the answers of ${label}`}>
                        {formatFigure(kind, p.value)}
                      </DrillButton>
                    ) : (
                      <span className="muted">Not enough data</span>
                    )}
                  </td>
                  <td>
                    {p.interval ? (
                      `${formatBound(kind, p.interval.low)} to ${formatBound(kind, p.interval.high)}`
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td>
                    {p.n > 0 ? (
                      <DrillButton target={target} what={`the ${formatCount(p.n)} answers of ${label}`}>
                        {formatCount(p.n)}
                      </DrillButton>
                    ) : (
                      '0'
                    )}
                  </td>
                </tr>
              );
            }),
          )}
        </tbody>
      </table>
    </div>
  );
}
