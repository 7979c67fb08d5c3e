// Which points of a case's clock have fired and which are due: pure, read off the case's marks
// (remindedAt, escalatedAt, breachedAt) and the clock's points (case-clock.ts).
import type { CaseRecord } from '../../storage/cases.ts';
import type { ClockPoints } from './case-clock.ts';

export type ClockPoint = 'remind' | 'escalate' | 'breach';

type Marks = Pick<CaseRecord, 'remindedAt' | 'escalatedAt' | 'breachedAt'>;

/** The next point of a case's clock that has not fired yet, or undefined when all have. */
export function nextPoint(c: Marks, points: ClockPoints): Date | undefined {
  if (!c.remindedAt) return points.remind;
  if (!c.escalatedAt) return points.escalate;
  if (!c.breachedAt) return points.due;
  return undefined;
}

/** The points of the case's clock that are due at `now` and have not fired, in clock order. */
export function duePoints(c: Marks, points: ClockPoints, now: Date): ClockPoint[] {
  const due: ClockPoint[] = [];
  if (!c.remindedAt && points.remind <= now) due.push('remind');
  if (!c.escalatedAt && points.escalate <= now) due.push('escalate');
  if (!c.breachedAt && points.due <= now) due.push('breach');
  return due;
}

/** When a point falls due. */
export const timeOf = (p: ClockPoint, points: ClockPoints) =>
  p === 'remind' ? points.remind : p === 'escalate' ? points.escalate : points.due;
