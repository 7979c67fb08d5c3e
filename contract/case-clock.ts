// Business hours for the case clock: when a workspace counts working time only. No Node, no DOM:
// Intl is the one platform API used (to check that a time zone is real).
import { z } from 'zod';

/** 'HH:MM', 00:00..23:59. */
const timeOfDayRe = /^([01]\d|2[0-3]):[0-5]\d$/;
/** 'HH:MM', 00:00..23:59 or 24:00 (midnight at the end of the day). */
const closingTimeRe = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const localDateRe = /^(\d{4})-(\d{2})-(\d{2})$/;

export const maxHolidays = 366;

/** Minutes since local midnight of an 'HH:MM' (24:00 = 1440). */
export function minutesOfDay(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** True when `tz` names an IANA time zone this runtime knows (e.g. Europe/Amsterdam, UTC). */
export function isTimeZone(tz: string): boolean {
  // Intl also takes offsets like '+01:00' on some runtimes: those are not IANA zones and know no DST.
  if (tz.length === 0 || tz.length > 64 || /^[+-]/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** True when 'YYYY-MM-DD' is a date that exists (no 2026-02-30). */
export function isLocalDate(s: string): boolean {
  const m = localDateRe.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

export const businessHoursSchema = z
  .object({
    timeZone: z
      .string({ error: 'is required: an IANA time zone such as Europe/Amsterdam' })
      .refine(isTimeZone, { error: 'must be an IANA time zone such as Europe/Amsterdam' })
      .meta({ example: 'Europe/Amsterdam' }),
    days: z
      .array(
        z
          .number({ error: 'must be a day number, 1 (Monday) to 7 (Sunday)' })
          .int({ error: 'must be a day number, 1 (Monday) to 7 (Sunday)' })
          .min(1, { error: 'must be a day number, 1 (Monday) to 7 (Sunday)' })
          .max(7, { error: 'must be a day number, 1 (Monday) to 7 (Sunday)' }),
        { error: 'is required: the working days, 1 (Monday) to 7 (Sunday)' },
      )
      .min(1, { error: 'needs at least one working day' })
      .max(7, { error: 'has at most 7 days' })
      .refine((d) => new Set(d).size === d.length, { error: 'names a day twice' })
      .describe('working days: 1 = Monday … 7 = Sunday (ISO 8601)')
      .meta({ example: [1, 2, 3, 4, 5] }),
    start: z
      .string({ error: 'is required: the opening time, HH:MM' })
      .regex(timeOfDayRe, { error: 'must be a time HH:MM between 00:00 and 23:59' })
      .describe('opening time, local, HH:MM')
      .meta({ example: '09:00' }),
    end: z
      .string({ error: 'is required: the closing time, HH:MM' })
      .regex(closingTimeRe, { error: 'must be a time HH:MM between 00:01 and 24:00' })
      .describe('closing time, local, HH:MM; 24:00 is midnight at the end of the day')
      .meta({ example: '17:00' }),
    holidays: z
      .array(z.string({ error: 'must be a date YYYY-MM-DD' }).refine(isLocalDate, { error: 'must be a date YYYY-MM-DD that exists' }), {
        error: 'must be a list of dates YYYY-MM-DD',
      })
      .max(maxHolidays, { error: `has at most ${maxHolidays} holidays` })
      .default([])
      .describe('local dates on which the clock does not count, YYYY-MM-DD'),
  })
  .check((ctx) => {
    const { start, end } = ctx.value;
    if (timeOfDayRe.test(start) && closingTimeRe.test(end) && minutesOfDay(start) >= minutesOfDay(end)) {
      ctx.issues.push({
        code: 'custom',
        input: end,
        path: ['end'],
        message: `must be later than start (${start}); working hours cannot cross midnight`,
      });
    }
  })
  .meta({ id: 'BusinessHours' });

export type BusinessHoursInput = z.input<typeof businessHoursSchema>;

/**
 * The recovery target: a case is recovered within this many hours of its oops. A workspace's
 * clock starts with it, and the recovery report's within24h figure counts against it. The API
 * describes it, so it is named here; the domain reads it from server/domain/recovery/targets.ts.
 */
export const recoveryTargetHours = 24;

/** A case waiting only for the follow-up answer closes itself after this many days without one (a workspace setting). */
export const waitingCloseDays = 14;
/** The case clock's points, in % of the target: the owner is reminded, then the managers are told. */
export const remindPercent = 50;
export const escalatePercent = 80;

/** Target of the case clock, in hours. */
export const targetHoursSchema = z
  .number({ error: 'must be a number of hours' })
  .positive({ error: 'must be more than 0 hours' })
  .max(720, { error: 'must be at most 720 hours (30 days)' });
