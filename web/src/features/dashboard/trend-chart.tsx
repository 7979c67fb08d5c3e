// A score over time, drawn in inline SVG: each period a point with its 95 % interval as a
// whisker, lines only between neighbouring periods that have a figure, and an open marker on the
// axis for a period with too few answers. The same figures follow as a table, where each one
// opens the answers behind it; the chart itself is a picture of that table.
import { useEffect, useId, useRef, useState } from 'react';
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

function useWidth<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

const margin = { top: 14, right: 16, bottom: 30, left: 46 };
const height = 260;

export function TrendChart({
  trend,
  seriesName,
  drillFor,
}: {
  trend: Trend;
  seriesName: (segmentValue: string | null) => string;
  drillFor: (series: Trend['series'][number], point: Point) => DrillTarget;
}) {
  const [box, width] = useWidth<HTMLDivElement>();
  const id = useId();
  const kind = trend.kind;
  const { min, max } = axisOf(kind);
  const periods = trend.series[0]?.points ?? [];
  const count = periods.length;
  const plotW = Math.max(0, width - margin.left - margin.right);
  const plotH = height - margin.top - margin.bottom;
  const slot = count ? plotW / count : 0;
  const x = (i: number) => margin.left + (i + 0.5) * slot;
  const y = (v: number) => margin.top + ((max - Math.min(max, Math.max(min, v))) / (max - min)) * plotH;
  const ticks = kind === 'nps' ? [-100, -50, 0, 50, 100] : [0, 25, 50, 75, 100];
  const labelEvery = Math.max(1, Math.ceil(count / Math.max(1, Math.floor(plotW / 90))));
  const shortLabel = (p: Point) => (trend.interval === 'month' ? formatMonth(p.start) : formatShortDay(p.start));
  const seriesCount = trend.series.length;
  const spread = Math.min(7, slot / (seriesCount + 1));
  const cap = Math.max(2, Math.min(5, slot / 3));

  const withFigure = trend.series.flatMap((s) => s.points.filter((p) => p.enoughData && p.value !== null));
  const summary =
    `${kindTitle[kind]} by ${trend.interval} from ${formatDay(trend.from)} to ${formatDay(addDays(trend.to, -1))}: ` +
    `${count} periods${seriesCount > 1 ? ` for ${seriesCount} segments` : ''}, ${withFigure.length} with enough answers` +
    (withFigure.length
      ? `, from ${formatFigure(kind, Math.min(...withFigure.map((p) => p.value!)))} to ${formatFigure(kind, Math.max(...withFigure.map((p) => p.value!)))}.`
      : '.') +
    ' The table below lists every figure.';

  return (
    <div className="trend">
      <div ref={box} className="trend-box">
        {width > 0 && (
          <svg width={width} height={height} role="img" aria-labelledby={`${id}-t ${id}-d`} className="trend-svg">
            <title id={`${id}-t`}>{`${kindTitle[kind]} trend`}</title>
            <desc id={`${id}-d`}>{summary}</desc>
            {ticks.map((t) => (
              <g key={t}>
                <line
                  x1={margin.left}
                  x2={width - margin.right}
                  y1={y(t)}
                  y2={y(t)}
                  className={t === 0 && kind === 'nps' ? 'trend-grid trend-grid-zero' : 'trend-grid'}
                />
                <text x={margin.left - 8} y={y(t)} className="trend-tick" textAnchor="end" dominantBaseline="middle">
                  {formatBound(kind, t)}
                </text>
              </g>
            ))}
            {periods.map((p, i) =>
              i % labelEvery === 0 ? (
                <text key={p.start} x={x(i)} y={height - 8} className="trend-tick" textAnchor="middle">
                  {shortLabel(p)}
                </text>
              ) : null,
            )}
            {trend.series.map((s, si) => {
              const colour = seriesColours[si % seriesColours.length]!;
              const dx = (si - (seriesCount - 1) / 2) * spread;
              const segments: string[] = [];
              let current = '';
              s.points.forEach((p, i) => {
                if (p.enoughData && p.value !== null) current += `${current ? 'L' : 'M'}${x(i) + dx},${y(p.value)}`;
                else if (current) {
                  segments.push(current);
                  current = '';
                }
              });
              if (current) segments.push(current);
              return (
                <g key={s.segmentValue ?? '(everyone)'} className="trend-series">
                  {segments.map((d) => (
                    <path key={d} d={d} fill="none" stroke={colour} strokeWidth={2} strokeLinejoin="round" />
                  ))}
                  {s.points.map((p, i) => {
                    const cx = x(i) + dx;
                    const tip = `${seriesName(s.segmentValue)}, ${periodLabel(trend.interval, p)}: ${
                      p.enoughData && p.value !== null && p.interval
                        ? `${formatFigure(kind, p.value)}, ${intervalWords(kind, p.interval)}`
                        : `not enough data`
                    }, n = ${formatCount(p.n)}`;
                    if (!(p.enoughData && p.value !== null && p.interval)) {
                      return (
                        <circle key={p.start} cx={cx} cy={margin.top + plotH} r={3} className="trend-missing" stroke={colour}>
                          <title>{tip}</title>
                        </circle>
                      );
                    }
                    return (
                      <g key={p.start}>
                        <title>{tip}</title>
                        <line x1={cx} x2={cx} y1={y(p.interval.low)} y2={y(p.interval.high)} stroke={colour} strokeWidth={1.5} />
                        <line x1={cx - cap} x2={cx + cap} y1={y(p.interval.low)} y2={y(p.interval.low)} stroke={colour} strokeWidth={1.5} />
                        <line
                          x1={cx - cap}
                          x2={cx + cap}
                          y1={y(p.interval.high)}
                          y2={y(p.interval.high)}
                          stroke={colour}
                          strokeWidth={1.5}
                        />
                        <circle cx={cx} cy={y(p.value)} r={3.5} fill={colour} stroke="#fff" strokeWidth={1.5} />
                      </g>
                    );
                  })}
                </g>
              );
            })}
          </svg>
        )}
      </div>
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
          <span className="legend-missing" aria-hidden="true" />
          On the axis: not enough data (n &lt; {minAnswers})
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
