// The chart, loaded when a page first draws one: uPlot (about 23 KB gzipped) stays out of every
// page's first load, charted pages included. Until it arrives, a box of the chart's height holds
// its place, so nothing jumps.
import { lazy, Suspense } from 'react';
import type { ChartProps } from './chart.tsx';

export type { ChartProps, ChartSeries } from './chart.tsx';

const ChartNow = lazy(() => import('./chart.tsx').then((m) => ({ default: m.Chart })));

export function Chart(props: ChartProps) {
  return (
    <Suspense fallback={<div className="chart-plot chart-loading" style={{ minHeight: props.height ?? 260 }} aria-hidden="true" />}>
      <ChartNow {...props} />
    </Suspense>
  );
}
