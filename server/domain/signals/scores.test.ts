import { describe, expect, it } from 'vitest';
import {
  compareMeans,
  compareScores,
  meanWithInterval,
  minAnswers,
  npsFromGroups,
  pOfZ,
  proportion,
  scoreFromCounts,
  tTest,
  wilson,
} from './scores.ts';

/** A histogram counts[score] from { score: count }. */
const hist = (h: Record<number, number>) => Array.from({ length: 11 }, (_, s) => h[s] ?? 0);
/** NPS counts with P promoters (10), A passives (8), D detractors (3). */
const npsCounts = (p: number, a: number, d: number) => hist({ 10: p, 8: a, 3: d });

describe('NPS with the adjusted-Wald interval', () => {
  it('matches the hand computation for 40 promoters, 30 passives, 30 detractors', () => {
    // n = 100; plain NPS = 100 * (40 - 30) / 100 = 10
    // n' = 103; p' = 40.75 / 103 = 0.395631; d' = 30.75 / 103 = 0.298544
    // NPS' = p' - d' = 10 / 103 = 0.097087
    // p' + d' = 71.5 / 103 = 0.694175; (p' - d')^2 = 0.009426
    // SE = sqrt((0.694175 - 0.009426) / 103) = sqrt(0.0066480) = 0.081536
    // 1.96 SE = 0.159810; interval = 0.097087 -/+ 0.159810 = [-0.062723, 0.256897] -> [-6.27, 25.69]
    const s = scoreFromCounts('nps', npsCounts(40, 30, 30));
    expect(s.n).toBe(100);
    expect(s.enoughData).toBe(true);
    expect(s.positive).toBe(40);
    expect(s.negative).toBe(30);
    expect(s.value).toBeCloseTo(10, 10);
    expect(s.adjusted!.estimate).toBeCloseTo(0.097087, 6);
    expect(s.adjusted!.se).toBeCloseTo(0.081536, 6);
    expect(s.interval!.low).toBeCloseTo(-6.2722, 3);
    expect(s.interval!.high).toBeCloseTo(25.6897, 3);
  });

  it('classes 0-6 as detractors, 7-8 as passives and 9-10 as promoters', () => {
    // 3 of each score 0..10 = 33 answers: promoters 6 (9, 10), passives 6 (7, 8), detractors 21 (0..6)
    const s = scoreFromCounts('nps', hist(Object.fromEntries(Array.from({ length: 11 }, (_, i) => [i, 3]))));
    expect(s.n).toBe(33);
    expect(s.positive).toBe(6);
    expect(s.negative).toBe(21);
    expect(s.value).toBeCloseTo((100 * (6 - 21)) / 33, 10);
    expect(s).toEqual({ kind: 'nps', ...npsFromGroups(6, 6, 21) });
  });

  it('is symmetric around 0 for equal promoters and detractors (10/10/10)', () => {
    // n' = 33; p' = d' = 10.75 / 33 = 0.325758; NPS' = 0
    // SE = sqrt(0.651515 / 33) = sqrt(0.019743) = 0.140509; 1.96 SE = 0.275398 -> [-27.54, 27.54]
    const s = scoreFromCounts('nps', npsCounts(10, 10, 10));
    expect(s.value).toBe(0);
    expect(s.interval!.low).toBeCloseTo(-27.5398, 3);
    expect(s.interval!.high).toBeCloseTo(27.5398, 3);
  });

  it('clips the interval to 100 when everyone is a promoter', () => {
    // 30 promoters: n' = 33; p' = 30.75 / 33 = 0.931818; d' = 0.75 / 33 = 0.022727; NPS' = 30 / 33 = 0.909091
    // SE = sqrt((0.954545 - 0.826446) / 33) = sqrt(0.0038818) = 0.062304
    // 0.909091 -/+ 0.122116 = [0.786975, 1.031207] -> [78.70, 103.12], and 103.12 is clipped to 100
    const s = scoreFromCounts('nps', npsCounts(30, 0, 0));
    expect(s.value).toBe(100);
    expect(s.adjusted!.se).toBeCloseTo(0.062304, 6);
    expect(s.interval!.low).toBeCloseTo(78.6975, 3);
    expect(s.interval!.high).toBe(100);
    const worst = scoreFromCounts('nps', npsCounts(0, 0, 30));
    expect(worst.value).toBe(-100);
    expect(worst.interval).toEqual({ low: -100, high: expect.closeTo(-78.6975, 3) });
  });

  it('gives no number under 30 answers, and does from 30', () => {
    const none = scoreFromCounts('nps', hist({}));
    expect(none).toMatchObject({ n: 0, enoughData: false, value: null, interval: null, adjusted: null });
    const few = scoreFromCounts('nps', npsCounts(29, 0, 0));
    expect(few).toMatchObject({ n: 29, enoughData: false, value: null, interval: null, positive: 29 });
    const enough = scoreFromCounts('nps', npsCounts(29, 1, 0));
    expect(enough.enoughData).toBe(true);
    expect(enough.value).toBeCloseTo((100 * 29) / 30, 10);
    expect(minAnswers).toBe(30);
  });

  it('ignores counts outside the scale of the kind', () => {
    // A CSAT histogram never has 0 or 6..10; if it did, they would not count.
    const s = scoreFromCounts('csat', hist({ 0: 50, 5: 30, 9: 10 }));
    expect(s.n).toBe(30);
    expect(s.value).toBe(100);
  });
});

describe('CSAT and CES shares with the Agresti-Coull interval', () => {
  it('matches the hand computation for 80 of 100 satisfied', () => {
    // z^2 = 3.8416; n~ = 103.8416; p~ = (80 + 1.9208) / 103.8416 = 0.788902
    // SE = sqrt(0.788902 * 0.211098 / 103.8416) = sqrt(0.0016038) = 0.040047
    // 1.96 SE = 0.078492 -> [0.710410, 0.867394] -> [71.04, 86.74]; plain value 80
    const s = scoreFromCounts('csat', hist({ 5: 50, 4: 30, 3: 10, 2: 5, 1: 5 }));
    expect(s).toMatchObject({ kind: 'csat', n: 100, positive: 80, negative: 20, mean: null });
    expect(s.value).toBe(80);
    expect(s.adjusted!.estimate).toBeCloseTo(0.788902, 6);
    expect(s.interval!.low).toBeCloseTo(71.041, 2);
    expect(s.interval!.high).toBeCloseTo(86.7393, 3);
  });

  it('clips to 0..100 at the edges', () => {
    // 30 of 30: p~ = 31.9208 / 33.8416 = 0.943241, SE = 0.039774 -> [86.53, 102.12] -> high clipped to 100
    expect(proportion(30, 30).interval).toEqual({ low: expect.closeTo(86.5284, 3), high: 100 });
    // 0 of 30: p~ = 0.056759 -> [-2.12, 13.47] -> low clipped to 0
    expect(proportion(0, 30).interval).toEqual({ low: 0, high: expect.closeTo(13.4716, 3) });
    expect(proportion(29, 29)).toEqual({ value: null, interval: null, adjusted: null });
  });

  it('gives the CES share of 5-7 and the CES mean with its interval', () => {
    // Scores 1..7 given 5, 5, 10, 20, 30, 20, 10 times: n = 100, 5-7 = 60 -> 60 %
    // mean = (5 + 10 + 30 + 80 + 150 + 120 + 70) / 100 = 4.65
    // sum of c (s - 4.65)^2 = 5*13.3225 + 5*7.0225 + 10*2.7225 + 20*0.4225 + 30*0.1225 + 20*1.8225 + 10*5.5225 = 232.75
    // sd = sqrt(232.75 / 99) = 1.533300; 1.96 sd / 10 = 0.300527 -> [4.3495, 4.9505]
    const s = scoreFromCounts('ces', hist({ 1: 5, 2: 5, 3: 10, 4: 20, 5: 30, 6: 20, 7: 10 }));
    expect(s).toMatchObject({ kind: 'ces', n: 100, positive: 60, negative: 40, value: 60 });
    expect(s.mean!.value).toBeCloseTo(4.65, 10);
    expect(s.moments!.sd).toBeCloseTo(1.5333, 4);
    expect(s.mean!.interval.low).toBeCloseTo(4.349473, 5);
    expect(s.mean!.interval.high).toBeCloseTo(4.950527, 5);
  });

  it('gives no CES mean under 30 answers, and a zero-width one when all agree', () => {
    expect(scoreFromCounts('ces', hist({ 7: 29 })).mean).toBeNull();
    expect(scoreFromCounts('ces', hist({ 7: 30 })).mean).toEqual({ value: 7, interval: { low: 7, high: 7 } });
  });
});

describe('comparisons', () => {
  it('compares two NPS groups with z from the adjusted figures', () => {
    // a: 60/20/20 -> NPS 40, NPS' = 40 / 103 = 0.388350, SE = sqrt((80.5/103 - 0.388350^2) / 103) = 0.078854
    // b: 40/30/30 -> NPS 10, NPS' = 0.097087, SE = 0.081536
    // z = (0.388350 - 0.097087) / sqrt(0.078854^2 + 0.081536^2) = 0.291262 / 0.113428 = 2.5678 -> significant
    const a = scoreFromCounts('nps', npsCounts(60, 20, 20));
    const b = scoreFromCounts('nps', npsCounts(40, 30, 30));
    const c = compareScores(a, b);
    expect(c.enoughData).toBe(true);
    expect(c.difference).toBeCloseTo(30, 10);
    expect(c.z).toBeCloseTo(2.5678, 3);
    expect(c.significant).toBe(true);
    // 50/25/25 (NPS 25) against 40/30/30: z = 1.2634, not significant
    const near = compareScores(scoreFromCounts('nps', npsCounts(50, 25, 25)), b);
    expect(near.difference).toBeCloseTo(15, 10);
    expect(near.z).toBeCloseTo(1.2634, 3);
    expect(near.significant).toBe(false);
    expect(compareScores(b, a).z).toBeCloseTo(-2.5678, 3);
  });

  it('compares shares with the pooled two-proportion z test', () => {
    // 80 of 100 against 65 of 100: p = 145 / 200 = 0.725; SE = sqrt(0.725 * 0.275 * 0.02) = 0.063147
    // z = 0.15 / 0.063147 = 2.3754 -> significant
    const a = scoreFromCounts('csat', hist({ 5: 80, 2: 20 }));
    const b = scoreFromCounts('csat', hist({ 4: 65, 1: 35 }));
    const c = compareScores(a, b);
    expect(c.difference).toBeCloseTo(15, 10);
    expect(c.z).toBeCloseTo(2.3754, 3);
    expect(c.significant).toBe(true);
    // Everyone satisfied in both: no difference, z 0 (not a division by zero)
    expect(compareScores(scoreFromCounts('csat', hist({ 5: 40 })), scoreFromCounts('csat', hist({ 4: 30 })))).toEqual({
      enoughData: true,
      difference: 0,
      z: 0,
      significant: false,
    });
  });

  it('compares CES means with z = difference / sqrt(sd_a^2/n_a + sd_b^2/n_b)', () => {
    // a: 50 x 6 and 50 x 4 -> mean 5, sd = sqrt(100 / 99) = 1.005038
    // b: 50 x 5 and 50 x 3 -> mean 4, same sd; SE = sqrt(2 * 1.010101 / 100) = 0.142134; z = 1 / 0.142134 = 7.0356
    const a = scoreFromCounts('ces', hist({ 6: 50, 4: 50 }));
    const b = scoreFromCounts('ces', hist({ 5: 50, 3: 50 }));
    const c = compareMeans(a, b);
    expect(c.difference).toBeCloseTo(1, 10);
    expect(c.z).toBeCloseTo(7.0356, 3);
    expect(c.significant).toBe(true);
    expect(compareMeans(scoreFromCounts('ces', hist({ 7: 30 })), scoreFromCounts('ces', hist({ 5: 30 })))).toEqual({
      enoughData: true,
      difference: 2,
      z: null,
      significant: true,
    });
  });

  it('gives no verdict when either group has fewer than 30 answers', () => {
    const none = { enoughData: false, difference: null, z: null, significant: null };
    const big = scoreFromCounts('nps', npsCounts(100, 0, 0));
    expect(compareScores(big, scoreFromCounts('nps', npsCounts(0, 0, 29)))).toEqual(none);
    expect(compareScores(scoreFromCounts('nps', hist({})), big)).toEqual(none);
    expect(compareMeans(scoreFromCounts('ces', hist({ 7: 29 })), scoreFromCounts('ces', hist({ 1: 100 })))).toEqual(none);
    expect(() => compareScores(big, scoreFromCounts('csat', hist({ 5: 30 })))).toThrow(/cannot compare/);
  });
});

describe('shares with the Wilson interval', () => {
  it('matches the hand computation for 30 of 40', () => {
    // p = 0.75, z^2 / n = 3.8416 / 40 = 0.09604, d = 1.09604
    // centre = (0.75 + 3.8416 / 80) / 1.09604 = 0.79802 / 1.09604 = 0.728094
    // half = 1.96 / 1.09604 * sqrt(0.75 * 0.25 / 40 + 3.8416 / 6400) = 1.788256 * sqrt(0.00528775) = 0.130036
    // -> [0.598057, 0.858130] -> [59.81, 85.81]; the plain share is 75
    const s = wilson(30, 40);
    expect(s.value).toBe(75);
    expect(s.interval!.low).toBeCloseTo(59.80574, 4);
    expect(s.interval!.high).toBeCloseTo(85.81303, 4);
  });

  it('stays inside 0..100 at the edges, and gives no number under 30', () => {
    // 0 of 30: centre = half = 0.056759 -> [0, 11.35]
    expect(wilson(0, 30)).toEqual({ value: 0, interval: { low: 0, high: expect.closeTo(11.35171, 4) } });
    // 30 of 30: [88.65, 100]
    expect(wilson(30, 30)).toEqual({ value: 100, interval: { low: expect.closeTo(88.64829, 4), high: 100 } });
    expect(wilson(29, 29)).toEqual({ value: null, interval: null });
    expect(wilson(0, 0)).toEqual({ value: null, interval: null });
  });
});

describe('means with the t interval, and the paired t test', () => {
  it('gives mean +/- t(0.975, n - 1) sd / sqrt(n)', () => {
    // n = 30, sd 1.5: t(0.975, 29) = 2.045230; half = 2.045230 * 1.5 / sqrt(30) = 0.560109
    const m = meanWithInterval({ n: 30, mean: 2, sd: 1.5 })!;
    expect(m.value).toBe(2);
    expect(m.interval.low).toBeCloseTo(2 - 0.5601092, 6);
    expect(m.interval.high).toBeCloseTo(2 + 0.5601092, 6);
    // clipped to what the values can be
    expect(meanWithInterval({ n: 30, mean: 0.3, sd: 1.5 }, { min: 0, max: 10 })!.interval.low).toBe(0);
    expect(meanWithInterval({ n: 29, mean: 2, sd: 1.5 })).toBeNull();
  });

  it('tests a paired change against 0', () => {
    // 20 changes of +2 and 20 of 0: mean 1, sd = sqrt(40 / 39) = 1.012739
    // t = 1 / (1.012739 / sqrt(40)) = 6.244998 with 39 df: p = 2.366e-7
    // interval: t(0.975, 39) = 2.022691; half = 2.022691 * 1.012739 / sqrt(40) = 0.323890
    const m = { n: 40, mean: 1, sd: Math.sqrt(40 / 39) };
    const r = tTest(m)!;
    expect(r.t).toBeCloseTo(6.244998, 5);
    expect(r.p / 2.3659946646e-7).toBeCloseTo(1, 6);
    expect(meanWithInterval(m)!.interval.low).toBeCloseTo(1 - 0.3238898, 6);
    expect(tTest({ n: 30, mean: 0, sd: 0 })).toEqual({ t: 0, p: 1 });
    expect(tTest({ n: 30, mean: 2, sd: 0 })).toEqual({ t: null, p: 0 });
    expect(tTest({ n: 29, mean: 1, sd: 1 })).toBeNull();
  });

  it("gives the p-value of a comparison's z", () => {
    // z = 2.5678 of the NPS comparison above: p = 2 (1 - Phi(2.5678)) = 0.010234
    const c = compareScores(scoreFromCounts('nps', npsCounts(60, 20, 20)), scoreFromCounts('nps', npsCounts(40, 30, 30)));
    expect(pOfZ(c.z!)).toBeCloseTo(0.010234, 5);
    expect(pOfZ(0)).toBe(1);
  });
});
