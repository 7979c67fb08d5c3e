// The recovery report over time (GET /api/v1/reports/recovery/trend): for each UTC day, ISO
// week or month of the period, the cases opened, the share recovered within 24 hours (Wilson
// interval; under 30 cases with a known outcome "not enough data", so a chart leaves a gap with
// its n), the breaches and the restitution costs per currency. The same filters, conditions and
// drill-downs as the report; periods without a case are given with zeros.
import type { RecoveryTrend, RecoveryTrendQuery } from '../../../contract/recovery-trend.ts';
import type { Db } from '../../storage/database.ts';
import { countCasesByPeriod, restitutionCostsByPeriod, type TrendUnit } from '../../storage/recovery-trend.ts';
import type { Clock } from '../core/clock.ts';
import { invalidInput } from '../core/errors.ts';
import { trendPeriods } from '../signals/metrics.ts';
import { maxDays } from '../signals/score-filters.ts';
import { casesUrl, checkQuery } from './recovery-report.ts';
import { dayMs, round, shareFigure } from './recovery-statistics.ts';

const dayOf = (d: Date) => d.toISOString().slice(0, 10);
/** The day after the one holding the last moment before `to`: the first whole day not touched. */
const dayAfter = (to: Date) => dayOf(new Date(Math.floor((to.getTime() - 1) / dayMs) * dayMs + dayMs));

export async function recoveryTrend(db: Db, clock: Clock, workspaceId: string, q: RecoveryTrendQuery): Promise<RecoveryTrend> {
  const unit: TrendUnit = q.interval ?? 'week';
  const f = await checkQuery(db, clock, workspaceId, q);
  const days = (f.to.getTime() - f.from.getTime()) / dayMs;
  if (days > maxDays[unit])
    throw invalidInput('The query string is not valid', [
      { path: ['interval'], message: `the period is ${Math.ceil(days)} days; by ${unit} at most ${maxDays[unit]}` },
    ]);
  const now = clock.now();
  const [counts, costs] = await Promise.all([countCasesByPeriod(db, f, unit, now), restitutionCostsByPeriod(db, f, unit)]);
  const currencies = [...new Set(costs.map((c) => c.currency))].sort();
  const points = trendPeriods(unit, dayOf(f.from), dayAfter(f.to)).map((p) => {
    const start = new Date(Math.max(Date.parse(`${p.start}T00:00:00Z`), f.from.getTime()));
    const end = new Date(Math.min(Date.parse(`${p.end}T00:00:00Z`), f.to.getTime()));
    const pf = { ...f, from: start, to: end };
    const c = counts.find((x) => x.key === p.key);
    const share = shareFigure(c?.recovered_within_24h ?? 0, c?.missed_24h ?? 0, c?.pending ?? 0);
    return {
      start: start.toISOString(),
      end: end.toISOString(),
      opened: { n: c?.opened ?? 0, drillDown: casesUrl(pf, 'opened') },
      breached: { n: c?.breached ?? 0, drillDown: casesUrl(pf, 'breached') },
      within24h: {
        ...share,
        drillDown: {
          within: casesUrl(pf, 'recovered_within_24h'),
          missed: casesUrl(pf, 'missed_24h'),
          pending: casesUrl(pf, 'pending'),
        },
      },
      restitution: currencies.map((currency) => {
        const cost = costs.find((x) => x.key === p.key && x.currency === currency);
        return { currency, count: cost?.count ?? 0, total: cost ? round(Number(cost.total)) : 0 };
      }),
    };
  });
  return {
    from: f.from.toISOString(),
    to: f.to.toISOString(),
    interval: unit,
    asOf: now.toISOString(),
    departmentId: f.departmentId ?? null,
    origin: f.origin ?? null,
    currencies,
    points,
  };
}
