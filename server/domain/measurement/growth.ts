// Earned Growth Rate by month or quarter, per currency and segment, and the customers behind
// each part. The ledger is read from the events with the mappings as they are now (see
// revenue-ledger.ts); every currency is reported on its own, never converted.
import type {
  GrowthCustomerPage,
  GrowthCustomersQuery,
  GrowthFigures,
  GrowthQuery,
  GrowthReport,
  GrowthSeries,
} from '../../../contract/growth.ts';
import type { Db } from '../../storage/database.ts';
import { customersByIds, earnedAmong, ledgerGroups } from '../../storage/revenue-ledger.ts';
import { findGrowthSettings } from '../../storage/revenue-mappings.ts';
import type { Clock } from '../core/clock.ts';
import { invalidInput } from '../core/errors.ts';
import { growthFigures, partsOf, type CustomerRevenue, type Figures } from './growth-figures.ts';
import { seededRandom } from '../../lib/random.ts';
import { boundaries, periodLabel, periodStart, type Granularity } from './growth-periods.ts';
import { formatMoney, fromMinor, isIso4217, parseMoney, type Micros } from './money.ts';

export const growthMethod =
  'EGR = NRR + ENC − 100 % (Reichheld, Darnell & Burns, 2021). NRR (net revenue retention) is this period’s revenue from ' +
  'last period’s customers (those with revenue above zero last period) divided by last period’s revenue; ENC is this ' +
  'period’s revenue from earned new customers (new customers who came by referral or recommendation, from a survey’s ' +
  'acquisition question or an acquisition field on an event) divided by last period’s revenue. A new customer has no ' +
  'revenue in any currency before the period; returning customers and new customers who were not earned are shown but ' +
  'are not part of EGR. Revenue is net: refunds count against it. Periods are calendar months or quarters in UTC. Each ' +
  'currency is reported apart and never converted. The 95 % interval resamples the customers behind NRR and ENC with ' +
  'replacement 2,000 times (seeded, so it is the same on every run) and takes the 2.5th and 97.5th percentiles; n is ' +
  'how many customers were resampled. Without revenue last period EGR is undefined.';

interface Ledger {
  /** customer -> currency -> bucket -> net revenue */
  revenue: Map<string, Map<string, Map<number, Micros>>>;
  firstBucket: Map<string, number>;
  segmentOf: Map<string, string | null>;
  unreadable: GrowthReport['unreadable'];
}

async function readLedger(db: Db, workspaceId: string, bounds: Date[], segment: string | null): Promise<Ledger> {
  const l: Ledger = { revenue: new Map(), firstBucket: new Map(), segmentOf: new Map(), unreadable: [] };
  const bad = new Map<string, number>();
  for (const g of await ledgerGroups(db, workspaceId, bounds, segment)) {
    const reason = g.amount === null ? 'amount_not_found' : g.currency === null || !isIso4217(g.currency) ? 'currency_not_iso4217' : null;
    if (reason) {
      const key = `${g.eventType}\u0000${reason}`;
      bad.set(key, (bad.get(key) ?? 0) + g.events);
      continue;
    }
    const amount = g.unit === 'minor' ? fromMinor(g.amount!, g.currency!) : parseMoney(g.amount!);
    const byCurrency = l.revenue.get(g.customerId) ?? new Map<string, Map<number, Micros>>();
    l.revenue.set(g.customerId, byCurrency);
    const byBucket = byCurrency.get(g.currency!) ?? new Map<number, Micros>();
    byCurrency.set(g.currency!, byBucket);
    byBucket.set(g.bucket, (byBucket.get(g.bucket) ?? 0n) + amount);
    l.firstBucket.set(g.customerId, Math.min(l.firstBucket.get(g.customerId) ?? Infinity, g.bucket));
    l.segmentOf.set(g.customerId, g.segment);
  }
  for (const [key, events] of bad) {
    const [eventType, reason] = key.split('\u0000') as [string, 'amount_not_found' | 'currency_not_iso4217'];
    l.unreadable.push({ eventType, reason, events });
  }
  return l;
}

/** The customers of one currency in the period of bucket `b` (compared with bucket b - 1). */
function customersIn(l: Ledger, earned: Set<string>, currency: string, b: number, segmentValue?: string | null): CustomerRevenue[] {
  const out: CustomerRevenue[] = [];
  for (const [customerId, byCurrency] of l.revenue) {
    if (segmentValue !== undefined && l.segmentOf.get(customerId) !== segmentValue) continue;
    const byBucket = byCurrency.get(currency);
    if (!byBucket || (!byBucket.has(b) && !byBucket.has(b - 1))) continue;
    out.push({
      customerId,
      previous: byBucket.get(b - 1) ?? 0n,
      current: byBucket.get(b) ?? 0n,
      isNew: l.firstBucket.get(customerId)! >= b,
      earned: earned.has(customerId),
    });
  }
  return out;
}

const wire = (f: Figures, currency: string): GrowthFigures => ({
  ...f,
  previousRevenue: formatMoney(f.previousRevenue, currency),
  retainedRevenue: formatMoney(f.retainedRevenue, currency),
  earnedNewRevenue: formatMoney(f.earnedNewRevenue, currency),
  boughtNewRevenue: formatMoney(f.boughtNewRevenue, currency),
  returningRevenue: formatMoney(f.returningRevenue, currency),
  revenue: formatMoney(f.revenue, currency),
});

async function earnedOf(db: Db, workspaceId: string, l: Ledger): Promise<Set<string>> {
  const settings = await findGrowthSettings(db, workspaceId);
  // Only customers who are new in some period can be earned new customers.
  const candidates = [...l.firstBucket].filter(([, b]) => b >= 2).map(([id]) => id);
  return earnedAmong(db, workspaceId, candidates, settings?.acquisitionEvents ?? []);
}

export async function growthReport(db: Db, clock: Clock, workspaceId: string, q: GrowthQuery): Promise<GrowthReport> {
  const g: Granularity = q.granularity;
  const bounds = boundaries(q.at ? new Date(q.at) : clock.now(), g, q.periods);
  const settings = await findGrowthSettings(db, workspaceId);
  const l = await readLedger(db, workspaceId, bounds, q.segment ?? null);
  const earned = await earnedOf(db, workspaceId, l);
  const currencies = new Set<string>();
  for (const byCurrency of l.revenue.values()) for (const c of byCurrency.keys()) currencies.add(c);
  const reporting = settings?.reportingCurrency ?? null;
  const segments = q.segment ? [...new Set(l.segmentOf.values())].filter((s): s is string => s !== null).sort() : [];
  const now = clock.now();
  const seriesOf = (currency: string, segment: string | null | undefined): GrowthSeries => ({
    currency,
    segment: segment ?? null,
    periods: bounds.slice(1, -1).map((start, i) => {
      const b = i + 2;
      const end = bounds[b]!;
      const random = seededRandom(`${currency}|${segment === undefined ? '*' : segment}|${start.toISOString()}`);
      return {
        start: start.toISOString(),
        end: end.toISOString(),
        label: periodLabel(start, g),
        partial: end > now,
        figures: wire(growthFigures(customersIn(l, earned, currency, b, segment), random), currency),
      };
    }),
  });
  const seriesFor = (currency: string) => [seriesOf(currency, undefined), ...segments.map((s) => seriesOf(currency, s))];
  const others = [...currencies].filter((c) => c !== reporting).sort();
  return {
    granularity: g,
    reportingCurrency: reporting,
    series: reporting ? seriesFor(reporting) : [],
    otherCurrencies: others.flatMap(seriesFor),
    unreadable: l.unreadable,
    method: growthMethod,
  };
}

/** The customers behind one part of one period's figures, largest revenue first. */
export async function growthCustomers(db: Db, workspaceId: string, q: GrowthCustomersQuery): Promise<GrowthCustomerPage> {
  const start = new Date(q.period);
  if (periodStart(start, q.granularity).getTime() !== start.getTime()) {
    throw invalidInput('The period is not valid', [{ path: ['period'], message: `must be the start of a ${q.granularity} (UTC)` }]);
  }
  const currency = q.currency ?? (await findGrowthSettings(db, workspaceId))?.reportingCurrency;
  if (!currency) throw invalidInput('No currency', [{ path: ['currency'], message: 'give a currency, or set the reporting currency' }]);
  const l = await readLedger(db, workspaceId, boundaries(start, q.granularity, 1), q.segment ?? null);
  const earned = await earnedOf(db, workspaceId, l);
  const segmentValue = q.segment ? (q.segmentValue ?? null) : undefined;
  const all = customersIn(l, earned, currency, 2, segmentValue)
    .filter((c) => partsOf(c).includes(q.part))
    .sort((a, b) => (b.current > a.current ? 1 : b.current < a.current ? -1 : a.customerId.localeCompare(b.customerId)));
  const page = all.slice(q.offset, q.offset + q.limit);
  const info = await customersByIds(
    db,
    workspaceId,
    page.map((c) => c.customerId),
  );
  return {
    items: page.map((c) => ({
      customerId: c.customerId,
      name: info.get(c.customerId)?.name ?? null,
      email: info.get(c.customerId)?.email ?? null,
      externalId: info.get(c.customerId)?.externalId ?? null,
      previousRevenue: formatMoney(c.previous, currency),
      revenue: formatMoney(c.current, currency),
      earned: c.earned,
    })),
    total: all.length,
    nextOffset: q.offset + q.limit < all.length ? q.offset + q.limit : null,
  };
}
