// What the app says about recovery cases: origins, severities, the playbook's steps, and the
// clock read at a given moment. The contract's runtime lists are repeated here so the bundle
// needs no zod; the type checks below fail if the contract gains a value.
import type { Case, CaseSeverity, StepName } from '../../shared/types.ts';

type Exhaustive<Want, Have> = [Want] extends [Have] ? true : false;
const exhaustive = <T extends true>(t: T) => t;

export type CaseOrigin = Case['origin'];

export const originList = [
  'survey',
  'complaint',
  'manual',
  'proactive',
  'commitment',
  'contradiction',
  'basic',
] as const satisfies readonly CaseOrigin[];
exhaustive<Exhaustive<CaseOrigin, (typeof originList)[number]>>(true);

export const originName: Record<CaseOrigin, string> = {
  survey: 'Low answer',
  complaint: 'Complaint',
  manual: 'Reported by staff',
  proactive: 'Proactive',
  commitment: 'Broken promise',
  contradiction: 'Contradiction',
  basic: 'Broken basic',
};

export const severityList = ['low', 'normal', 'high', 'critical'] as const satisfies readonly CaseSeverity[];
exhaustive<Exhaustive<CaseSeverity, (typeof severityList)[number]>>(true);

export const severityName: Record<CaseSeverity, string> = { low: 'Low', normal: 'Normal', high: 'High', critical: 'Critical' };

export const stepList = [
  'acknowledge',
  'apologise',
  'investigate',
  'fix',
  'ask',
  'restitution',
  'follow_up',
] as const satisfies readonly StepName[];
exhaustive<Exhaustive<StepName, (typeof stepList)[number]>>(true);

/** Short names, for lists ("next: Apologise"); the case itself carries each step's full title. */
export const stepName: Record<StepName, string> = {
  acknowledge: 'Acknowledge',
  apologise: 'Apologise',
  investigate: 'Investigate',
  fix: 'Fix',
  ask: 'Ask',
  restitution: 'Restitution',
  follow_up: 'Follow up',
};

/** Words for a list of step names: "Apologise, Fix and Follow up". */
export function stepWords(steps: readonly string[]): string {
  const names = steps.map((s) => stepName[s as StepName] ?? s);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

export type ClockStage = 'on_track' | 'reminded' | 'escalated' | 'breached' | 'recovered' | 'recovered_late' | 'closed';

export interface ClockReading {
  stage: ClockStage;
  /** milliseconds to the target (negative: overdue), at `now` or when the clock stopped */
  left: number;
  /** elapsed share of the target, 0..1 and beyond when overdue */
  elapsed: number;
  /** where the reminder (50 %) and the escalation (80 %) fall on the bar, 0..1 */
  remindMark: number;
  escalateMark: number;
  /** when the clock stopped (the case was recovered, or closed before it was), if it did */
  stoppedAt: string | null;
}

/**
 * The clock runs from the oops to the target. In business hours the reminder and escalation
 * are not at 50 % and 80 % of the wall time, so the marks sit where they really fall.
 */
export function readClock(c: Case, now: number): ClockReading {
  const start = Date.parse(c.oopsAt);
  const due = Date.parse(c.dueAt);
  const span = Math.max(1, due - start);
  const stoppedAt = c.recoveredAt ?? c.closedAt;
  const at = stoppedAt ? Date.parse(stoppedAt) : now;
  const mark = (iso: string) => Math.min(1, Math.max(0, (Date.parse(iso) - start) / span));
  let stage: ClockStage;
  if (c.recoveredAt) stage = Date.parse(c.recoveredAt) <= due ? 'recovered' : 'recovered_late';
  else if (c.closedAt) stage = 'closed';
  else if (c.breachedAt || at >= due) stage = 'breached';
  else if (c.escalatedAt || at >= Date.parse(c.escalateAt)) stage = 'escalated';
  else if (c.remindedAt || at >= Date.parse(c.remindAt)) stage = 'reminded';
  else stage = 'on_track';
  return {
    stage,
    left: due - at,
    elapsed: (at - start) / span,
    remindMark: mark(c.remindAt),
    escalateMark: mark(c.escalateAt),
    stoppedAt,
  };
}

/** "3 d 4 h", "5 h 12 min", "12 min", "under a minute". */
export function formatSpan(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 1) return 'under a minute';
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return h ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m ? `${h} h ${m} min` : `${h} h`;
  return `${m} min`;
}

/** The clock in a few words: "5 h 12 min left", "overdue by 2 h", "recovered in 3 h". */
export function clockWords(c: Case, r: ClockReading): string {
  const took = r.stoppedAt ? formatSpan(Date.parse(r.stoppedAt) - Date.parse(c.oopsAt)) : '';
  switch (r.stage) {
    case 'recovered':
      return `Recovered in ${took}`;
    case 'recovered_late':
      return `Recovered in ${took}, ${formatSpan(r.left)} late`;
    case 'closed':
      return `Closed after ${took}`;
    case 'breached':
      return `Overdue by ${formatSpan(r.left)}`;
    default:
      return `${formatSpan(r.left)} left`;
  }
}

export const stageName: Record<ClockStage, string> = {
  on_track: 'On track',
  reminded: 'Owner reminded',
  escalated: 'Escalated',
  breached: 'Breached',
  recovered: 'Recovered in time',
  recovered_late: 'Recovered late',
  closed: 'Closed',
};

/** The tone a stage is drawn in: ok (green), warn (amber), danger (red), done (grey-blue). */
export const stageTone: Record<ClockStage, 'ok' | 'warn' | 'danger' | 'done'> = {
  on_track: 'ok',
  reminded: 'warn',
  escalated: 'warn',
  breached: 'danger',
  recovered: 'done',
  recovered_late: 'done',
  closed: 'done',
};

/** Placeholders an apology may use, filled in for one case and one person. */
export interface PlaceholderValues {
  customerName: string;
  staffName: string;
  caseTitle: string;
  caseNumber: string;
  company: string;
}

export const placeholderList = [
  'customerName',
  'staffName',
  'caseTitle',
  'caseNumber',
  'company',
] as const satisfies readonly (keyof PlaceholderValues)[];

/** A template's body with each {placeholder} it knows replaced; unknown ones stay as written. */
export function fillPlaceholders(body: string, values: PlaceholderValues): string {
  return body.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? values[key as keyof PlaceholderValues] : whole));
}
