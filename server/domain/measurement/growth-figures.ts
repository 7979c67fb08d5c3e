// The arithmetic of Earned Growth Rate for one period, in one currency, and its interval. Pure:
// the customers' revenue in, the figures out. EGR = NRR + ENC − 100 %, where
//   NRR = this period's revenue from last period's customers ÷ last period's revenue
//   ENC = this period's revenue from earned new customers ÷ last period's revenue
// (Reichheld, Darnell & Burns, "Winning on Purpose", 2021).
import type { Micros } from './money.ts';
import { toNumber } from './money.ts';

/** Resamples of the bootstrap; enough for a stable 95 % percentile interval. */
export const growthResamples = 2000;

export interface CustomerRevenue {
  customerId: string;
  /** Net revenue last period and this period (refunds included). */
  previous: Micros;
  current: Micros;
  /** No ledger entry in any currency before this period began. */
  isNew: boolean;
  /** Came by referral or recommendation. */
  earned: boolean;
}

export type GrowthPart = 'previous' | 'retained' | 'lost' | 'earned_new' | 'bought_new' | 'returning';

/** Which parts of the figures a customer stands in (previous customers are retained or lost too). */
export function partsOf(c: CustomerRevenue): GrowthPart[] {
  if (c.previous > 0n) return ['previous', c.current > 0n ? 'retained' : 'lost'];
  if (c.current <= 0n) return [];
  if (c.isNew) return [c.earned ? 'earned_new' : 'bought_new'];
  return ['returning'];
}

export interface Interval {
  low: number;
  high: number;
}

export interface Figures {
  previousRevenue: Micros;
  retainedRevenue: Micros;
  earnedNewRevenue: Micros;
  boughtNewRevenue: Micros;
  returningRevenue: Micros;
  revenue: Micros;
  previousCustomers: number;
  retainedCustomers: number;
  earnedNewCustomers: number;
  boughtNewCustomers: number;
  returningCustomers: number;
  nrr: number | null;
  enc: number | null;
  egr: number | null;
  undefinedReason: 'no_revenue_last_period' | null;
  interval: { egr: Interval | null; nrr: Interval | null; enc: Interval | null; resamples: number; n: number } | null;
}

const pct = (part: number, whole: number) => (100 * part) / whole;

function percentile(sorted: Float64Array, p: number): number {
  const i = (sorted.length - 1) * p;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (i - lo);
}

/**
 * The figures of one period. The interval resamples, with replacement, the customers behind NRR
 * and ENC (last period's customers and earned new ones), `resamples` times, and reports the 2.5th
 * and 97.5th percentiles; a resample without revenue last period is left out.
 */
export function growthFigures(customers: CustomerRevenue[], random: () => number, resamples = growthResamples): Figures {
  const sum = (part: GrowthPart, pick: (c: CustomerRevenue) => Micros) =>
    customers.filter((c) => partsOf(c).includes(part)).reduce((s, c) => s + pick(c), 0n);
  const count = (part: GrowthPart) => customers.filter((c) => partsOf(c).includes(part)).length;
  const f: Figures = {
    previousRevenue: sum('previous', (c) => c.previous),
    retainedRevenue: sum('previous', (c) => c.current),
    earnedNewRevenue: sum('earned_new', (c) => c.current),
    boughtNewRevenue: sum('bought_new', (c) => c.current),
    returningRevenue: sum('returning', (c) => c.current),
    revenue: customers.reduce((s, c) => s + c.current, 0n),
    previousCustomers: count('previous'),
    retainedCustomers: count('retained'),
    earnedNewCustomers: count('earned_new'),
    boughtNewCustomers: count('bought_new'),
    returningCustomers: count('returning'),
    nrr: null,
    enc: null,
    egr: null,
    undefinedReason: null,
    interval: null,
  };
  if (f.previousRevenue <= 0n) return { ...f, undefinedReason: 'no_revenue_last_period' };
  // Ratios of exact sums; floating point only from here on.
  const prev = toNumber(f.previousRevenue);
  f.nrr = pct(toNumber(f.retainedRevenue), prev);
  f.enc = pct(toNumber(f.earnedNewRevenue), prev);
  f.egr = f.nrr + f.enc - 100;

  const units = customers.filter((c) => c.previous > 0n || partsOf(c).includes('earned_new'));
  const p = units.map((c) => (c.previous > 0n ? toNumber(c.previous) : 0));
  const r = units.map((c) => (c.previous > 0n ? toNumber(c.current) : 0));
  const e = units.map((c) => (c.previous > 0n ? 0 : toNumber(c.current)));
  const n = units.length;
  const nrrs: number[] = [];
  const encs: number[] = [];
  for (let b = 0; b < resamples; b++) {
    let sp = 0;
    let sr = 0;
    let se = 0;
    for (let k = 0; k < n; k++) {
      const i = Math.floor(random() * n);
      sp += p[i]!;
      sr += r[i]!;
      se += e[i]!;
    }
    if (sp <= 0) continue;
    nrrs.push(pct(sr, sp));
    encs.push(pct(se, sp));
  }
  const interval = (xs: number[]): Interval | null => {
    if (!xs.length) return null;
    const s = Float64Array.from(xs).sort();
    return { low: percentile(s, 0.025), high: percentile(s, 0.975) };
  };
  f.interval = {
    egr: interval(nrrs.map((x, i) => x + encs[i]! - 100)),
    nrr: interval(nrrs),
    enc: interval(encs),
    resamples: nrrs.length,
    n,
  };
  return f;
}
