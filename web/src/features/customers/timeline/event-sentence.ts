// A timeline event in words. Each built-in event type (orders, deliveries, returns, invoices and
// payments, cancellations, tickets, answers, complaints, case steps, outbox decisions, promises,
// service visits) reads as one sentence with its data in words: amounts with their currency
// (Intl), dates, items, people by name; ids that Kept has a page for become links. Any other
// type shows its data under readable labels (`cycleEnd` -> "Cycle end"). Pure: no React, no DOM.

/** A piece of a sentence: plain text, or text with a link to the page of what it names. */
export type Part = string | { text: string; href: string };

export interface Names {
  /** Staff by id, for owners and whoever did something. */
  people?: ReadonlyMap<string, string>;
  /** Departments by id. */
  departments?: ReadonlyMap<string, string>;
}

export interface WordsOptions {
  locale?: string;
  timeZone?: string;
  names?: Names;
}

type Data = Record<string, unknown>;

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : undefined;
const num = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
};

/** "€12.99", "SEK 1,250.00": an amount in its currency, in the reader's locale. */
export function money(amount: unknown, currency: unknown, o: WordsOptions = {}): string | undefined {
  const n = num(amount);
  if (n === undefined) return undefined;
  const cur = typeof currency === 'string' && /^[A-Za-z]{3}$/.test(currency) ? currency.toUpperCase() : undefined;
  if (!cur) return new Intl.NumberFormat(o.locale, { maximumFractionDigits: 2 }).format(n);
  return new Intl.NumberFormat(o.locale, { style: 'currency', currency: cur }).format(n);
}

const dateOnly = /^\d{4}-\d{2}-\d{2}$/;
const dateTimeIso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** "3 March 2026" for a day, "3 March 2026, 14:02" for a moment; undefined for anything else. */
export function when(v: unknown, o: WordsOptions = {}): string | undefined {
  if (typeof v !== 'string') return undefined;
  if (dateOnly.test(v)) {
    const d = new Date(`${v}T12:00:00Z`);
    return Number.isNaN(d.getTime()) ? undefined : new Intl.DateTimeFormat(o.locale, { dateStyle: 'long', timeZone: 'UTC' }).format(d);
  }
  if (!dateTimeIso.test(v) || Number.isNaN(Date.parse(v))) return undefined;
  return new Intl.DateTimeFormat(o.locale, { dateStyle: 'long', timeStyle: 'short', timeZone: o.timeZone }).format(new Date(v));
}

/** "a, b and c" in the reader's language. */
export const list = (items: readonly string[], o: WordsOptions = {}) =>
  new Intl.ListFormat(o.locale, { style: 'long', type: 'conjunction' }).format(items);

/** "2 × Smart Thermostat T3 and Brightline Hub 2" from an order's items (objects or names). */
export function itemsInWords(v: unknown, o: WordsOptions = {}): string | undefined {
  if (!Array.isArray(v) || v.length === 0) return undefined;
  const names = v.flatMap((it) => {
    if (typeof it === 'string') return [it];
    if (!it || typeof it !== 'object') return [];
    const i = it as Data;
    const name = str(i.name) ?? str(i.product) ?? str(i.sku);
    if (!name) return [];
    const q = num(i.quantity);
    return [q && q !== 1 ? `${q} × ${name}` : name];
  });
  return names.length ? list(names, o) : undefined;
}

/** `cycleEnd` -> "Cycle end", `proof_of_delivery` -> "Proof of delivery", `orderId` -> "Order". */
export function readableLabel(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/ id$/, '');
  const spelled = words
    .replace(/\burl\b/g, 'URL')
    .replace(/\bsku\b/g, 'SKU')
    .replace(/\bnps\b/g, 'NPS');
  return spelled.charAt(0).toUpperCase() + spelled.slice(1);
}

/** Kept's own ids with a page of their own: the link to it. */
const pages: Record<string, (id: string) => string> = {
  caseId: (id) => `/cases/${id}`,
  customerId: (id) => `/customers/${id}`,
  messageId: (id) => `/outbox/${id}`,
  causeId: (id) => `/causes/${id}`,
  surveyId: (id) => `/surveys/${id}`,
  ruleId: (id) => `/rules/${id}`,
  taskId: (id) => `/tasks?task=${id}`,
  commitmentId: (id) => `/commitments?commitment=${id}`,
};
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The page of an id-named field, when Kept has one. */
export function linkFor(key: string, v: unknown): string | undefined {
  const page = pages[key];
  return page && typeof v === 'string' && uuid.test(v) ? page(encodeURIComponent(v)) : undefined;
}

/** A value in words for the label list: dates, money-like numbers, lists, yes/no, people. */
export function valueInWords(key: string, v: unknown, o: WordsOptions = {}): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  if (typeof v === 'number') return new Intl.NumberFormat(o.locale, { maximumFractionDigits: 2 }).format(v);
  if (typeof v === 'string') {
    if (/(^|[a-z])(byUser|owner|previousOwner)Id$|^byUserId$/.test(key)) return o.names?.people?.get(v) ?? 'a colleague';
    if (key === 'departmentId') return o.names?.departments?.get(v) ?? 'a department';
    return when(v, o) ?? v;
  }
  if (Array.isArray(v))
    return (
      itemsInWords(v, o) ??
      list(
        v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))),
        o,
      )
    );
  return Object.entries(v as Data)
    .map(([k, x]) => `${readableLabel(k)}: ${valueInWords(k, x, o)}`)
    .join('; ');
}

export interface LabelledValue {
  label: string;
  value: string;
  href?: string;
}

/** An event's data under readable labels, short facts first; ids with a page become links. */
export function labelledData(data: Data, o: WordsOptions = {}): LabelledValue[] {
  const scalar = (v: unknown) => v === null || typeof v !== 'object';
  return Object.entries(data)
    .sort(([, a], [, b]) => Number(!scalar(a)) - Number(!scalar(b)))
    .map(([key, v]) => {
      const href = linkFor(key, v);
      return {
        label: readableLabel(key),
        value: href ? readableLabel(key.replace(/Id$/, '')) : valueInWords(key, v, o),
        ...(href ? { href } : {}),
      };
    });
}
