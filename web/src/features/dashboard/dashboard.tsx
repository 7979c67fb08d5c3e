// The dashboard: NPS, CSAT and CES with n, their 95 % intervals and response rates; a trend by
// day, week or month; a breakdown by any customer attribute; and a comparison of two periods or
// two segment values. Under 30 answers a figure is "not enough data", never a number. Answers to
// hand-picked invitations are left out unless included. Every number opens the answers behind
// it. The filters live in the URL, so a view can be reloaded and shared.
import { PeriodPicker, periodFrom } from './period-filter.tsx';
import { useRef, useState, type FormEvent } from 'react';
import { api, messageOf } from '../../shared/api.ts';
import { DrillButton, DrillDown, type DrillTarget } from './drill-down.tsx';
import { Field } from '../../shared/field.tsx';
import { ChartIcon, PlusIcon } from '../../shared/icons.tsx';
import { IntervalBar, ScoreCard } from './score-card.tsx';
import { EmptyState, ErrorNotice, Loading, PageHeader } from '../../shared/states.tsx';
import { periodLabel, TrendChart } from './trend-chart.tsx';
import { useDocumentTitle, useFormSubmit, useLoad } from '../../shared/hooks.ts';
import { Link, navigate, useLocation, withQuery } from '../../shared/router.tsx';
import {
  addDays,
  dayMs,
  dayTime,
  formatBound,
  formatCount,
  formatDay,
  formatDifference,
  formatFigure,
  formatMean,
  formatPeriod,
  formatZ,
  intervalWords,
  isDay,
  kindTitle,
  minAnswers,
  type Period,
} from './scores.ts';
import { hasRole, useSession } from '../../shared/session.ts';
import { surveyKindList } from '../surveys/survey-kinds.ts';
import type {
  CompareResult,
  CustomerAttributes,
  Department,
  ScoreEntry,
  ScoreReport,
  Survey,
  SurveyKind,
  Trend,
} from '../../shared/types.ts';

type Interval = Trend['interval'];
const intervals: { value: Interval; label: string; maxDays: number }[] = [
  { value: 'day', label: 'Day', maxDays: 366 },
  { value: 'week', label: 'Week', maxDays: 1098 },
  { value: 'month', label: 'Month', maxDays: 3660 },
];
const attributePattern = /^[^:]{1,64}$/;

interface Filters {
  preset: string;
  period: Period;
  surveyId?: string;
  departmentId?: string;
  includeHandPicked: boolean;
  kind: SurveyKind;
  interval: Interval;
  segment?: string;
  split: boolean;
}

/** The dashboard's state from the URL: bad or missing values fall back to the defaults. */
function filtersFrom(params: URLSearchParams, surveys: Survey[]): Filters {
  const { preset, period } = periodFrom(params);
  const surveyId = params.get('survey') || undefined;
  const survey = surveys.find((s) => s.id === surveyId);
  const kindParam = params.get('kind') as SurveyKind | null;
  const kind = survey?.kind ?? (kindParam && surveyKindList.includes(kindParam) ? kindParam : 'nps');
  const days = (dayTime(period.to) - dayTime(period.from)) / dayMs;
  const intervalParam = params.get('interval') as Interval | null;
  const fallback: Interval = days <= 31 ? 'day' : days <= 200 ? 'week' : 'month';
  const wanted = intervals.find((i) => i.value === intervalParam);
  const interval = wanted && days <= wanted.maxDays ? wanted.value : fallback;
  const segment = params.get('segment') || undefined;
  return {
    preset,
    period,
    surveyId: survey ? surveyId : undefined,
    departmentId: params.get('department') || undefined,
    includeHandPicked: params.get('hand') === 'true',
    kind,
    interval,
    segment: segment && attributePattern.test(segment) ? segment : undefined,
    split: params.get('split') === 'true',
  };
}

/** The query every metrics call shares. */
const baseQuery = (f: Filters) => ({
  from: f.period.from,
  to: f.period.to,
  surveyId: f.surveyId,
  departmentId: f.departmentId,
  includeHandPicked: f.includeHandPicked ? 'true' : undefined,
});

/** GET /api/v1/responses for a period and segment, for figures that carry no drill-down link. */
function responsesUrl(f: Filters, kind: SurveyKind, period: Period, segment?: { attribute: string; value: string }): string {
  return withQuery('/api/v1/responses', {
    kind,
    from: `${period.from}T00:00:00.000Z`,
    to: `${period.to}T00:00:00.000Z`,
    surveyId: f.surveyId,
    departmentId: f.departmentId,
    includeHandPicked: f.includeHandPicked ? 'true' : undefined,
    segment: segment ? `${segment.attribute}:${segment.value}` : undefined,
  });
}

export function DashboardPage() {
  useDocumentTitle('Dashboard');
  const surveys = useLoad('dashboard-surveys', async (signal) => {
    const [active, archived] = await Promise.all(
      ['false', 'true'].map((archived) =>
        api<{ items: Survey[] }>('/api/v1/surveys', { query: { archived }, signal }).then((r) => r.items),
      ),
    );
    return [...active!, ...archived!];
  });
  const departments = useLoad('departments', (signal) =>
    api<{ items: Department[] }>('/api/v1/departments', { signal }).then((r) => r.items),
  );

  if (surveys.state.status === 'loading') {
    return (
      <div className="page">
        <PageHeader title="Dashboard" />
        <Loading label="Loading surveys…" />
      </div>
    );
  }
  if (surveys.state.status === 'error') {
    return (
      <div className="page">
        <PageHeader title="Dashboard" />
        <ErrorNotice message={messageOf(surveys.state.error)} onRetry={surveys.reload} />
      </div>
    );
  }
  if (surveys.state.data.length === 0) return <NoSurveys />;
  return <Dashboard surveys={surveys.state.data} departments={departments.state.status === 'ready' ? departments.state.data : []} />;
}

function NoSurveys() {
  const { session } = useSession();
  return (
    <div className="page">
      <PageHeader title="Dashboard" />
      <EmptyState
        icon={<ChartIcon />}
        title="No surveys yet"
        action={
          hasRole(session.user.role, 'manager') && (
            <Link to="/surveys/new" className="button button-primary">
              <PlusIcon /> New survey
            </Link>
          )
        }
      >
        <p>Scores appear here once a survey has answers: from links, e-mails, the widget, or answers imported with</p>
        <p>
          <code className="code">POST /api/v1/responses</code>.
        </p>
      </EmptyState>
    </div>
  );
}

function Dashboard({ surveys, departments }: { surveys: Survey[]; departments: Department[] }) {
  const { path, params } = useLocation();
  const f = filtersFrom(params, surveys);
  const survey = surveys.find((s) => s.id === f.surveyId);
  const department = departments.find((d) => d.id === f.departmentId);
  const setParams = (change: Record<string, string | undefined>) => {
    const next: Record<string, string | undefined> = Object.fromEntries(params.entries());
    navigate(withQuery(path, { ...next, ...change }), { replace: true });
  };

  const context = [
    formatPeriod(f.period),
    survey ? survey.name : undefined,
    department ? department.name : undefined,
    f.includeHandPicked ? 'hand-picked answers included' : 'hand-picked answers left out',
  ]
    .filter(Boolean)
    .join(' · ');

  const scoresKey = JSON.stringify(baseQuery(f));
  const scores = useLoad(`scores|${scoresKey}`, (signal) => api<ScoreReport>('/api/v1/metrics/scores', { query: baseQuery(f), signal }));
  const kinds = survey ? [survey.kind] : surveyKindList;

  return (
    <DrillDown surveys={surveys}>
      <div className="page">
        <PageHeader
          title="Dashboard"
          description="Scores from your customers’ answers, each with its 95% interval. A figure from fewer than 30 answers is not shown. Any number opens the answers behind it."
        />
        <FilterBar f={f} surveys={surveys} departments={departments} setParams={setParams} />
        <p className="dashboard-context" role="status">
          {context}
        </p>

        <section aria-label="Headline scores" className="score-grid">
          {scores.state.status === 'loading' &&
            kinds.map((k) => (
              <div key={k} className="card score-card score-card-loading" aria-hidden="true">
                <span className="skeleton skeleton-line" />
                <span className="skeleton skeleton-figure" />
                <span className="skeleton skeleton-line skeleton-short" />
              </div>
            ))}
          {scores.state.status === 'loading' && <p className="visually-hidden">Loading scores…</p>}
          {scores.state.status === 'error' && (
            <div className="score-grid-wide">
              <ErrorNotice message={messageOf(scores.state.error)} onRetry={scores.reload} />
            </div>
          )}
          {scores.state.status === 'ready' &&
            kinds.map((k) => {
              const entry = scores.state.status === 'ready' ? scores.state.data.kinds.find((x) => x.kind === k)?.everyone : undefined;
              return entry ? <ScoreCard key={k} entry={entry} context={context} /> : <NoAnswersCard key={k} kind={k} />;
            })}
        </section>

        <div className="kind-switch">
          <span className="filter-label" id="kind-switch-label">
            Details for
          </span>
          <div className="segmented" role="group" aria-labelledby="kind-switch-label">
            {kinds.map((k) => (
              <button key={k} type="button" className="segment" aria-pressed={f.kind === k} onClick={() => setParams({ kind: k })}>
                {kindTitle[k]}
              </button>
            ))}
          </div>
        </div>

        <TrendSection f={f} context={context} setParams={setParams} />
        <SegmentSection f={f} context={context} setParams={setParams} />
        <CompareSection key={`${f.kind}|${f.period.from}|${f.period.to}|${f.segment ?? ''}`} f={f} />
      </div>
    </DrillDown>
  );
}

function NoAnswersCard({ kind }: { kind: SurveyKind }) {
  return (
    <section className="card score-card" aria-label={kindTitle[kind]}>
      <header className="score-card-head">
        <h2 className="score-card-title">{kindTitle[kind]}</h2>
      </header>
      <p className="score-figure score-missing">Not enough data</p>
      <p className="score-meaning">
        No {kindTitle[kind]} answers in this period (n &lt; {minAnswers}).
      </p>
    </section>
  );
}

function FilterBar({
  f,
  surveys,
  departments,
  setParams,
}: {
  f: Filters;
  surveys: Survey[];
  departments: Department[];
  setParams: (change: Record<string, string | undefined>) => void;
}) {
  return (
    <div className="filters dashboard-filters" role="group" aria-label="Filters">
      <PeriodPicker preset={f.preset} period={f.period} setParams={setParams} />
      <div className="filter-group">
        <label className="filter-label" htmlFor="filter-survey">
          Survey
        </label>
        <select
          id="filter-survey"
          className="input select"
          value={f.surveyId ?? ''}
          onChange={(e) => setParams({ survey: e.target.value || undefined })}
        >
          <option value="">All surveys</option>
          {surveys.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} ({kindTitle[s.kind]}
              {s.archivedAt ? ', archived' : ''})
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
          value={f.departmentId ?? ''}
          onChange={(e) => setParams({ department: e.target.value || undefined })}
        >
          <option value="">All departments</option>
          {departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-group filter-toggle">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={f.includeHandPicked}
            aria-describedby="hand-picked-hint"
            onChange={(e) => setParams({ hand: e.target.checked ? 'true' : undefined })}
          />
          <span>Include hand-picked answers</span>
        </label>
        <span className="field-hint" id="hand-picked-hint">
          Answers to invitations staff chose by hand
        </span>
      </div>
    </div>
  );
}

function TrendSection({
  f,
  context,
  setParams,
}: {
  f: Filters;
  context: string;
  setParams: (change: Record<string, string | undefined>) => void;
}) {
  const split = f.split && !!f.segment;
  const query = { ...baseQuery(f), kind: f.kind, interval: f.interval, segment: split ? f.segment : undefined };
  const trend = useLoad(`trend|${JSON.stringify(query)}`, (signal) => api<Trend>('/api/v1/metrics/trend', { query, signal }));
  const days = (dayTime(f.period.to) - dayTime(f.period.from)) / dayMs;
  const seriesName = (v: string | null) => (v === null ? 'Everyone' : `${f.segment}: ${v}`);
  const drillFor = (s: Trend['series'][number], p: Trend['series'][number]['points'][number]): DrillTarget => ({
    title: `${kindTitle[f.kind]} answers, ${periodLabel(f.interval, p)}${s.segmentValue !== null ? `, ${f.segment}: ${s.segmentValue}` : ''}`,
    description: context,
    url: responsesUrl(
      f,
      f.kind,
      { from: p.start, to: p.end },
      s.segmentValue !== null && f.segment ? { attribute: f.segment, value: s.segmentValue } : undefined,
    ),
    count: p.n,
  });

  return (
    <section className="card dashboard-section" aria-labelledby="trend-heading">
      <div className="section-head section-head-wrap">
        <h2 id="trend-heading">{kindTitle[f.kind]} over time</h2>
        <div className="section-tools">
          <div className="segmented" role="group" aria-label="Points per">
            {intervals.map((i) => {
              const tooLong = days > i.maxDays;
              return (
                <button
                  key={i.value}
                  type="button"
                  className="segment"
                  aria-pressed={f.interval === i.value}
                  aria-disabled={tooLong}
                  title={tooLong ? `At most ${i.maxDays} days by ${i.value}` : undefined}
                  onClick={() => !tooLong && setParams({ interval: i.value })}
                >
                  By {i.label.toLowerCase()}
                </button>
              );
            })}
          </div>
          {f.segment && (
            <label className="checkbox">
              <input type="checkbox" checked={split} onChange={(e) => setParams({ split: e.target.checked ? 'true' : undefined })} />
              <span>One line per {f.segment}</span>
            </label>
          )}
        </div>
      </div>
      {trend.state.status === 'loading' && <Loading label="Loading trend…" />}
      {trend.state.status === 'error' && <ErrorNotice message={messageOf(trend.state.error)} onRetry={trend.reload} />}
      {trend.state.status === 'ready' &&
        (trend.state.data.series.length === 0 || trend.state.data.series.every((s) => s.n === 0) ? (
          <p className="muted empty-inline">No {kindTitle[f.kind]} answers in this period.</p>
        ) : (
          <TrendChart trend={trend.state.data} seriesName={seriesName} drillFor={drillFor} />
        ))}
    </section>
  );
}

function SegmentSection({
  f,
  context,
  setParams,
}: {
  f: Filters;
  context: string;
  setParams: (change: Record<string, string | undefined>) => void;
}) {
  const [attribute, setAttribute] = useState(f.segment ?? '');
  // The attributes customers carry, offered as suggestions; typing any other name still works.
  const known = useLoad('customer-attributes', (signal) => api<CustomerAttributes>('/api/v1/customers/attributes', { signal }));
  const suggestions = known.state.status === 'ready' ? known.state.data.items : [];
  const [error, setError] = useState<string>();
  const query = { ...baseQuery(f), kind: f.kind, segment: f.segment };
  const report = useLoad(`segments|${JSON.stringify(query)}`, (signal) =>
    f.segment ? api<ScoreReport>('/api/v1/metrics/scores', { query, signal }) : Promise.resolve(undefined),
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    const a = attribute.trim();
    if (a && !attributePattern.test(a)) return setError('Enter an attribute name without a colon, e.g. plan');
    setError(undefined);
    setParams({ segment: a || undefined });
  }

  const kindReport = report.state.status === 'ready' ? report.state.data?.kinds.find((k) => k.kind === f.kind) : undefined;
  return (
    <section className="card dashboard-section" aria-labelledby="segments-heading">
      <div className="section-head section-head-wrap">
        <h2 id="segments-heading">{kindTitle[f.kind]} by segment</h2>
      </div>
      <form className="inline-form segment-form" onSubmit={submit} noValidate>
        <Field
          label="Customer attribute"
          hint={
            suggestions.length
              ? `Your customers carry: ${suggestions
                  .slice(0, 6)
                  .map((a) => a.key)
                  .join(', ')}${suggestions.length > 6 ? ', …' : ''}.`
              : 'Any attribute your events set on customers, e.g. plan, region or country.'
          }
          error={error}
        >
          {(control) => (
            <>
              <input
                {...control}
                className="input input-mono"
                maxLength={64}
                spellCheck={false}
                autoCapitalize="off"
                placeholder={suggestions[0]?.key ?? 'plan'}
                list="segment-attributes"
                value={attribute}
                onChange={(e) => setAttribute(e.target.value)}
              />
              <datalist id="segment-attributes">
                {suggestions.map((a) => (
                  <option key={a.key} value={a.key}>
                    {`${a.customers} customers; ${a.values
                      .slice(0, 3)
                      .map((v) => v.value)
                      .join(', ')}`}
                  </option>
                ))}
              </datalist>
            </>
          )}
        </Field>
        <button type="submit" className="button">
          Break down
        </button>
        {f.segment && (
          <button
            type="button"
            className="button button-ghost"
            onClick={() => {
              setAttribute('');
              setParams({ segment: undefined, split: undefined });
            }}
          >
            Clear
          </button>
        )}
      </form>
      {!f.segment && <p className="muted empty-inline">Choose a customer attribute to see a score for each of its values.</p>}
      {f.segment && report.state.status === 'loading' && <Loading label="Loading segments…" />}
      {report.state.status === 'error' && <ErrorNotice message={messageOf(report.state.error)} onRetry={report.reload} />}
      {f.segment && kindReport && (
        <SegmentTable
          segment={f.segment}
          everyone={kindReport.everyone}
          rows={kindReport.segments}
          omitted={kindReport.omittedSegments}
          context={context}
        />
      )}
      {f.segment && report.state.status === 'ready' && !kindReport && (
        <p className="muted empty-inline">No {kindTitle[f.kind]} answers in this period.</p>
      )}
    </section>
  );
}

function SegmentTable({
  segment,
  everyone,
  rows,
  omitted,
  context,
}: {
  segment: string;
  everyone: ScoreEntry;
  rows: ScoreEntry[];
  omitted: number;
  context: string;
}) {
  if (rows.length === 0) {
    return (
      <p className="muted empty-inline">
        No answers come from customers with a <code className="code">{segment}</code> attribute in this period.
      </p>
    );
  }
  return (
    <>
      <div className="table-scroll">
        <table className="table table-compact segment-table">
          <caption className="visually-hidden">
            {kindTitle[everyone.kind]} by {segment}
          </caption>
          <thead>
            <tr>
              <th scope="col">{segment}</th>
              <th scope="col">{kindTitle[everyone.kind]}</th>
              <th scope="col">95% interval</th>
              <th scope="col">Answers (n)</th>
              <th scope="col">Response rate</th>
            </tr>
          </thead>
          <tbody>
            {[...rows, everyone].map((row) => (
              <SegmentRow key={row.segmentValue ?? '(everyone)'} row={row} segment={segment} context={context} />
            ))}
          </tbody>
        </table>
      </div>
      {omitted > 0 && <p className="field-hint">{formatCount(omitted)} more values with fewer answers are not listed.</p>}
    </>
  );
}

function SegmentRow({ row, segment, context }: { row: ScoreEntry; segment: string; context: string }) {
  const kind = row.kind;
  const name = row.segmentValue === null ? 'Everyone' : row.segmentValue;
  const target: DrillTarget = {
    title: `${kindTitle[kind]} answers, ${row.segmentValue === null ? 'everyone' : `${segment}: ${row.segmentValue}`}`,
    description: context,
    url: row.drillDown,
    count: row.n,
  };
  return (
    <tr className={row.segmentValue === null ? 'row-total' : undefined}>
      <th scope="row" className="row-head">
        {name}
      </th>
      <td>
        {row.enoughData && row.value !== null ? (
          <DrillButton target={target} what={`the answers of ${name}`}>
            {formatFigure(kind, row.value)}
          </DrillButton>
        ) : (
          <span className="muted">Not enough data</span>
        )}
      </td>
      <td>
        {row.enoughData && row.value !== null && row.interval ? (
          <div className="interval-cell">
            <IntervalBar kind={kind} value={row.value} interval={row.interval} compact />
            <span>
              {formatBound(kind, row.interval.low)} to {formatBound(kind, row.interval.high)}
            </span>
          </div>
        ) : (
          <span className="muted">n &lt; {minAnswers}</span>
        )}
      </td>
      <td>
        {row.n > 0 ? (
          <DrillButton target={target} what={`the ${formatCount(row.n)} answers of ${name}`}>
            {formatCount(row.n)}
          </DrillButton>
        ) : (
          '0'
        )}
      </td>
      <td>
        {row.responseRate.enoughData && row.responseRate.value !== null ? (
          `${Math.round(row.responseRate.value)}%`
        ) : (
          <span className="muted">Not enough invitations</span>
        )}
      </td>
    </tr>
  );
}

type CompareMode = 'periods' | 'segments';

function CompareSection({ f }: { f: Filters }) {
  const form = useRef<HTMLFormElement>(null);
  const [mode, setMode] = useState<CompareMode>('periods');
  const length = (dayTime(f.period.to) - dayTime(f.period.from)) / dayMs;
  const [a, setA] = useState({ from: f.period.from, to: addDays(f.period.to, -1) });
  const [b, setB] = useState({ from: addDays(f.period.from, -length), to: addDays(f.period.from, -1) });
  const [attribute, setAttribute] = useState(f.segment ?? '');
  // The attributes customers carry, offered as suggestions; typing any other name still works.
  const known = useLoad('customer-attributes', (signal) => api<CustomerAttributes>('/api/v1/customers/attributes', { signal }));
  const suggestions = known.state.status === 'ready' ? known.state.data.items : [];
  const [valueA, setValueA] = useState('');
  const [valueB, setValueB] = useState('');
  const [result, setResult] = useState<CompareResult>();
  const { errors, failure, busy, submit: run } = useFormSubmit(form);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (mode === 'periods') {
      if (!isDay(a.from)) problems['a.from'] = 'Choose the first day of period A';
      if (!isDay(a.to) || a.to < a.from) problems['a.to'] = 'Choose the last day of period A, on or after its first';
      if (!isDay(b.from)) problems['b.from'] = 'Choose the first day of period B';
      if (!isDay(b.to) || b.to < b.from) problems['b.to'] = 'Choose the last day of period B, on or after its first';
    } else {
      if (!attributePattern.test(attribute.trim())) problems.segment = 'Enter a customer attribute, e.g. plan';
      if (!valueA.trim()) problems.a = 'Enter the value of group A, e.g. gold';
      if (!valueB.trim()) problems.b = 'Enter the value of group B, e.g. basic';
    }
    setResult(undefined);
    await run(problems, async () => {
      const common = {
        kind: f.kind,
        surveyId: f.surveyId,
        departmentId: f.departmentId,
        includeHandPicked: f.includeHandPicked ? 'true' : undefined,
      };
      const query =
        mode === 'periods'
          ? { ...common, 'a.from': a.from, 'a.to': addDays(a.to, 1), 'b.from': b.from, 'b.to': addDays(b.to, 1) }
          : { ...common, from: f.period.from, to: f.period.to, segment: attribute.trim(), a: valueA.trim(), b: valueB.trim() };
      setResult(await api<CompareResult>('/api/v1/metrics/compare', { query }));
    });
  }

  const dateField = (key: string, label: string, value: string, set: (v: string) => void) => (
    <Field label={label} error={errors[key]}>
      {(control) => <input {...control} className="input date-input" type="date" value={value} onChange={(e) => set(e.target.value)} />}
    </Field>
  );

  return (
    <section className="card dashboard-section" aria-labelledby="compare-heading">
      <div className="section-head">
        <h2 id="compare-heading">Compare {kindTitle[f.kind]}</h2>
      </div>
      <form ref={form} onSubmit={submit} noValidate className="stack">
        {failure && <ErrorNotice message={failure} />}
        <fieldset className="field">
          <legend className="field-label">Compare</legend>
          <div className="radio-row">
            <label className="radio">
              <input type="radio" name="compare-mode" checked={mode === 'periods'} onChange={() => setMode('periods')} />
              <span>Two periods</span>
            </label>
            <label className="radio">
              <input type="radio" name="compare-mode" checked={mode === 'segments'} onChange={() => setMode('segments')} />
              <span>Two values of a customer attribute ({formatPeriod(f.period)})</span>
            </label>
          </div>
        </fieldset>
        {mode === 'periods' ? (
          <div className="compare-inputs">
            <fieldset className="compare-group">
              <legend className="field-label">Period A</legend>
              {dateField('a.from', 'From', a.from, (v) => setA({ ...a, from: v }))}
              {dateField('a.to', 'To, included', a.to, (v) => setA({ ...a, to: v }))}
            </fieldset>
            <fieldset className="compare-group">
              <legend className="field-label">Period B</legend>
              {dateField('b.from', 'From', b.from, (v) => setB({ ...b, from: v }))}
              {dateField('b.to', 'To, included', b.to, (v) => setB({ ...b, to: v }))}
            </fieldset>
          </div>
        ) : (
          <div className="compare-inputs">
            <Field label="Customer attribute" error={errors.segment}>
              {(control) => (
                <input
                  {...control}
                  className="input input-mono"
                  maxLength={64}
                  spellCheck={false}
                  autoCapitalize="off"
                  placeholder="plan"
                  list="compare-attributes"
                  value={attribute}
                  onChange={(e) => setAttribute(e.target.value)}
                />
              )}
            </Field>
            <datalist id="compare-attributes">
              {suggestions.map((a) => (
                <option key={a.key} value={a.key} />
              ))}
            </datalist>
            <datalist id="compare-values">
              {(suggestions.find((a) => a.key === attribute.trim())?.values ?? []).map((v) => (
                <option key={v.value} value={v.value} />
              ))}
            </datalist>
            <Field label="Value A" error={errors.a}>
              {(control) => (
                <input
                  {...control}
                  className="input"
                  maxLength={200}
                  placeholder="gold"
                  list="compare-values"
                  value={valueA}
                  onChange={(e) => setValueA(e.target.value)}
                />
              )}
            </Field>
            <Field label="Value B" error={errors.b}>
              {(control) => (
                <input
                  {...control}
                  className="input"
                  maxLength={200}
                  placeholder="basic"
                  list="compare-values"
                  value={valueB}
                  onChange={(e) => setValueB(e.target.value)}
                />
              )}
            </Field>
          </div>
        )}
        <div>
          <button type="submit" className="button button-primary" aria-disabled={busy}>
            {busy ? 'Comparing…' : 'Compare'}
          </button>
        </div>
      </form>
      <div aria-live="polite">{result && <CompareOutcome result={result} />}</div>
    </section>
  );
}

function sideName(r: CompareResult, side: 'a' | 'b'): string {
  const s = r[side];
  if (r.by === 'segments') return `${r.segment}: ${s.segmentValue ?? ''}`;
  return formatPeriod({ from: s.from, to: s.to });
}

function CompareOutcome({ result: r }: { result: CompareResult }) {
  const kind = r.kind;
  const hand = r.includeHandPicked ? 'hand-picked answers included' : 'hand-picked answers left out';
  return (
    <div className="compare-result">
      <h3 className="visually-hidden">Result</h3>
      <div className="compare-sides">
        {(['a', 'b'] as const).map((side) => {
          const s = r[side];
          const name = sideName(r, side);
          const target: DrillTarget = {
            title: `${kindTitle[kind]} answers, ${side.toUpperCase()}: ${name}`,
            description: r.by === 'segments' ? `${formatDay(s.from)} – ${formatDay(addDays(s.to, -1))} · ${hand}` : hand,
            url: s.drillDown,
            count: s.n,
          };
          return (
            <div key={side} className="compare-side">
              <p className="compare-side-name">
                <span className="compare-letter">{side.toUpperCase()}</span> {name}
              </p>
              {s.enoughData && s.value !== null && s.interval ? (
                <>
                  <p className="compare-figure">
                    <DrillButton target={target} what={`the answers of ${side.toUpperCase()}`}>
                      {formatFigure(kind, s.value)}
                    </DrillButton>
                  </p>
                  <IntervalBar kind={kind} value={s.value} interval={s.interval} />
                  <p className="score-interval">{intervalWords(kind, s.interval)}</p>
                  {kind === 'ces' && s.mean && <p className="score-interval">Mean {formatMean(s.mean.value)} out of 7</p>}
                </>
              ) : (
                <p className="compare-figure score-missing">Not enough data</p>
              )}
              <p className="muted">
                n ={' '}
                {s.n > 0 ? (
                  <DrillButton target={target} what={`the ${formatCount(s.n)} answers of ${side.toUpperCase()}`}>
                    {formatCount(s.n)}
                  </DrillButton>
                ) : (
                  '0'
                )}
              </p>
            </div>
          );
        })}
      </div>
      <Verdict kind={kind} c={r} label="Difference (A − B)" />
      {kind === 'ces' && r.mean && <Verdict kind={kind} c={r.mean} label="Difference of the means (A − B)" mean />}
    </div>
  );
}

function Verdict({
  kind,
  c,
  label,
  mean = false,
}: {
  kind: SurveyKind;
  c: { enoughData: boolean; difference: number | null; z: number | null; significant: boolean | null };
  label: string;
  mean?: boolean;
}) {
  if (!c.enoughData || c.difference === null || c.z === null) {
    return (
      <p className="verdict verdict-none">
        <strong>{label}:</strong> not enough data: each side needs at least {minAnswers} answers.
      </p>
    );
  }
  const diff = mean
    ? `${c.difference > 0 ? '+' : c.difference < 0 ? '−' : '±'}${Math.abs(c.difference).toFixed(2)}`
    : formatDifference(kind, c.difference);
  return (
    <p className={c.significant ? 'verdict verdict-significant' : 'verdict'}>
      <strong>{label}:</strong> {diff} · z = {formatZ(c.z)} ·{' '}
      <span className="verdict-word">{c.significant ? 'Significant' : 'Not significant'}</span>{' '}
      <span className="muted">(at 95%: |z| ≥ 1.96{c.significant ? '' : '; the difference may be chance'})</span>
    </p>
  );
}
