// A chart of figures per period, drawn by uPlot (canvas; chosen by size, see docs/charts.md),
// with what uPlot leaves out: a tooltip for the period under the pointer or the keyboard, keyboard
// access (Tab to the chart, arrows between periods, Home and End, Escape), and a screen-reader
// name, description and announcement of the period reached. A line leaves a gap for a period
// without a figure; draw.ts adds 95 % intervals as whiskers and the n of each gap.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { drawMarks, type ChartSeries } from './draw.ts';

export type { ChartSeries } from './draw.ts';

export interface ChartProps {
  /** the chart's accessible name, e.g. "NPS by week" */
  title: string;
  /** what it shows, in a sentence or two: the screen reader's description */
  summary: string;
  /** short labels of the periods, for the axis */
  labels: string[];
  series: ChartSeries[];
  y: { min?: number; max?: number; format: (v: number) => string; zero?: boolean };
  /** the tooltip (and announcement) of period i: a heading and its lines */
  describe: (i: number) => { heading: string; lines: string[] };
  height?: number;
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

const axisColour = '#52525b';
const gridColour = '#ececf1';

/** The period indices to label so labels do not overlap (about one per 72 px). */
export function labelEvery(count: number, plotWidth: number): number {
  return Math.max(1, Math.ceil(count / Math.max(1, Math.floor(plotWidth / 72))));
}

export function Chart({ title, summary, labels, series, y, describe, height = 260 }: ChartProps) {
  const [box, width] = useWidth<HTMLDivElement>();
  const mount = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const id = useId();
  const [active, setActive] = useState<number | null>(null);
  const [tipAt, setTipAt] = useState<{ left: number; top: number; flip: boolean } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const count = labels.length;

  useEffect(() => {
    const el = mount.current;
    if (!el || width === 0) return;
    const font = `11px ${getComputedStyle(document.body).fontFamily}`;
    const bars = series.some((s) => s.bars);
    const opts: uPlot.Options = {
      width,
      height,
      legend: { show: false },
      cursor: { drag: { x: false, y: false, setScale: false }, y: false, points: { size: 8 } },
      scales: {
        x: { time: false, range: () => [-0.5, count - 0.5] },
        y: { range: (_u, lo, hi) => [y.min ?? Math.min(0, lo), y.max ?? (hi > 0 ? hi * 1.1 : 1)] },
      },
      axes: [
        {
          stroke: axisColour,
          font,
          grid: { show: false },
          ticks: { show: false },
          splits: (u) => {
            const every = labelEvery(count, u.bbox.width / uPlot.pxRatio);
            return labels.map((_, i) => i).filter((i) => i % every === 0);
          },
          values: (_u, splits) => splits.map((i) => labels[i] ?? ''),
        },
        {
          stroke: axisColour,
          font,
          size: 50,
          grid: { stroke: gridColour, width: 1 },
          ticks: { show: false },
          values: (_u, splits) => splits.map((v) => y.format(v)),
        },
      ],
      series: [
        {},
        ...series.map<uPlot.Series>((s) => ({
          label: s.label,
          stroke: s.colour,
          width: s.bars ? 0 : 2,
          fill: s.bars ? s.colour : undefined,
          spanGaps: false,
          points: { show: !s.bars, size: 9, fill: s.colour, stroke: '#fff', width: 1 },
          paths: s.bars ? uPlot.paths.bars!({ size: [bars && series.length > 1 ? 0.8 / series.length : 0.6, 56] }) : undefined,
        })),
      ],
      hooks: {
        draw: [(u) => drawMarks(u, series, y.zero ?? false)],
        setCursor: [
          (u) => {
            const i = u.cursor.idx;
            setActive(i ?? null);
            if (i === null || i === undefined) return setTipAt(null);
            const x = u.valToPos(i, 'x');
            const plotWidth = u.bbox.width / uPlot.pxRatio;
            setTipAt({ left: u.over.offsetLeft + x, top: u.over.offsetTop + 6, flip: x > plotWidth / 2 });
          },
        ],
      },
    };
    const data: uPlot.AlignedData = [labels.map((_, i) => i), ...series.map((s) => s.values)];
    const u = new uPlot(opts, data, el);
    plot.current = u;
    return () => {
      u.destroy();
      plot.current = null;
    };
  }, [width, height, labels, series, y, count]);

  function move(to: number | null) {
    const u = plot.current;
    if (!u) return;
    if (to === null) {
      u.setCursor({ left: -10, top: -10 });
      return;
    }
    u.setCursor({ left: u.valToPos(to, 'x'), top: u.bbox.height / uPlot.pxRatio / 2 });
    const d = describe(to);
    setAnnouncement(`${d.heading}: ${d.lines.join('; ')}`);
  }

  function onKeyDown(e: KeyboardEvent) {
    if (count === 0) return;
    const next: Record<string, () => number | null> = {
      ArrowRight: () => (active === null ? 0 : Math.min(count - 1, active + 1)),
      ArrowDown: () => (active === null ? 0 : Math.min(count - 1, active + 1)),
      ArrowLeft: () => (active === null ? count - 1 : Math.max(0, active - 1)),
      ArrowUp: () => (active === null ? count - 1 : Math.max(0, active - 1)),
      Home: () => 0,
      End: () => count - 1,
      Escape: () => null,
    };
    const step = next[e.key];
    if (!step) return;
    e.preventDefault();
    move(step());
  }

  const tip = active !== null && active < count ? describe(active) : null;
  return (
    <div className="chart">
      <div
        ref={box}
        className="chart-plot"
        role="application"
        aria-roledescription="chart"
        aria-label={title}
        aria-describedby={`${id}-summary ${id}-keys`}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onBlur={() => move(null)}
        style={{ height }}
      >
        {/* Out of the flow, so the canvas never holds its container wider than the screen. */}
        <div ref={mount} className="chart-canvas" aria-hidden="true" />
        {tip && tipAt && (
          <div
            className={tipAt.flip ? 'chart-tip chart-tip-left' : 'chart-tip'}
            style={{ left: tipAt.left, top: tipAt.top }}
            aria-hidden="true"
          >
            <strong>{tip.heading}</strong>
            {tip.lines.map((l) => (
              <span key={l}>{l}</span>
            ))}
          </div>
        )}
      </div>
      <p id={`${id}-summary`} className="visually-hidden">
        {summary}
      </p>
      <p id={`${id}-keys`} className="visually-hidden">
        Use the left and right arrow keys to move between periods, Home and End for the first and the last.
      </p>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
