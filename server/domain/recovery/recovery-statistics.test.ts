import { describe, expect, it } from 'vitest';
import { costFigure, durationFigure, netCounts, pairedFigure, paradoxScores, shareFigure, wholeDays } from './recovery-statistics.ts';

/** A histogram counts[score] from { score: count }. */
const hist = (h: Record<number, number>) => Array.from({ length: 11 }, (_, s) => h[s] ?? 0);

describe('the recovery report’s statistics', () => {
  it('gives the share in time among the cases whose outcome is known, with the Wilson interval', () => {
    // 30 in time, 10 missed, 5 pending: n = 40 (pending left out), 75 %, Wilson [59.81, 85.81] (scores.test.ts)
    expect(shareFigure(30, 10, 5)).toEqual({
      within: 30,
      missed: 10,
      pending: 5,
      n: 40,
      enoughData: true,
      value: 75,
      interval: { low: 59.81, high: 85.81 },
    });
    // Pending cases do not make up the 30: 20 decided and 20 pending is not enough data.
    expect(shareFigure(15, 5, 20)).toEqual({ within: 15, missed: 5, pending: 20, n: 20, enoughData: false, value: null, interval: null });
    expect(shareFigure(0, 0, 0)).toMatchObject({ n: 0, enoughData: false, value: null });
  });

  it('gives median and p90 in hours from 30 cases, none under', () => {
    expect(durationFigure({ n: 30, median: 7200, p90: 108_000 })).toEqual({ n: 30, enoughData: true, medianHours: 2, p90Hours: 30 });
    expect(durationFigure({ n: 30, median: 5400, p90: 5401 })).toMatchObject({ medianHours: 1.5, p90Hours: 1.5 });
    expect(durationFigure({ n: 29, median: 7200, p90: 108_000 })).toEqual({ n: 29, enoughData: false, medianHours: null, p90Hours: null });
    expect(durationFigure({ n: 0, median: null, p90: null })).toMatchObject({ n: 0, enoughData: false });
  });

  it('gives count and total of restitution costs always, and the mean with its t interval from 30', () => {
    // 30 costs, mean 25, sd 10: t(0.975, 29) = 2.045230; half = 2.045230 * 10 / sqrt(30) = 3.734061 -> [21.27, 28.73]
    expect(costFigure({ currency: 'EUR', count: 30, total: '750.00', mean: 25, sd: 10 })).toEqual({
      currency: 'EUR',
      count: 30,
      total: 750,
      enoughData: true,
      mean: { value: 25, interval: { low: 21.27, high: 28.73 } },
    });
    // A cost is never negative: the interval stops at 0.
    expect(costFigure({ currency: 'EUR', count: 30, total: '30.00', mean: 1, sd: 10 }).mean!.interval.low).toBe(0);
    expect(costFigure({ currency: 'SEK', count: 2, total: '300.50', mean: 150.25, sd: 70 })).toEqual({
      currency: 'SEK',
      count: 2,
      total: 300.5,
      enoughData: false,
      mean: null,
    });
  });

  it('compares scores before the oops with follow-up scores, paired', () => {
    // 40 customers all gave 6 before; 20 of them give 8 after and 20 give 6 again.
    // before: mean 6, sd 0 -> [6, 6]; after: mean 7, sd sqrt(40 / 39) = 1.012739
    // change: 20 x +2 and 20 x 0 -> mean 1, same sd; half = t(0.975, 39) 2.022691 * 1.012739 / sqrt(40) = 0.323890
    // t = 1 / (1.012739 / sqrt(40)) = 6.244998, 39 df: p = 2.366e-7
    const sd = Math.sqrt(40 / 39);
    const r = pairedFigure('nps', { pairedN: 40, before: { mean: 6, sd: 0 }, after: { mean: 7, sd }, change: { mean: 1, sd } });
    expect(r).toEqual({
      n: 40,
      enoughData: true,
      before: { value: 6, interval: { low: 6, high: 6 } },
      after: { value: 7, interval: { low: 6.68, high: 7.32 } },
      change: { value: 1, interval: { low: 0.68, high: 1.32 }, t: 6.245, p: 2.366e-7, significant: true },
    });
    expect(
      pairedFigure('csat', { pairedN: 29, before: { mean: 2, sd: 1 }, after: { mean: 4, sd: 1 }, change: { mean: 2, sd: 1 } }),
    ).toEqual({
      n: 29,
      enoughData: false,
      before: null,
      after: null,
      change: null,
    });
    expect(pairedFigure('ces', { pairedN: 0, before: null, after: null, change: null })).toMatchObject({ n: 0, change: null });
  });

  it('compares follow-up answers with customers without a case: both scores, z and p', () => {
    // follow-up 60/20/20: NPS 40, adjusted-Wald [23.38, 54.29]; without a case 40/30/30: NPS 10, [-6.27, 25.69]
    // z = 2.5678 (scores.test.ts), p = 2 (1 - Phi(2.5678)) = 0.01023
    const r = paradoxScores('nps', hist({ 10: 60, 8: 20, 3: 20 }), hist({ 10: 40, 8: 30, 3: 30 }));
    expect(r).toEqual({
      followUp: { kind: 'nps', n: 100, enoughData: true, value: 40, interval: { low: 23.38, high: 54.29 }, positive: 60, negative: 20 },
      withoutCase: { kind: 'nps', n: 100, enoughData: true, value: 10, interval: { low: -6.27, high: 25.69 }, positive: 40, negative: 30 },
      comparison: { enoughData: true, difference: 30, z: 2.5678, p: 0.01023, significant: true },
    });
    // CSAT 80 of 100 against 65 of 100: pooled z = 2.3754, p = 0.01753
    expect(paradoxScores('csat', hist({ 5: 80, 2: 20 }), hist({ 4: 65, 1: 35 })).comparison).toEqual({
      enoughData: true,
      difference: 15,
      z: 2.3754,
      p: 0.01753,
      significant: true,
    });
    // Under 30 in either group: the figure of that group and the comparison are not enough data.
    const few = paradoxScores('nps', hist({ 10: 29 }), hist({ 10: 40 }));
    expect(few.followUp).toMatchObject({ n: 29, enoughData: false, value: null, interval: null, positive: 29 });
    expect(few.comparison).toEqual({ enoughData: false, difference: null, z: null, p: null, significant: null });
  });

  it('cuts a period into whole UTC days (read from the rollups) and the parts at either end', () => {
    const d = (s: string) => new Date(s);
    expect(wholeDays(d('2026-03-01T00:00:00Z'), d('2026-04-01T00:00:00Z'))).toEqual({
      days: { from: '2026-03-01', to: '2026-04-01' },
      edges: [],
    });
    expect(wholeDays(d('2026-03-01T12:00:00Z'), d('2026-03-31T23:00:00Z'))).toEqual({
      days: { from: '2026-03-02', to: '2026-03-31' },
      edges: [
        { from: d('2026-03-01T12:00:00Z'), to: d('2026-03-02T00:00:00Z') },
        { from: d('2026-03-31T00:00:00Z'), to: d('2026-03-31T23:00:00Z') },
      ],
    });
    // Within one day, or across one midnight with no whole day: the answers only.
    expect(wholeDays(d('2026-03-01T08:00:00Z'), d('2026-03-01T09:00:00Z'))).toEqual({
      days: null,
      edges: [{ from: d('2026-03-01T08:00:00Z'), to: d('2026-03-01T09:00:00Z') }],
    });
    expect(wholeDays(d('2026-03-01T20:00:00Z'), d('2026-03-02T04:00:00Z')).days).toBeNull();
  });

  it('adds histograms up and takes one away, per kind', () => {
    const r = netCounts(
      [
        [{ kind: 'nps', counts: hist({ 10: 5, 3: 2 }) }],
        [
          { kind: 'nps', counts: hist({ 10: 1 }) },
          { kind: 'ces', counts: hist({ 7: 4 }) },
        ],
      ],
      [{ kind: 'nps', counts: hist({ 10: 2, 3: 2 }) }],
    );
    expect(r).toEqual([
      { kind: 'nps', counts: hist({ 10: 4 }) },
      { kind: 'csat', counts: hist({}) },
      { kind: 'ces', counts: hist({ 7: 4 }) },
    ]);
  });
});
