// The recovery report: how many cases were opened and recovered, the share recovered within 24
// hours and within the target (pending cases are not counted as missed), the time to the apology
// and to the fix, what restitution cost, and the service-recovery paradox (recovered customers'
// scores before and after, and against customers who never had a case). Every share and mean
// carries its 95 % interval and n; under 30 a figure says "Not enough data". Every number links
// to the cases behind it. The filters and the open list live in the URL.
import { PeriodPicker } from '../../dashboard/period-filter.tsx';
import { periodFrom } from '../../dashboard/scores.ts';
import type { RecoveryBucket, RecoveryReport } from '../../../../../contract/recovery-report.ts';
import { api, messageOf } from '../../../shared/api.ts';
import { bucketTitle, CasesDialog } from './recovery-cases.tsx';
import { RecoveryFigures } from './recovery-figures.tsx';
import { lastDayOf, RecoveryTrendSection } from './recovery-trend.tsx';
import { ErrorNotice, Loading, PageHeader } from '../../../shared/states.tsx';
import { formatDateTime } from '../../../shared/format.ts';
import { useDocumentTitle, useLoad } from '../../../shared/hooks.ts';
import { navigate, useLocation, withQuery } from '../../../shared/router.tsx';
import { formatPeriod, kindTitle, withParams } from '../../dashboard/scores.ts';
import type { Department, SurveyKind } from '../../../shared/types.ts';
import { FilterSelect, NamedOptions } from '../../../shared/filters.tsx';

type Report = RecoveryReport;
type Origin = NonNullable<Report['origin']>;
/** What opened a case, in words; a Record so a new origin in the contract must be named here. */
const originLabel: Record<Origin, string> = {
  survey: 'A low survey answer',
  complaint: 'A complaint',
  manual: 'Reported by staff',
  proactive: 'Found before the customer complained',
  commitment: 'A broken promise',
  contradiction: 'A contradiction between departments',
  basic: 'A broken basic',
};
const origins = Object.keys(originLabel) as Origin[];
const buckets = new Set<string>(Object.keys(bucketTitle));

export function RecoveryReportPage() {
  useDocumentTitle('Recovery');
  const { path, params } = useLocation();
  const { preset, period } = periodFrom(params);
  const origin = origins.find((o) => o === params.get('origin'));
  const departmentId = params.get('department') || undefined;
  const departments = useLoad('departments', (signal) =>
    api<{ items: Department[] }>('/api/v1/departments', { signal }).then((r) => r.items),
  );
  const departmentList = departments.state.status === 'ready' ? departments.state.data : [];
  const query = { from: period.from, to: period.to, origin, departmentId };
  const report = useLoad(`recovery|${JSON.stringify(query)}`, (signal) => api<Report>('/api/v1/reports/recovery', { query, signal }));

  const setParams = (change: Record<string, string | undefined>, replace = true) =>
    navigate(withQuery(path, { ...Object.fromEntries(params.entries()), ...change }), { replace });
  /** The page with the list of a figure's cases open. */
  const casesLink = (bucket: RecoveryBucket, extra: { kind?: SurveyKind; currency?: string } = {}) =>
    withQuery(path, { ...Object.fromEntries(params.entries()), cases: bucket, kind: extra.kind, currency: extra.currency });

  const department = departmentList.find((d) => d.id === departmentId);
  const context = [formatPeriod(period), department?.name, origin && `${originLabel[origin]} only`].filter(Boolean).join(' · ');

  return (
    <div className="page">
      <PageHeader
        title="Recovery"
        description="How fast and how well cases are recovered, counted by the moment of each oops. Shares and means carry their 95% interval; a figure from fewer than 30 is not shown. Every number opens the cases behind it."
      />
      <div className="filters dashboard-filters" role="group" aria-label="Filters">
        <PeriodPicker preset={preset} period={period} setParams={setParams} />
        <FilterSelect
          id="filter-origin"
          label="Origin"
          value={origin ?? ''}
          onChange={(v) => setParams({ origin: v || undefined })}
          all="Every origin"
        >
          {origins.map((o) => (
            <option key={o} value={o}>
              {originLabel[o]}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          id="filter-department"
          label="Department"
          value={departmentId ?? ''}
          onChange={(v) => setParams({ department: v || undefined })}
          all="All departments"
        >
          <NamedOptions items={departmentList} />
        </FilterSelect>
      </div>
      <p className="dashboard-context" role="status">
        {context}
        {report.state.status === 'ready' && ` · as of ${formatDateTime(report.state.data.asOf)}`}
      </p>
      {report.state.status === 'loading' && <Loading label="Loading the recovery report…" />}
      {report.state.status === 'error' && <ErrorNotice message={messageOf(report.state.error)} onRetry={report.reload} />}
      {report.state.status === 'ready' && (
        <>
          <RecoveryFigures
            r={report.state.data}
            link={casesLink}
            overTime={
              <RecoveryTrendSection
                query={query}
                period={period}
                unitParam={params.get('interval')}
                setUnit={(u) => setParams({ interval: u })}
                periodLink={(p, bucket) =>
                  withQuery(path, {
                    ...Object.fromEntries(params.entries()),
                    period: 'custom',
                    from: p.start.slice(0, 10),
                    to: lastDayOf(p),
                    cases: bucket,
                  })
                }
              />
            }
          />
          <CasesFromUrl
            r={report.state.data}
            params={params}
            context={context}
            close={() => setParams({ cases: undefined, kind: undefined, currency: undefined })}
          />
        </>
      )}
    </div>
  );
}

/** The list of cases the URL asks for (`cases=<bucket>`), over the report's own period and filters. */
function CasesFromUrl({ r, params, context, close }: { r: Report; params: URLSearchParams; context: string; close: () => void }) {
  const bucket = params.get('cases');
  const kind = (['nps', 'csat', 'ces'] as const).find((k) => k === params.get('kind'));
  const currency = params.get('currency') ?? undefined;
  const open = bucket && buckets.has(bucket) ? (bucket as RecoveryBucket) : undefined;
  const url = open && withParams(r.cases.opened.drillDown, { bucket: open, kind, currency });
  const title = open ? `${bucketTitle[open]}${kind ? `, ${kindTitle[kind]}` : ''}${currency ? `, in ${currency}` : ''}` : '';
  return <CasesDialog title={title} description={context} url={url} count={open && countOf(r, open, kind, currency)} onClose={close} />;
}

/** How many cases the report counted in a bucket, to say in the list's heading. */
function countOf(r: Report, b: RecoveryBucket, kind?: SurveyKind, currency?: string): number | undefined {
  const p = r.paradox.find((x) => x.kind === kind);
  const counts: Partial<Record<RecoveryBucket, number | undefined>> = {
    opened: r.cases.opened.n,
    recovered: r.cases.recovered.n,
    closed: r.cases.closed.n,
    open: r.cases.open.n,
    breached: r.cases.breached.n,
    recovered_within_24h: r.within24h.within,
    missed_24h: r.within24h.missed,
    pending: r.within24h.pending,
    recovered_within_target: r.withinTarget.within,
    missed_target: r.withinTarget.missed,
    pending_target: r.withinTarget.pending,
    apologised: r.timeToApology.n,
    fixed: r.timeToFix.n,
    restitution: currency ? r.restitution.currencies.find((c) => c.currency === currency)?.count : r.restitution.count,
    follow_up: p?.followUp.n,
    follow_up_paired: p?.paired.n,
  };
  return counts[b];
}
