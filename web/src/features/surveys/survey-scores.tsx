// A survey's own scores on its page: the headline figure of the last 90 days with its 95 %
// interval, n and response rate (the dashboard's score card), its trend by week with gaps for
// thin weeks, and its latest answers. Every number opens the answers behind it; "All answers"
// opens them all, and the dashboard has the rest.
import { useMemo } from 'react';
import { api, messageOf } from '../../shared/api.ts';
import { useLoad } from '../../shared/hooks.ts';
import { Link } from '../../shared/router.tsx';
import { ErrorNotice, Loading } from '../../shared/states.tsx';
import type { Page, ScoreReport, Survey, SurveyResponse, Trend } from '../../shared/types.ts';
import { AnswerItem, DrillButton, DrillDown, type DrillTarget } from '../dashboard/drill-down.tsx';
import { ScoreCard } from '../dashboard/score-card.tsx';
import { formatPeriod, kindTitle, lastDays, minAnswers } from '../dashboard/scores.ts';
import { periodLabel, TrendChart } from '../dashboard/trend-chart.tsx';

const latestCount = 5;
const days = 90;

export function SurveyScores({ survey }: { survey: Survey }) {
  const period = useMemo(() => lastDays(days), []);
  const query = { surveyId: survey.id, kind: survey.kind, from: period.from, to: period.to };
  const scores = useLoad(`survey-scores|${survey.id}`, (signal) => api<ScoreReport>('/api/v1/metrics/scores', { query, signal }));
  const trend = useLoad(`survey-trend|${survey.id}`, (signal) =>
    api<Trend>('/api/v1/metrics/trend', { query: { ...query, interval: 'week' }, signal }),
  );
  const latest = useLoad(`survey-latest|${survey.id}`, (signal) =>
    api<Page<SurveyResponse>>('/api/v1/responses', { query: { surveyId: survey.id, limit: latestCount }, signal }),
  );
  const context = `${survey.name} · ${formatPeriod(period)}`;
  const entry = scores.state.status === 'ready' ? scores.state.data.kinds.find((k) => k.kind === survey.kind)?.everyone : undefined;
  const all: DrillTarget = {
    title: `Answers to ${survey.name}`,
    description: 'Every answer, newest first',
    url: `/api/v1/responses?surveyId=${survey.id}`,
  };

  return (
    <DrillDown surveys={[survey]}>
      <section className="card dashboard-section" aria-labelledby="survey-scores-heading">
        <div className="section-head section-head-wrap">
          <h2 id="survey-scores-heading">Scores, last {days} days</h2>
          <Link to={`/dashboard?survey=${survey.id}`} className="button button-small">
            More on the dashboard
          </Link>
        </div>
        {scores.state.status === 'loading' && <Loading label="Loading scores…" />}
        {scores.state.status === 'error' && <ErrorNotice message={messageOf(scores.state.error)} onRetry={scores.reload} />}
        {scores.state.status === 'ready' &&
          (entry ? (
            <div className="survey-score">
              <ScoreCard entry={entry} context={context} inner />
            </div>
          ) : (
            <p className="muted empty-inline">
              No answers in the last {days} days: a score needs at least {minAnswers}.
            </p>
          ))}
        {trend.state.status === 'ready' && trend.state.data.series.some((s) => s.n > 0) && (
          <>
            <h3 className="subsection-title">{kindTitle[survey.kind]} by week</h3>
            <TrendChart
              trend={trend.state.data}
              seriesName={() => survey.name}
              drillFor={(_s, p) => ({
                title: `${kindTitle[survey.kind]} answers, ${periodLabel('week', p)}`,
                description: survey.name,
                url: `/api/v1/responses?surveyId=${survey.id}&from=${p.start}T00:00:00.000Z&to=${p.end}T00:00:00.000Z`,
                count: p.n,
              })}
            />
          </>
        )}
        {trend.state.status === 'error' && <ErrorNotice message={messageOf(trend.state.error)} onRetry={trend.reload} />}
      </section>
      <section className="card dashboard-section" aria-labelledby="survey-latest-heading">
        <div className="section-head section-head-wrap">
          <h2 id="survey-latest-heading">Latest answers</h2>
          {latest.state.status === 'ready' && latest.state.data.items.length > 0 && (
            <DrillButton target={all} what={`every answer to ${survey.name}`} className="button button-small">
              All answers
            </DrillButton>
          )}
        </div>
        {latest.state.status === 'loading' && <Loading label="Loading answers…" />}
        {latest.state.status === 'error' && <ErrorNotice message={messageOf(latest.state.error)} onRetry={latest.reload} />}
        {latest.state.status === 'ready' &&
          (latest.state.data.items.length === 0 ? (
            <p className="muted empty-inline">No answers yet.</p>
          ) : (
            <ol className="answer-list" aria-label={`The latest ${latestCount} answers, newest first`}>
              {latest.state.data.items.map((r) => (
                <AnswerItem key={r.id} response={r} survey={survey} />
              ))}
            </ol>
          ))}
      </section>
    </DrillDown>
  );
}
