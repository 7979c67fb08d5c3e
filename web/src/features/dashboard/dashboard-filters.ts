// The dashboard's filters, read from the URL (bad or missing values fall back to the defaults),
// and the queries they make. Pure, so it is tested without a browser.
import { withQuery } from '../../shared/router.tsx';
import { dayMs, dayTime, formatPeriod, periodFrom, type Period } from './scores.ts';
import { surveyKindList } from '../surveys/survey-kinds.ts';
import type { Survey, SurveyKind, Trend } from '../../shared/types.ts';

/** How many days a period spans (its `to` is the day after its last). */
export const periodDays = (p: Period) => (dayTime(p.to) - dayTime(p.from)) / dayMs;

type Interval = Trend['interval'];
export const intervals: { value: Interval; label: string; maxDays: number }[] = [
  { value: 'day', label: 'Day', maxDays: 366 },
  { value: 'week', label: 'Week', maxDays: 1098 },
  { value: 'month', label: 'Month', maxDays: 3660 },
];
export const attributePattern = /^[^:]{1,64}$/;

export interface Filters {
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
export function filtersFrom(params: URLSearchParams, surveys: Survey[]): Filters {
  const { preset, period } = periodFrom(params);
  const surveyId = params.get('survey') || undefined;
  const survey = surveys.find((s) => s.id === surveyId);
  const kindParam = params.get('kind') as SurveyKind | null;
  const kind = survey?.kind ?? (kindParam && surveyKindList.includes(kindParam) ? kindParam : 'nps');
  const days = periodDays(period);
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
export const baseQuery = (f: Filters) => ({
  from: f.period.from,
  to: f.period.to,
  surveyId: f.surveyId,
  departmentId: f.departmentId,
  includeHandPicked: f.includeHandPicked ? 'true' : undefined,
});

/** GET /api/v1/responses for a period and segment, for figures that carry no drill-down link. */
export function responsesUrl(f: Filters, kind: SurveyKind, period: Period, segment?: { attribute: string; value: string }): string {
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

/** The line under the filters that says what the figures cover. */
export function contextOf(f: Filters, survey?: { name: string }, department?: { name: string }): string {
  return [
    formatPeriod(f.period),
    survey ? survey.name : undefined,
    department ? department.name : undefined,
    f.includeHandPicked ? 'hand-picked answers included' : 'hand-picked answers left out',
  ]
    .filter(Boolean)
    .join(' · ');
}

/** A customer attribute to break down by, as typed: undefined when fine or empty. */
export const segmentProblem = (typed: string) =>
  typed.trim() && !attributePattern.test(typed.trim()) ? 'Enter an attribute name without a colon, e.g. plan' : undefined;
