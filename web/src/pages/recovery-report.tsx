// The recovery report: how many cases were opened and recovered, the share recovered within 24
// hours and within the target (pending cases are not counted as missed), the time to the apology
// and to the fix, what restitution cost, and the service-recovery paradox (recovered customers'
// scores before and after, and against customers who never had a case). Every share and mean
// carries its 95 % interval and n; under 30 a figure says "Not enough data". Every number links
// to the cases behind it. The filters and the open list live in the URL.
import type { ReactNode } from 'react';
import type { RecoveryBucket, RecoveryReport } from '../../../contract/recovery-report.ts';
import { api, messageOf } from '../api.ts';
import { bucketTitle, CasesDialog, formatHours } from '../components/recovery-cases.tsx';
import { IntervalBar } from '../components/score-card.tsx';
import { ErrorNotice, Loading, PageHeader } from '../components/states.tsx';
import { formatDateTime } from '../format.ts';
import { useDocumentTitle, useLoad } from '../hooks.ts';
import { Link, navigate, useLocation, withQuery } from '../router.tsx';
import {
  addDays,
  formatCount,
  formatDifference,
  formatFigure,
  formatMean,
  formatPeriod,
  formatZ,
  intervalWords,
  isDay,
  kindLongName,
  kindTitle,
  lastDays,
  minAnswers,
  periodPresets,
  todayUtc,
  withParams,
  type Period,
} from '../scores.ts';
import type { Department, SurveyKind } from '../types.ts';

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
};
const origins = Object.keys(originLabel) as Origin[];
const buckets = new Set<string>(Object.keys(bucketTitle));
/** IntervalBar draws a 0-100 % axis for the share kinds; a share of cases uses the same axis. */
const percentAxis: SurveyKind = 'csat';

function periodFrom(params: URLSearchParams): { preset: string; period: Period } {
  const preset = params.get('period') ?? '90';
  const from = params.get('from');
  const to = params.get('to');
  if (preset === 'custom' && isDay(from) && isDay(to)) {
    // `to` in the URL is the last day included, as people pick it; the API takes the day after.
    return { preset, period: from <= to ? { from, to: addDays(to, 1) } : { from: to, to: addDays(from, 1) } };
  }
  const p = periodPresets.find((x) => x.value === preset) ?? periodPresets[1];
  return { preset: p.value, period: lastDays(p.days) };
}

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
        <div className="filter-group">
          <label className="filter-label" htmlFor="filter-origin">
            Origin
          </label>
          <select
            id="filter-origin"
            className="input select"
            value={origin ?? ''}
            onChange={(e) => setParams({ origin: e.target.value || undefined })}
          >
            <option value="">Every origin</option>
            {origins.map((o) => (
              <option key={o} value={o}>
                {originLabel[o]}
              </option>
            ))}
          </select>
        </div>
        <div className="filter-group">
          <label className="filter-label" htmlFor="filter-department">
            Department
          </label>
          <select
            id="filter-department"
            className="input select"
            value={departmentId ?? ''}
            onChange={(e) => setParams({ department: e.target.value || undefined })}
          >
            <option value="">All departments</option>
            {departmentList.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="dashboard-context" role="status">
        {context}
        {report.state.status === 'ready' && ` · as of ${formatDateTime(report.state.data.asOf)}`}
      </p>
      {report.state.status === 'loading' && <Loading label="Loading the recovery report…" />}
      {report.state.status === 'error' && <ErrorNotice message={messageOf(report.state.error)} onRetry={report.reload} />}
      {report.state.status === 'ready' && (
        <>
          <Figures r={report.state.data} link={casesLink} />
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

function PeriodPicker({
  preset,
  period,
  setParams,
}: {
  preset: string;
  period: Period;
  setParams: (change: Record<string, string | undefined>) => void;
}) {
  const lastIncluded = addDays(period.to, -1);
  return (
    <>
      <div className="filter-group">
        <label className="filter-label" htmlFor="filter-period">
          Period
        </label>
        <select
          id="filter-period"
          className="input select"
          value={preset}
          onChange={(e) =>
            setParams(
              e.target.value === 'custom'
                ? { period: 'custom', from: period.from, to: lastIncluded }
                : { period: e.target.value, from: undefined, to: undefined },
            )
          }
        >
          {periodPresets.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
          <option value="custom">Custom dates</option>
        </select>
      </div>
      {preset === 'custom' && (
        <>
          <div className="filter-group">
            <label className="filter-label" htmlFor="filter-from">
              From (UTC)
            </label>
            <input
              id="filter-from"
              className="input date-input"
              type="date"
              value={period.from}
              max={lastIncluded}
              onChange={(e) => isDay(e.target.value) && setParams({ from: e.target.value })}
            />
          </div>
          <div className="filter-group">
            <label className="filter-label" htmlFor="filter-to">
              To, included
            </label>
            <input
              id="filter-to"
              className="input date-input"
              type="date"
              value={lastIncluded}
              min={period.from}
              max={todayUtc()}
              onChange={(e) => isDay(e.target.value) && setParams({ to: e.target.value })}
            />
          </div>
        </>
      )}
    </>
  );
}

type LinkTo = (bucket: RecoveryBucket, extra?: { kind?: SurveyKind; currency?: string }) => string;

/** A number that opens the cases behind it; 0 is plain text. */
function CasesLink({ n, to, what, children }: { n: number; to: string; what: string; children?: ReactNode }) {
  if (n === 0) return <>{children ?? '0'}</>;
  return (
    <Link to={to} className="drill">
      {children ?? formatCount(n)}
      <span className="visually-hidden"> — show the {what}</span>
    </Link>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function NotEnough({ n, what }: { n: number; what: string }) {
  return (
    <>
      <p className="score-figure score-missing">Not enough data</p>
      <p className="score-meaning">
        n &lt; {minAnswers}: {n === 0 ? `no ${what}` : `only ${formatCount(n)} ${what}`}. A figure needs at least {minAnswers}, so none is
        shown.
      </p>
    </>
  );
}

function Figures({ r, link }: { r: Report; link: LinkTo }) {
  const c = r.cases;
  const kinds = r.paradox.filter((p) => p.kind === 'nps' || p.followUp.n + p.withoutCase.n + p.paired.n > 0);
  return (
    <>
      <section aria-label="Cases and recovery" className="score-grid">
        <section className="card score-card" aria-labelledby="cases-title">
          <header className="score-card-head">
            <h2 id="cases-title" className="score-card-title">
              Cases
            </h2>
            <span className="muted">by the moment of the oops</span>
          </header>
          <p className="score-figure">
            <CasesLink n={c.opened.n} to={link('opened')} what="cases opened">
              {formatCount(c.opened.n)}
            </CasesLink>
          </p>
          <p className="score-meaning">cases opened in this period</p>
          <dl className="score-facts">
            <Fact label="Recovered">
              <CasesLink n={c.recovered.n} to={link('recovered')} what="recovered cases" />
            </Fact>
            <Fact label="Closed">
              <CasesLink n={c.closed.n} to={link('closed')} what="closed cases" />
            </Fact>
            <Fact label="Still open">
              <CasesLink n={c.open.n} to={link('open')} what="open cases" />
            </Fact>
            <Fact label="Breached the clock">
              <CasesLink n={c.breached.n} to={link('breached')} what="breached cases" />
            </Fact>
          </dl>
        </section>
        <ShareCard
          title="Within 24 hours"
          meaning="recovered within 24 hours of the oops (wall-clock time)"
          share={r.within24h}
          links={{ within: link('recovered_within_24h'), missed: link('missed_24h'), pending: link('pending') }}
          pendingHint="still within their 24 hours"
        />
        <ShareCard
          title="Within the target"
          meaning="recovered by each case’s due time (your target, business hours included)"
          share={r.withinTarget}
          links={{ within: link('recovered_within_target'), missed: link('missed_target'), pending: link('pending_target') }}
          pendingHint="before their due time"
        />
      </section>
      <section aria-label="Time and cost" className="score-grid">
        <DurationCard title="Time to apology" what="the apology" d={r.timeToApology} to={link('apologised')} />
        <DurationCard title="Time to fix" what="the fix" d={r.timeToFix} to={link('fixed')} />
        <RestitutionCard r={r.restitution} link={link} />
      </section>
      <h2 className="subsection-title">The service-recovery paradox</h2>
      <p className="section-description">
        Do recovered customers end up more loyal than customers who never had a problem? Each recovered case’s follow-up answer against the
        customer’s last answer before the oops, and against the answers of customers without a case in this period.
      </p>
      {kinds.map((p) => (
        <ParadoxSection key={p.kind} p={p} link={link} />
      ))}
    </>
  );
}

function ShareCard({
  title,
  meaning,
  share: s,
  links,
  pendingHint,
}: {
  title: string;
  meaning: string;
  share: Report['within24h'];
  links: { within: string; missed: string; pending: string };
  pendingHint: string;
}) {
  return (
    <section className="card score-card" aria-label={title}>
      <header className="score-card-head">
        <h2 className="score-card-title">{title}</h2>
      </header>
      {s.enoughData && s.value !== null && s.interval ? (
        <>
          <p className="score-figure">
            <CasesLink n={s.within} to={links.within} what={`${formatCount(s.within)} cases recovered in time`}>
              {formatFigure(percentAxis, s.value)}
            </CasesLink>
          </p>
          <p className="score-meaning">{meaning}</p>
          <IntervalBar kind={percentAxis} value={s.value} interval={s.interval} />
          <p className="score-interval">{intervalWords(percentAxis, s.interval)} (Wilson)</p>
        </>
      ) : (
        <NotEnough n={s.n} what="cases with a known outcome" />
      )}
      <dl className="score-facts">
        <Fact label="In time">
          <CasesLink n={s.within} to={links.within} what="cases recovered in time" />
        </Fact>
        <Fact label="Missed">
          <CasesLink n={s.missed} to={links.missed} what="cases that missed" />
        </Fact>
        <Fact label="Known outcome (n)">{formatCount(s.n)}</Fact>
        <Fact label={`Pending, ${pendingHint}`}>
          <CasesLink n={s.pending} to={links.pending} what="pending cases" />
        </Fact>
      </dl>
      <p className="score-meaning">Pending cases may still make it, so they are not counted as missed.</p>
    </section>
  );
}

function DurationCard({ title, what, d, to }: { title: string; what: string; d: Report['timeToApology']; to: string }) {
  return (
    <section className="card score-card" aria-label={title}>
      <header className="score-card-head">
        <h2 className="score-card-title">{title}</h2>
        <span className="muted">from the oops</span>
      </header>
      {d.enoughData && d.medianHours !== null && d.p90Hours !== null ? (
        <>
          <p className="score-figure">
            <CasesLink n={d.n} to={to} what={`${formatCount(d.n)} cases with ${what}`}>
              {formatHours(d.medianHours)}
            </CasesLink>
          </p>
          <p className="score-meaning">median: half the cases got {what} sooner</p>
          <p className="score-interval">90% of them within {formatHours(d.p90Hours)}</p>
        </>
      ) : (
        <NotEnough n={d.n} what={`cases with ${what}`} />
      )}
      <dl className="score-facts">
        <Fact label="Cases (n)">
          <CasesLink n={d.n} to={to} what={`cases with ${what}`} />
        </Fact>
      </dl>
    </section>
  );
}

const money = (amount: number, currency: string) => amount.toLocaleString(undefined, { style: 'currency', currency });

function RestitutionCard({ r, link }: { r: Report['restitution']; link: LinkTo }) {
  return (
    <section className="card score-card" aria-label="Restitution">
      <header className="score-card-head">
        <h2 className="score-card-title">Restitution</h2>
        <span className="muted">what making it right cost</span>
      </header>
      <p className="score-figure">
        <CasesLink n={r.count} to={link('restitution')} what="cases with a restitution">
          {formatCount(r.count)}
        </CasesLink>
      </p>
      <p className="score-meaning">restitutions with a cost; currencies are never converted</p>
      {r.currencies.length > 0 && (
        <div className="table-scroll">
          <table className="table table-compact">
            <thead>
              <tr>
                <th scope="col">Currency</th>
                <th scope="col">Count</th>
                <th scope="col">Total</th>
                <th scope="col">Mean (95% interval)</th>
              </tr>
            </thead>
            <tbody>
              {r.currencies.map((c) => (
                <tr key={c.currency}>
                  <th scope="row">{c.currency}</th>
                  <td>
                    <CasesLink n={c.count} to={link('restitution', { currency: c.currency })} what={`restitutions in ${c.currency}`} />
                  </td>
                  <td>{money(c.total, c.currency)}</td>
                  <td>
                    {c.mean ? (
                      `${money(c.mean.value, c.currency)} (${money(c.mean.interval.low, c.currency)} to ${money(c.mean.interval.high, c.currency)})`
                    ) : (
                      <span className="muted">Not enough data (n &lt; {minAnswers})</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const signedMean = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : '±'}${formatMean(Math.abs(v))}`;
const formatP = (p: number) => (p < 0.0001 ? 'p < 0.0001' : `p = ${p.toPrecision(2)}`);

function ParadoxSection({ p, link }: { p: Report['paradox'][number]; link: LinkTo }) {
  const kind = p.kind;
  const k = kindTitle[kind];
  const c = p.comparison;
  return (
    <section className="card dashboard-section" aria-labelledby={`paradox-${kind}`}>
      <div className="section-head">
        <h2 id={`paradox-${kind}`}>
          {k} <span className="muted">{kindLongName[kind]}</span>
        </h2>
      </div>
      <div className="score-grid">
        <section className="score-card" aria-label={`${k} before and after recovery`}>
          <h3 className="score-card-title">Before and after, the same customers</h3>
          {p.paired.enoughData && p.paired.change && p.paired.before && p.paired.after ? (
            <>
              <p className="compare-figure">
                <CasesLink n={p.paired.n} to={link('follow_up_paired', { kind })} what={`${p.paired.n} paired cases`}>
                  {signedMean(p.paired.change.value)}
                </CasesLink>
              </p>
              <p className="score-meaning">mean change of the score, follow-up minus before the oops</p>
              <p className="score-interval">
                95% interval {signedMean(p.paired.change.interval.low)} to {signedMean(p.paired.change.interval.high)} (paired t) ·{' '}
                {formatP(p.paired.change.p)}
              </p>
              <p className="score-interval">
                Mean before {formatMean(p.paired.before.value)}, after {formatMean(p.paired.after.value)}
              </p>
            </>
          ) : (
            <NotEnough n={p.paired.n} what="customers with a score before and after" />
          )}
          <p className="muted">
            n = <CasesLink n={p.paired.n} to={link('follow_up_paired', { kind })} what="paired cases" />
          </p>
        </section>
        <GroupScore
          title="Follow-up answers"
          meaning="recovered cases’ follow-up answers"
          s={p.followUp}
          link={link('follow_up', { kind })}
        />
        <GroupScore title="Customers without a case" meaning="their answers in this period" s={p.withoutCase} />
      </div>
      {!c.enoughData || c.difference === null || c.z === null || c.p === null ? (
        <p className="verdict verdict-none">
          <strong>Follow-up − without a case:</strong> not enough data: each group needs at least {minAnswers} answers.
        </p>
      ) : (
        <p className={c.significant ? 'verdict verdict-significant' : 'verdict'}>
          <strong>Follow-up − without a case:</strong> {formatDifference(kind, c.difference)} · z = {formatZ(c.z)} · {formatP(c.p)} ·{' '}
          <span className="verdict-word">{c.significant ? 'Significant' : 'Not significant'}</span>{' '}
          <span className="muted">(at 95%: |z| ≥ 1.96{c.significant ? '' : '; the difference may be chance'})</span>
        </p>
      )}
    </section>
  );
}

function GroupScore({
  title,
  meaning,
  s,
  link,
}: {
  title: string;
  meaning: string;
  s: Report['paradox'][number]['followUp'];
  link?: string;
}) {
  const n = link ? <CasesLink n={s.n} to={link} what={`${title.toLowerCase()}`} /> : formatCount(s.n);
  return (
    <section className="score-card" aria-label={`${kindTitle[s.kind]}: ${title}`}>
      <h3 className="score-card-title">{title}</h3>
      {s.enoughData && s.value !== null && s.interval ? (
        <>
          <p className="compare-figure">
            {link ? (
              <CasesLink n={s.n} to={link} what={title.toLowerCase()}>
                {formatFigure(s.kind, s.value)}
              </CasesLink>
            ) : (
              formatFigure(s.kind, s.value)
            )}
          </p>
          <p className="score-meaning">{meaning}</p>
          <IntervalBar kind={s.kind} value={s.value} interval={s.interval} compact />
          <p className="score-interval">{intervalWords(s.kind, s.interval)}</p>
        </>
      ) : (
        <NotEnough n={s.n} what="answers" />
      )}
      <p className="muted">n = {n}</p>
    </section>
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
