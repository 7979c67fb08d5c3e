// The case clock: it starts at the oops. From the moment of the oops and a target in hours it gives
// the three moments that matter: the owner is reminded at 50 %, the managers at 80 %, the case is
// breached at 100 %. Calendar hours by default; with business hours only working time counts.
//
// Pure: no I/O, and the only platform API is Intl. Local time is read with
// Intl.DateTimeFormat#formatToParts, never with a fixed offset, so a working day that has 23 or 25
// hours (a DST switch) counts the time that really passes. Working time is real elapsed time:
// a window 01:00-04:00 in Europe/Amsterdam lasts 2 h on 2026-03-29 and 4 h on 2026-10-25.
//
// Local times that do not exist or exist twice follow Temporal's 'compatible' rule: a time in the
// spring-forward gap moves forward by the length of the gap (02:30 -> 03:30 CEST), and a time that
// happens twice in the autumn is the earlier one (02:30 CEST, not 02:30 CET).
import { businessHoursSchema, minutesOfDay, targetHoursSchema } from '../../../contract/case-clock.ts';
import { invalidInput, KeptError, type FieldProblem } from '../core/errors.ts';
import { escalateFraction, remindFraction } from './targets.ts';

export interface BusinessHours {
  /** IANA time zone, e.g. Europe/Amsterdam. */
  timeZone: string;
  /** Working days, 1 = Monday … 7 = Sunday. */
  days: number[];
  /** Opening time, local 'HH:MM'. */
  start: string;
  /** Closing time, local 'HH:MM' (24:00 = midnight at the end of the day); later than start. */
  end: string;
  /** Local dates 'YYYY-MM-DD' on which the clock does not count. */
  holidays: string[];
}

export interface ClockPoints {
  /** 50 % of the target: the owner is reminded. */
  remind: Date;
  /** 80 %: the department's managers are told. */
  escalate: Date;
  /** 100 %: the target; after it the case is breached. */
  due: Date;
}

export const maxTargetHours = 720;
/**
 * How many local days a business-hours clock may walk before it gives up. A 720 h target on
 * 8 h a day, 5 days a week, with 366 holidays is about 1.5 years; this allows 10.
 */
export const maxClockDays = 3660;

const hourMs = 3_600_000;
const dayMs = 86_400_000;

/** Rejects a target that is not a number of hours in (0, 720]. */
function checkTarget(targetHours: number): number {
  const r = targetHoursSchema.safeParse(targetHours);
  if (!r.success) {
    throw invalidInput(`The clock target ${String(targetHours)} is not valid`, [
      { path: ['targetHours'], message: r.error.issues[0]?.message ?? 'is not valid' },
    ]);
  }
  return targetHours;
}

function checkInstant(d: Date, name: string): number {
  const t = d instanceof Date ? d.getTime() : NaN;
  if (!Number.isFinite(t)) throw invalidInput(`The ${name} is not a valid time`, [{ path: [name], message: 'is not a valid time' }]);
  return t;
}

/** A checked, ready-to-walk form of BusinessHours. */
interface Schedule {
  fmt: Intl.DateTimeFormat;
  days: Set<number>;
  startMin: number;
  endMin: number;
  holidays: Set<string>;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Validates business hours (the same rules as the wire schema) and prepares them. */
function scheduleFor(hours: BusinessHours): Schedule {
  const r = businessHoursSchema.safeParse(hours);
  if (!r.success) {
    const problems: FieldProblem[] = r.error.issues.map((i) => ({
      path: ['businessHours', ...i.path.map((p) => (typeof p === 'number' ? p : String(p)))],
      message: i.message,
    }));
    const first = problems[0];
    throw invalidInput(`The business hours are not valid${first ? `: ${first.path.slice(1).join('.')} ${first.message}` : ''}`, problems);
  }
  const h = r.data;
  return {
    fmt: formatterFor(h.timeZone),
    days: new Set(h.days),
    startMin: minutesOfDay(h.start),
    endMin: minutesOfDay(h.end),
    holidays: new Set(h.holidays),
  };
}

interface LocalDate {
  y: number;
  m: number;
  d: number;
}

/** The wall-clock time at instant `t` in the schedule's zone, written as if it were UTC (ms). */
function wallClock(fmt: Intl.DateTimeFormat, t: number): number {
  const p: Record<string, string> = {};
  for (const part of fmt.formatToParts(new Date(t))) p[part.type] = part.value;
  let year = Number(p.year);
  if (p.era === 'BC' || p.era === 'B') year = 1 - year;
  const wall = Date.UTC(year, Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  // Date.UTC maps years 0..99 to 1900..1999; setUTCFullYear puts them back.
  const fixed = new Date(wall);
  if (year >= 0 && year < 100) fixed.setUTCFullYear(year);
  return fixed.getTime() + (((t % 1000) + 1000) % 1000);
}

/** The zone's offset from UTC at instant `t`, in ms (CET: +3 600 000). */
function offsetAt(fmt: Intl.DateTimeFormat, t: number): number {
  return wallClock(fmt, t) - t;
}

/** The local date at instant `t`. */
function localDateAt(fmt: Intl.DateTimeFormat, t: number): LocalDate {
  const w = new Date(wallClock(fmt, t));
  return { y: w.getUTCFullYear(), m: w.getUTCMonth() + 1, d: w.getUTCDate() };
}

/** The instant at which the local date `date`, `minutes` after midnight, happens (see the header for gaps and overlaps). */
function instantOf(fmt: Intl.DateTimeFormat, date: LocalDate, minutes: number): number {
  const w = wallAt(date, minutes);
  // Offsets half a day either side: real zones change offset at most once in that span.
  const before = offsetAt(fmt, w - dayMs / 2);
  const after = offsetAt(fmt, w + dayMs / 2);
  const early = w - before;
  const late = w - after;
  const earlyOk = offsetAt(fmt, early) === before;
  const lateOk = offsetAt(fmt, late) === after;
  if (earlyOk && lateOk) return Math.min(early, late); // exists twice: the earlier
  if (earlyOk) return early;
  if (lateOk) return late;
  return early; // in the gap: read with the offset from before the switch, i.e. moved forward
}

/** Wall-clock ms (as if UTC) of a local date and minutes after its midnight; years 0..99 kept. */
function wallAt(date: LocalDate, minutes: number): number {
  const x = new Date(0);
  x.setUTCFullYear(date.y, date.m - 1, date.d);
  x.setUTCHours(0, minutes, 0, 0);
  return x.getTime();
}

function nextDay(date: LocalDate): LocalDate {
  const x = new Date(wallAt(date, 0) + dayMs + dayMs / 2);
  return { y: x.getUTCFullYear(), m: x.getUTCMonth() + 1, d: x.getUTCDate() };
}

function dateKey(date: LocalDate): string {
  const y = String(date.y).padStart(4, '0');
  return `${y}-${String(date.m).padStart(2, '0')}-${String(date.d).padStart(2, '0')}`;
}

/** ISO weekday of a local date: 1 = Monday … 7 = Sunday. */
function isoWeekday(date: LocalDate): number {
  const wd = new Date(wallAt(date, 0)).getUTCDay();
  return wd === 0 ? 7 : wd;
}

/** The working window [open, close) of a local date as instants, or null on a day off. */
function windowOf(s: Schedule, date: LocalDate): [number, number] | null {
  if (!s.days.has(isoWeekday(date)) || s.holidays.has(dateKey(date))) return null;
  const open = instantOf(s.fmt, date, s.startMin);
  const close = instantOf(s.fmt, date, s.endMin);
  return close > open ? [open, close] : null;
}

/**
 * Walks working time forward from `from` and returns the instant at which each amount of working
 * time (ms, ascending) has passed. The instant is the moment the work is done: exactly at closing
 * time when a window ends on it, not the next opening.
 */
function walkWorkingTime(s: Schedule, from: number, amounts: number[]): number[] {
  const out: number[] = [];
  let date = localDateAt(s.fmt, from);
  // The previous local day's window can reach into today only if it ends after midnight; it cannot
  // (end <= 24:00), so starting at the local date of `from` misses nothing.
  let done = 0;
  for (let day = 0; day < maxClockDays; day++, date = nextDay(date)) {
    const w = windowOf(s, date);
    if (!w) continue;
    const begin = Math.max(w[0], from);
    if (w[1] <= begin) continue;
    const length = w[1] - begin;
    while (out.length < amounts.length && done + length >= amounts[out.length]!) {
      out.push(begin + (amounts[out.length]! - done));
    }
    if (out.length === amounts.length) return out;
    done += length;
  }
  throw new KeptError(
    'invalid_input',
    `The business hours give too little working time: ${Math.round(amounts[amounts.length - 1]! / hourMs)} h of working time is not reached within ${maxClockDays} days`,
    { problems: [{ path: ['businessHours'], message: 'gives too little working time for the target' }] },
  );
}

/**
 * The three moments of a case clock that starts at `oopsAt`: remind (50 %), escalate (80 %) and
 * due (100 % of `targetHours`, at most 720). With `hours` null the hours are calendar hours; with
 * business hours only working time counts, and an oops outside working hours starts counting at
 * the next opening. Throws KeptError('invalid_input') for a bad target or bad business hours.
 */
export function clockPoints(oopsAt: Date, targetHours: number, hours: BusinessHours | null): ClockPoints {
  const start = checkInstant(oopsAt, 'oopsAt');
  const targetMs = Math.round(checkTarget(targetHours) * hourMs);
  const amounts = [remindFraction, escalateFraction, 1].map((f) => Math.round(f * targetMs));
  if (hours === null) {
    const [remind, escalate, due] = amounts.map((a) => new Date(start + a)) as [Date, Date, Date];
    return { remind, escalate, due };
  }
  const [remind, escalate, due] = walkWorkingTime(scheduleFor(hours), start, amounts).map((t) => new Date(t)) as [Date, Date, Date];
  return { remind, escalate, due };
}

/**
 * Working time between two instants in ms: real elapsed time inside the working windows. With
 * `hours` null, plain elapsed time. Zero when `to` is not after `from`.
 */
export function workingTimeBetween(from: Date, to: Date, hours: BusinessHours | null): number {
  const a = checkInstant(from, 'from');
  const b = checkInstant(to, 'to');
  if (b <= a) return 0;
  if (hours === null) return b - a;
  const s = scheduleFor(hours);
  let total = 0;
  let date = localDateAt(s.fmt, a);
  // Every local day between the two instants, plus slack for a day of 25 hours.
  const days = Math.ceil((b - a) / dayMs) + 2;
  for (let day = 0; day <= days; day++, date = nextDay(date)) {
    const w = windowOf(s, date);
    if (!w) continue;
    if (w[0] >= b) break;
    const lo = Math.max(w[0], a);
    const hi = Math.min(w[1], b);
    if (hi > lo) total += hi - lo;
  }
  return total;
}

/** Calendar time left until `due` in ms; negative once the case is past due (breached). */
export function timeLeft(now: Date, due: Date): number {
  return checkInstant(due, 'due') - checkInstant(now, 'now');
}

/**
 * How much of the clock has run at `now`, 0..1: working time since the oops over working time from
 * the oops to due (business-hours aware; calendar time with `hours` null). 0 before the oops, 1 at
 * and after due. The clock stands still outside working hours.
 */
export function elapsedFraction(now: Date, oopsAt: Date, due: Date, hours: BusinessHours | null): number {
  const n = checkInstant(now, 'now');
  const o = checkInstant(oopsAt, 'oopsAt');
  const d = checkInstant(due, 'due');
  if (n >= d) return 1;
  if (n <= o) return 0;
  const total = workingTimeBetween(oopsAt, due, hours);
  if (total <= 0) return 1;
  return Math.min(1, Math.max(0, workingTimeBetween(oopsAt, now, hours) / total));
}
