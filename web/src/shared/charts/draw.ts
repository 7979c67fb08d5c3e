// What the charts draw on top of uPlot's lines and bars: each figure's 95 % interval as a
// whisker (stepped aside per series when there are several), a zero line, and for a period without a figure (too few answers or cases) a gap: a
// shaded column with an open marker on the axis and its n when there is room (a period with
// n = 0 is only a dot on the axis).
import uPlot from 'uplot';

export interface ChartSeries {
  label: string;
  colour: string;
  /** one per period; null leaves a gap */
  values: (number | null)[];
  /** one per period: the 95 % interval of the figure, or null */
  intervals?: ({ low: number; high: number } | null)[];
  /** one per period: the n of a period without a figure (a gap with its n), or null */
  gaps?: (number | null)[];
  /** bars instead of a line */
  bars?: boolean;
}

export function drawMarks(u: uPlot, series: ChartSeries[], zero: boolean) {
  const ctx = u.ctx;
  const px = uPlot.pxRatio;
  const { left, top, width, height } = u.bbox;
  const count = u.data[0].length;
  const slot = count ? width / count : 0;
  ctx.save();
  if (zero) {
    const y0 = u.valToPos(0, 'y', true);
    if (y0 > top && y0 < top + height) {
      ctx.strokeStyle = '#a1a1aa';
      ctx.lineWidth = px;
      ctx.beginPath();
      ctx.moveTo(left, y0);
      ctx.lineTo(left + width, y0);
      ctx.stroke();
    }
  }
  const single = series.length === 1;
  series.forEach((s, si) => {
    ctx.strokeStyle = s.colour;
    ctx.lineWidth = 1.5 * px;
    const cap = Math.max(2, Math.min(5, slot / px / (single ? 4 : 4 * series.length))) * px;
    // Several series (a segmented trend): each one's whiskers step aside a little, so intervals of the
    // same period do not draw over each other; a step stays within the period's slot.
    const dodge = single ? 0 : (si - (series.length - 1) / 2) * Math.min(4 * px, slot / (series.length + 1));
    ctx.globalAlpha = single ? 1 : 0.8;
    s.intervals?.forEach((iv, i) => {
      if (!iv || s.values[i] === null) return;
      const x = u.valToPos(i, 'x', true) + dodge;
      const lo = u.valToPos(iv.low, 'y', true);
      const hi = u.valToPos(iv.high, 'y', true);
      ctx.beginPath();
      ctx.moveTo(x, lo);
      ctx.lineTo(x, hi);
      ctx.moveTo(x - cap, lo);
      ctx.lineTo(x + cap, lo);
      ctx.moveTo(x - cap, hi);
      ctx.lineTo(x + cap, hi);
      ctx.stroke();
    });
    ctx.globalAlpha = 1;
    s.gaps?.forEach((n, i) => {
      if (n === null) return;
      const x = u.valToPos(i, 'x', true);
      // A period with no answers or cases at all is simply empty; one with too few is shaded, with its n.
      if (n === 0) {
        ctx.fillStyle = '#d4d4d8';
        ctx.beginPath();
        ctx.arc(x, top + height - 4 * px, 1.5 * px, 0, 2 * Math.PI);
        ctx.fill();
        return;
      }
      if (single) {
        ctx.fillStyle = 'rgba(113, 113, 122, 0.08)';
        ctx.fillRect(x - slot / 2, top, slot, height);
      }
      const y = top + height - (4 + si * 3) * px;
      ctx.fillStyle = '#fff';
      ctx.setLineDash([2 * px, 1.5 * px]);
      ctx.beginPath();
      ctx.arc(x, y, 3.5 * px, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
      ctx.setLineDash([]);
      if (single && slot >= 30 * px) {
        ctx.fillStyle = '#52525b';
        ctx.font = `${10 * px}px ${getComputedStyle(document.body).fontFamily}`;
        ctx.textAlign = 'center';
        ctx.fillText(`n=${n}`, x, y - 9 * px);
      }
    });
  });
  ctx.restore();
}
