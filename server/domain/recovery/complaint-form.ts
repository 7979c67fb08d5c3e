// The rules of the public complaint form (/complain/{workspace}): which workspace a slug names
// and what it promises customers (its recovery target), and reading the posted fields into a
// complaint, or into one message per bad field while keeping everything the customer typed.
// The date and time a customer gives are wall-clock times in the workspace's time zone (its
// business hours' zone, else UTC): a page without script cannot learn the browser's.
import { z } from 'zod';
import { complaintBodyMax, complaintReferenceMax } from '../../../contract/complaints.ts';
import type { Db } from '../../storage/database.ts';
import { findWorkspaceBySlug } from '../../storage/staff.ts';
import type { ComplaintIntake } from './complaints.ts';
import type { ComplaintTexts } from './complaint-texts.ts';
import { notFound } from '../core/errors.ts';
import { maxFutureMs } from '../core/events.ts';
import { isUuid } from '../../lib/ids.ts';
import { recoverySettingsOf } from './recovery-settings.ts';
import { companyVoice } from '../core/company-profile.ts';

export interface ComplaintForm {
  workspaceId: string;
  /** The company's name; its logo, colour and powered-by line are in `look`. */
  brand: string;
  look: { colour?: string; logoUrl?: string; poweredBy: boolean };
  /** The recovery target the thank-you page promises. */
  targetHours: number;
  /** true when the target counts business hours only. */
  businessHours: boolean;
  timeZone: string;
}

export const formFields = ['name', 'email', 'reference', 'body', 'date', 'time'] as const;
export type FormField = (typeof formFields)[number];
export type FormValues = Partial<Record<FormField, string>>;
export interface FormProblem {
  field: FormField;
  text: keyof ComplaintTexts;
  max?: number;
}

export const nameMax = 200;
/** How far back a customer may date a problem on the form. */
export const maxFormAgeDays = 365;

export async function openComplaintForm(db: Db, slug: string, now: Date): Promise<ComplaintForm> {
  const w = slug.length <= 100 ? await findWorkspaceBySlug(db, slug) : undefined;
  if (!w) throw notFound('The workspace');
  const s = await recoverySettingsOf(db, w.id, now);
  const hours = s.businessHours as { timeZone?: string } | null;
  const v = await companyVoice(db, w.id);
  return {
    workspaceId: w.id,
    brand: v.companyName,
    look: { colour: v.brandColour ?? undefined, logoUrl: v.logoUrl ?? undefined, poweredBy: v.poweredBy },
    targetHours: s.targetHours,
    businessHours: !!hours,
    // The business hours' zone, else the company's: the customer dates the problem in local time.
    timeZone: hours?.timeZone ?? v.timeZone,
  };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** The calendar date and wall-clock time at instant `t` in the zone, as numbers. */
function wallClock(t: number, timeZone: string) {
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
    });
    formatters.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(t))) p[part.type] = Number(part.value);
  return { y: p.year!, m: p.month!, d: p.day!, ms: Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) };
}

/** The instant of a wall-clock time in a zone (in a DST gap, the time after it). */
export function zonedInstant(wall: { y: number; m: number; d: number; hour: number; minute: number }, timeZone: string): Date {
  const w = Date.UTC(wall.y, wall.m - 1, wall.d, wall.hour, wall.minute);
  const offset = (t: number) => wallClock(t, timeZone).ms - Math.floor(t / 1000) * 1000;
  let t = w - offset(w);
  t = w - offset(t); // a second pass settles times near a DST change
  return new Date(t);
}

/** Today's date in the zone, as YYYY-MM-DD, `daysBack` days ago. */
export function localDate(now: Date, timeZone: string, daysBack = 0): string {
  const { y, m, d } = wallClock(now.getTime(), timeZone);
  return new Date(Date.UTC(y, m - 1, d - daysBack)).toISOString().slice(0, 10);
}

const emailSchema = z.email().max(320);
const clean = (v: string | undefined) => (v ?? '').replaceAll('\0', '').trim();

function readWhen(values: FormValues, form: ComplaintForm, now: Date, problems: FormProblem[]): Date | undefined {
  const date = values.date ?? '';
  const time = values.time ?? '';
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})(?::\d{2})?$/.exec(time);
  const dateOk = !date || (d && new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) === date);
  const timeOk = !time || (t && Number(t[1]) < 24 && Number(t[2]) < 60);
  if (!dateOk) problems.push({ field: 'date', text: 'dateInvalid' });
  if (!timeOk) problems.push({ field: 'time', text: 'timeInvalid' });
  if (!dateOk || !timeOk || (!date && !time)) return undefined;
  // A date alone is the start of that day: the earliest it can have been, so the clock does not
  // start later than the problem did. A time alone is today's.
  const [y, m, day] = (date || localDate(now, form.timeZone)).split('-').map(Number) as [number, number, number];
  const at = zonedInstant({ y, m, d: day, hour: t ? Number(t[1]) : 0, minute: t ? Number(t[2]) : 0 }, form.timeZone);
  const field: FormField = date ? 'date' : 'time';
  if (at.getTime() > now.getTime() + maxFutureMs) problems.push({ field, text: 'whenFuture' });
  else if (date && date < localDate(now, form.timeZone, maxFormAgeDays)) problems.push({ field, text: 'whenTooOld' });
  return at;
}

/**
 * Reads the posted fields: a complaint to receive, or the problems, one per field, each naming
 * the text that explains it. `values` is what the customer typed, to show again.
 */
export function readComplaintForm(
  fields: Record<string, string | undefined>,
  form: ComplaintForm,
  now: Date,
): { values: FormValues; problems: FormProblem[]; intake?: ComplaintIntake } {
  const values: FormValues = {};
  for (const f of formFields) values[f] = (fields[f] ?? '').replaceAll('\0', '');
  const problems: FormProblem[] = [];
  const name = clean(values.name);
  const email = clean(values.email);
  const reference = clean(values.reference);
  const body = clean(values.body).replace(/\r\n?/g, '\n'); // browsers send a textarea's lines with CRLF
  if (name.length > nameMax) problems.push({ field: 'name', text: 'tooLong', max: nameMax });
  if (!email) problems.push({ field: 'email', text: 'emailMissing' });
  else if (!emailSchema.safeParse(email).success) problems.push({ field: 'email', text: 'emailInvalid' });
  if (reference.length > complaintReferenceMax) problems.push({ field: 'reference', text: 'tooLong', max: complaintReferenceMax });
  if (!body) problems.push({ field: 'body', text: 'bodyMissing' });
  else if (body.length > complaintBodyMax) problems.push({ field: 'body', text: 'tooLong', max: complaintBodyMax });
  const occurredAt = readWhen(values, form, now, problems);
  if (problems.length) return { values, problems };
  return {
    values,
    problems,
    intake: {
      channel: 'form',
      source: 'form',
      customer: { email, ...(name ? { name } : {}) },
      body,
      reference: reference || null,
      occurredAt,
      // The form's one-time key: the same form sent twice (a reload, a double click) is one complaint.
      idempotencyKey: isUuid(clean(fields.nonce)) ? clean(fields.nonce) : null,
    },
  };
}
