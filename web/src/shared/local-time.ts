// <input type="datetime-local"> speaks local wall time without a zone ("2026-03-01T14:30");
// the API speaks ISO 8601 instants. These convert between the two in the browser's time zone.

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as the value of a datetime-local input, to the minute. */
export function toLocalInput(at: Date | string): string {
  const d = typeof at === 'string' ? new Date(at) : at;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value as an ISO instant; undefined when it is empty or not a time. */
export function fromLocalInput(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** The browser's own time zone, e.g. Europe/Amsterdam. */
export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
