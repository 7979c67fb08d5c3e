// The statistics of promises on data sets whose answers are known: nearest-rank median and p90
// with broken ones as never kept, the kept rate and its Wilson interval (worked out by hand), the
// rounding of a suggested time, "not enough data" under 30, and the warnings a promise gets.
import { describe, expect, it } from 'vitest';
import { achieved, formatDuration, nearestRank, rate, roundUpDuration, warningsFor } from './commitment-stats.ts';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;
const hours = (...h: number[]) => h.map((x) => x * hour);

describe('rate', () => {
  it('is the share in % with the 95 % Wilson score interval, worked out by hand from the formula', () => {
    expect(rate(33, 40)).toEqual({ value: 82.5, low: expect.closeTo(68.0497079456, 8), high: expect.closeTo(91.2546970031, 8) });
    expect(rate(27, 30)).toEqual({ value: 90, low: expect.closeTo(74.3785586847, 8), high: expect.closeTo(96.540074004, 8) });
  });

  it('stays inside 0..100 when every one or none was kept, and has no value under 30', () => {
    expect(rate(30, 30)).toEqual({ value: 100, low: expect.closeTo(88.648290861, 8), high: 100 });
    expect(rate(0, 30)).toEqual({ value: 0, low: 0, high: expect.closeTo(11.351709139, 8) });
    expect(rate(9, 10)).toBeNull();
  });
});

describe('nearestRank', () => {
  it('is the rank ceil(p n) value, with integer arithmetic where floating point would round up a rank', () => {
    const seventy = Array.from({ length: 70 }, (_, i) => i + 1);
    expect(nearestRank(seventy, 70, 90)).toBe(63); // 0.9 * 70 = 63.00000000000001 would give 64
    expect(nearestRank(seventy, 70, 50)).toBe(35);
    expect(nearestRank([5], 1, 90)).toBe(5);
  });

  it('is null when the rank falls among the infinite (broken) ones', () => {
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9], 10, 90)).toBe(9);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8], 10, 90)).toBeNull();
    expect(nearestRank([], 0, 50)).toBeNull();
  });
});

describe('roundUpDuration', () => {
  it('rounds up to 15 min, 30 min, 1 h, 12 h or a day by size', () => {
    expect(roundUpDuration(37 * minute)).toBe(45 * minute);
    expect(roundUpDuration(0)).toBe(15 * minute);
    expect(roundUpDuration(hour)).toBe(hour);
    expect(roundUpDuration(hour + minute)).toBe(1.5 * hour);
    expect(roundUpDuration(36.5 * hour)).toBe(37 * hour);
    expect(roundUpDuration(49 * hour)).toBe(60 * hour);
    expect(roundUpDuration(7 * day + hour)).toBe(8 * day);
  });
});

describe('achieved', () => {
  // 40 resolved: 36 kept after 1.5 h, 2.5 h, ..., 36.5 h (33 of them by the first due time), 4 broken.
  const keptMs = Array.from({ length: 36 }, (_, i) => (i + 1.5) * hour).reverse();
  const known = { keptMs, keptOnTime: 33, keptAfterRenegotiation: 3, broken: 4 };

  it('gives the exact median, p90, rate and suggested time of a known data set', () => {
    const a = achieved(known);
    expect(a).toMatchObject({ n: 40, keptOnTime: 33, keptAfterRenegotiation: 3, broken: 4, enoughData: true, reason: null });
    expect(a.medianMs).toBe(20.5 * hour); // rank 20 of 40
    expect(a.p90Ms).toBe(36.5 * hour); // rank 36 of 40: the slowest kept one, as exactly 4 were broken
    expect(a.suggestedWithinMs).toBe(37 * hour);
    expect(a.keptOnTimeRate).toEqual(rate(33, 40));
  });

  it('has no p90 and no suggestion when more than 1 in 10 were broken', () => {
    const a = achieved({ keptMs: keptMs.slice(1), keptOnTime: 32, keptAfterRenegotiation: 3, broken: 5 });
    expect(a).toMatchObject({ n: 40, medianMs: 20.5 * hour, p90Ms: null, suggestedWithinMs: null, reason: 'often_broken' });
  });

  it('says "not enough data" under 30 resolved commitments, with the counts only', () => {
    const a = achieved({ keptMs: hours(...Array.from({ length: 29 }, () => 1)), keptOnTime: 29, keptAfterRenegotiation: 0, broken: 0 });
    expect(a).toEqual({
      n: 29,
      keptOnTime: 29,
      keptAfterRenegotiation: 0,
      broken: 0,
      enoughData: false,
      keptOnTimeRate: null,
      medianMs: null,
      p90Ms: null,
      suggestedWithinMs: null,
      reason: 'not_enough_data',
    });
    expect(
      achieved({ keptMs: hours(...Array.from({ length: 30 }, () => 1)), keptOnTime: 30, keptAfterRenegotiation: 0, broken: 0 }).p90Ms,
    ).toBe(hour);
  });
});

describe('warningsFor', () => {
  const a = achieved({
    keptMs: Array.from({ length: 36 }, (_, i) => (i + 1.5) * hour),
    keptOnTime: 33,
    keptAfterRenegotiation: 3,
    broken: 4,
  });

  it('warns when a promise is due sooner than the team keeps 90 % of similar ones, naming both times', () => {
    expect(warningsFor(a, 24 * hour)).toEqual([
      {
        code: 'sooner_than_usual',
        message: 'Due in 1 day, but the team kept 90 % of similar promises only within 1 day 12 h 30 min. Consider promising 1 day 13 h.',
      },
    ]);
    expect(warningsFor(a, 36.5 * hour)).toEqual([]);
  });

  it('warns when the team breaks more than 1 in 10, and says nothing without enough data', () => {
    const often = achieved({
      keptMs: hours(...Array.from({ length: 30 }, () => 1)),
      keptOnTime: 30,
      keptAfterRenegotiation: 0,
      broken: 10,
    });
    expect(warningsFor(often, hour).map((w) => w.code)).toEqual(['often_broken']);
    expect(warningsFor(achieved({ keptMs: [], keptOnTime: 0, keptAfterRenegotiation: 0, broken: 0 }), minute)).toEqual([]);
  });
});

describe('formatDuration', () => {
  it('reads as people say it', () => {
    expect(formatDuration(45 * minute)).toBe('45 min');
    expect(formatDuration(2.5 * hour)).toBe('2 h 30 min');
    expect(formatDuration(3 * day + 12 * hour + 5 * minute)).toBe('3 days 12 h 5 min');
    expect(formatDuration(2 * day)).toBe('2 days');
    expect(formatDuration(0)).toBe('0 min');
  });
});
