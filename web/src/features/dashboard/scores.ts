// How the dashboard reads and words scores: figures on each kind's scale, 95 % intervals in
// words, the score ranges behind "positive" and "negative", and periods as UTC days.
import type { SurveyKind } from '../../shared/types.ts';

/** A figure needs at least this many answers (the API's `minAnswers`). */
export const minAnswers = 30;

export const kindTitle: Record<SurveyKind, string> = { nps: 'NPS', csat: 'CSAT', ces: 'CES' };
export const kindLongName: Record<SurveyKind, string> = {
  nps: 'Net Promoter Score',
  csat: 'Customer satisfaction',
  ces: 'Customer effort',
};
/** What the headline figure is, in words. */
export const figureMeaning: Record<SurveyKind, string> = {
  nps: '% promoters (9–10) minus % detractors (0–6)',
  csat: '% of answers 4 or 5 out of 5',
  ces: '% of answers 5 to 7 out of 7 (easy)',
};

/** The range the headline figure can take: NPS -100..100, the others 0..100 %. */
export const axisOf = (kind: SurveyKind) => (kind === 'nps' ? { min: -100, max: 100 } : { min: 0, max: 100 });

/** The scores counted as positive and negative (promoters and detractors for NPS). */
export const bands: Record<
  SurveyKind,
  { positive: [number, number]; negative: [number, number]; positiveName: string; negativeName: string }
> = {
  nps: { positive: [9, 10], negative: [0, 6], positiveName: 'Promoters', negativeName: 'Detractors' },
  csat: { positive: [4, 5], negative: [1, 3], positiveName: 'Satisfied', negativeName: 'Not satisfied' },
  ces: { positive: [5, 7], negative: [1, 4], positiveName: 'Easy', negativeName: 'Not easy' },
};

const round = (v: number, digits = 0) => {
  const f = 10 ** digits;
  const r = Math.round(v * f) / f;
  return Object.is(r, -0) ? 0 : r;
};

/** NPS as a signed whole number (+42, −8, 0); the others as whole percentages. */
export function formatFigure(kind: SurveyKind, value: number): string {
  const r = round(value);
  if (kind === 'nps') return r > 0 ? `+${r}` : r < 0 ? `−${Math.abs(r)}` : '0';
  return `${r}%`;
}

/** The same, with one decimal, for differences and bounds where a point matters. */
export function formatBound(kind: SurveyKind, value: number): string {
  const r = round(value);
  const text = r < 0 ? `−${Math.abs(r)}` : String(r);
  return kind === 'nps' ? text : `${text}%`;
}

export function formatDifference(kind: SurveyKind, value: number): string {
  const r = round(value, 1);
  const text = `${r > 0 ? '+' : r < 0 ? '−' : '±'}${Math.abs(r).toFixed(1)}`;
  return kind === 'nps' ? `${text} points` : `${text} percentage points`;
}

export const formatZ = (z: number) => (z < 0 ? `−${Math.abs(z).toFixed(2)}` : z.toFixed(2));
export const formatMean = (v: number) => round(v, 2).toFixed(2);
export const formatCount = (n: number) => n.toLocaleString();

export function intervalWords(kind: SurveyKind, interval: { low: number; high: number }): string {
  return `95% interval ${formatBound(kind, interval.low)} to ${formatBound(kind, interval.high)}`;
}

/** An API URL (absolute or a path) with some query parameters set or removed. */
export function withParams(url: string, params: Record<string, string | number | undefined>): string {
  const u = new URL(url, window.location.origin);
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === '') u.searchParams.delete(k);
    else u.searchParams.set(k, String(v));
  }
  return u.pathname + u.search;
}

// ---------- Periods: whole UTC days, `to` not included, as the API takes them ----------

export const dayMs = 86_400_000;
export const toDay = (t: number) => new Date(t).toISOString().slice(0, 10);
export const dayTime = (day: string) => Date.parse(`${day}T00:00:00Z`);
export const addDays = (day: string, n: number) => toDay(dayTime(day) + n * dayMs);
export const todayUtc = () => toDay(Date.now());
export const isDay = (s: string | null | undefined): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(dayTime(s));

export const periodPresets = [
  { value: '30', label: 'Last 30 days', days: 30 },
  { value: '90', label: 'Last 90 days', days: 90 },
  { value: '365', label: 'Last 365 days', days: 365 },
] as const;

export interface Period {
  /** first day included */
  from: string;
  /** first day not included */
  to: string;
}

/** The last `days` days, today included. */
export function lastDays(days: number): Period {
  const to = addDays(todayUtc(), 1);
  return { from: addDays(to, -days), to };
}

const dayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const shortDayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
const monthFormat = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' });

export const formatDay = (day: string) => dayFormat.format(dayTime(day));
export const formatShortDay = (day: string) => shortDayFormat.format(dayTime(day));
export const formatMonth = (day: string) => monthFormat.format(dayTime(day));

/** "3 Mar 2026 – 1 Apr 2026", with the last day that is included. */
export const formatPeriod = (p: Period) => {
  const last = addDays(p.to, -1);
  return last === p.from ? formatDay(p.from) : `${formatDay(p.from)} – ${formatDay(last)}`;
};

/** The period in the URL; a bad or missing one falls back to the last 90 days. */
export function periodFrom(params: URLSearchParams): { preset: string; period: Period } {
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
