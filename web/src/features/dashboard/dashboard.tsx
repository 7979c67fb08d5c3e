// The dashboard: NPS, CSAT and CES with n, their 95 % intervals and response rates; a trend by
// day, week or month; a breakdown by any customer attribute; and a comparison of two periods or
// two segment values. Under 30 answers a figure is "not enough data", never a number. Answers to
// hand-picked invitations are left out unless included. Every number opens the answers behind
// it. The filters live in the URL, so a view can be reloaded and shared.
import { api, messageOf } from '../../shared/api.ts';
import { DrillDown } from './drill-down.tsx';
import { ChartIcon, PlusIcon } from '../../shared/icons.tsx';
import { ScoreCard } from './score-card.tsx';
import { EmptyState, ErrorNotice, Loading, PageHeader } from '../../shared/states.tsx';
import { useDocumentTitle, useLoad } from '../../shared/hooks.ts';
import { Link, navigate, useLocation, withQuery } from '../../shared/router.tsx';
import { kindTitle, minAnswers } from './scores.ts';
import { hasRole, useSession } from '../../shared/session.ts';
import { surveyKindList } from '../surveys/survey-kinds.ts';
import type { Department, ScoreReport, Survey, SurveyKind } from '../../shared/types.ts';
import { CompareSection } from './compare-section.tsx';
import { baseQuery, contextOf, filtersFrom } from './dashboard-filters.ts';
import { FilterBar } from './filter-bar.tsx';
import { SegmentSection } from './segment-section.tsx';
import { TrendSection } from './trend-section.tsx';
import { GrowthTile } from '../measurement/growth-tile.tsx';

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

  const context = contextOf(f, survey, department);

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
          <GrowthTile />
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
