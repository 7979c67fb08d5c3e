// Customer-facing formatting, shared by every capability that writes to a customer: dates and
// times in the customer's language and time zone (the customer's own, else the company's), text
// without doubled punctuation, and shortening at a word with an ellipsis, never mid-word.
import { isTimeZone } from '../../../contract/company-profile.ts';

export interface CustomerWhere {
  locale: string;
  timeZone: string;
}

/** The customer's locale and time zone: their own where known and valid, else the company's. */
export function customerWhere(
  customer: { locale?: string | null; attributes?: Record<string, unknown> | null } | null | undefined,
  company: { defaultLocale: string; timeZone: string },
): CustomerWhere {
  const attrs = customer?.attributes ?? {};
  const tz = [attrs.timeZone, attrs.timezone, attrs.time_zone].find((x): x is string => typeof x === 'string' && isTimeZone(x));
  const locale = customer?.locale && supportedLocale(customer.locale) ? customer.locale : company.defaultLocale;
  return { locale, timeZone: tz ?? company.timeZone };
}

function supportedLocale(l: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([l]).length > 0;
  } catch {
    return false;
  }
}

/** A date and time as the customer reads it: "6 December 2026 at 14:05" in their language and zone. */
export function formatWhen(at: Date, w: CustomerWhere): string {
  try {
    return new Intl.DateTimeFormat(w.locale, { dateStyle: 'long', timeStyle: 'short', timeZone: w.timeZone }).format(at);
  } catch {
    return new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(at);
  }
}

/** A date alone, e.g. for a promise's due day. */
export function formatDay(at: Date, w: CustomerWhere): string {
  try {
    return new Intl.DateTimeFormat(w.locale, { dateStyle: 'long', timeZone: w.timeZone }).format(at);
  } catch {
    return new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(at);
  }
}

/**
 * Text with no doubled punctuation, as happens when a filled-in value ends a sentence the template
 * ends too ("We got this wrong: the parcel was late.." / "...!" / "?."): the value's own mark wins,
 * an ellipsis stays one, and stray spaces before a mark go. Line breaks are kept.
 */
export function tidyPunctuation(text: string): string {
  return (
    text
      .replace(/(\.{3}|…)[.!?]*\.(?=\s|$|["”’)])/g, '…')
      .replace(/([!?])[.]+(?=\s|$|["”’)])/g, '$1')
      .replace(/(?<!\.)\.\.(?!\.)/g, '.')
      .replace(/([,;:])\s*([.!?])/g, '$2')
      .replace(/,{2,}/g, ',')
      // Only before , and . : French puts a space before ; : ! and ?.
      .replace(/[ \t]+([,.])(?=\s|$)/g, '$1')
      .replace(/[ \t]{2,}/g, ' ')
  );
}

/**
 * At most `max` characters, cut at the last word boundary that fits, with an ellipsis; trailing
 * punctuation before the cut goes (never "word,…"). A single word longer than `max` is cut.
 */
export function trimAtWord(text: string, max: number): string {
  const s = text.replace(/\s+/g, ' ').trim();
  if (s.length <= max) return s;
  const room = s.slice(0, max); // leaves one character for the ellipsis
  const space = room.lastIndexOf(' ');
  const cut = space > max / 3 ? room.slice(0, space) : room.slice(0, max - 1);
  return `${cut.replace(/[\s,.;:!?\-–—]+$/u, '')}…`;
}
