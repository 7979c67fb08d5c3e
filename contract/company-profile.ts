// The company's voice: one profile per workspace that every customer surface speaks with (mail,
// the answer, unsubscribe and case pages, the complaint form, the widget). The checks that name
// a bad value (a logo that is not http(s), a colour that is not a colour, a time zone that does
// not exist) live here, so the server and the web app's form refuse the same things.
import { z } from 'zod';
import { isoDateTimeSchema } from './common.ts';

/** The named reasons a profile value is refused; `details.problems[].reason` of a 400. */
export const profileProblemReasons = [
  'invalid_company_name',
  'invalid_logo_url',
  'invalid_colour',
  'invalid_time_zone',
  'invalid_locale',
  'invalid_sender_address',
  'invalid_reply_to',
] as const;
export type ProfileProblemReason = (typeof profileProblemReasons)[number];

export interface ProfileProblem {
  path: [string];
  reason: ProfileProblemReason;
  message: string;
}

/** A time zone the runtime's Intl knows (IANA names such as Europe/Berlin, and UTC). */
export function isTimeZone(tz: string): boolean {
  if (!tz || tz.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** A colour as `#rrggbb` (a `#rgb` is widened), or undefined when it is not one. */
export function normaliseColour(c: string): string | undefined {
  const s = c.trim().toLowerCase();
  if (/^#[0-9a-f]{6}$/.test(s)) return s;
  if (/^#[0-9a-f]{3}$/.test(s)) return `#${[...s.slice(1)].map((x) => x + x).join('')}`;
  return undefined;
}

export function isHttpUrl(u: string): boolean {
  if (u.length > 2000) return false;
  try {
    const url = new URL(u);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !!url.hostname;
  } catch {
    return false;
  }
}

const emailSchema = z.email().max(254);
const localeRe = /^[a-z]{2}(-[A-Z]{2})?$/;

/** What a profile (or a change to one) gets wrong, each with its named reason; empty when none. */
export function companyProfileProblems(v: Partial<Record<keyof CompanyProfileInput, unknown>>): ProfileProblem[] {
  const out: ProfileProblem[] = [];
  const str = (x: unknown) => (typeof x === 'string' ? x.trim() : '');
  if (v.companyName !== undefined && (!str(v.companyName) || str(v.companyName).length > 100)) {
    out.push({ path: ['companyName'], reason: 'invalid_company_name', message: 'must be 1 to 100 characters' });
  }
  if (v.logoUrl && !isHttpUrl(str(v.logoUrl))) {
    out.push({ path: ['logoUrl'], reason: 'invalid_logo_url', message: 'must be an http:// or https:// address' });
  }
  if (v.brandColour && !normaliseColour(str(v.brandColour))) {
    out.push({ path: ['brandColour'], reason: 'invalid_colour', message: 'must be a colour like #1f4e8c' });
  }
  if (v.timeZone !== undefined && !isTimeZone(str(v.timeZone))) {
    out.push({ path: ['timeZone'], reason: 'invalid_time_zone', message: `is not a time zone: use a name like Europe/Berlin or UTC` });
  }
  if (v.defaultLocale !== undefined && !localeRe.test(str(v.defaultLocale))) {
    out.push({ path: ['defaultLocale'], reason: 'invalid_locale', message: 'must be a language tag like en, fr or de-AT' });
  }
  if (v.senderAddress && !emailSchema.safeParse(str(v.senderAddress)).success) {
    out.push({ path: ['senderAddress'], reason: 'invalid_sender_address', message: 'must be an e-mail address' });
  }
  if (v.replyTo && !emailSchema.safeParse(str(v.replyTo)).success) {
    out.push({ path: ['replyTo'], reason: 'invalid_reply_to', message: 'must be an e-mail address' });
  }
  return out;
}

const optionalText = (max: number) => z.string().max(max).nullable().optional();

export const companyProfileInputSchema = z
  .strictObject({
    companyName: z.string().max(100).optional().describe('the name customers know the company by'),
    logoUrl: optionalText(2000).describe('an http(s) address of the logo; null: the name is shown instead'),
    brandColour: optionalText(100).describe('a colour like #1f4e8c for buttons and the top of mails and pages'),
    senderName: optionalText(100).describe('the name mail comes from; null: the company name'),
    senderAddress: optionalText(254).describe('the address mail comes from; null: the server’s KEPT_MAIL_FROM address'),
    replyTo: optionalText(254).describe('where customers’ replies go; they should reach the inbound mail path'),
    signature: optionalText(1000).describe('a few lines under every message to a customer'),
    defaultLocale: z.string().max(10).optional().describe('the language for customers whose own is unknown'),
    timeZone: z.string().max(64).optional().describe('an IANA time zone, e.g. Europe/Berlin: times for customers whose own is unknown'),
    poweredBy: z.boolean().optional().describe('show a small “powered by Kept” line on customer pages and mail (off by default)'),
  })
  .meta({ id: 'CompanyProfileInput', description: 'Any subset: the fields given change; null clears an optional one.' });
export type CompanyProfileInput = z.infer<typeof companyProfileInputSchema>;

export const companyProfileSchema = z
  .object({
    companyName: z.string(),
    logoUrl: z.string().nullable(),
    brandColour: z.string().nullable(),
    senderName: z.string().nullable(),
    senderAddress: z.string().nullable(),
    replyTo: z.string().nullable(),
    signature: z.string().nullable(),
    defaultLocale: z.string(),
    timeZone: z.string(),
    poweredBy: z.boolean(),
    confirmed: z.boolean().describe('false until an admin has saved the profile: the web app asks them to complete it'),
    updatedAt: isoDateTimeSchema.nullable(),
  })
  .meta({ id: 'CompanyProfile' });
export type CompanyProfile = z.infer<typeof companyProfileSchema>;
