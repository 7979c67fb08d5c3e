// Promises in words: durations as people say them, a kept rate with its interval, status names,
// and the browser's local date-time input to and from ISO times.
import type { CommitmentNotice, CommitmentStatus } from '../../../../contract/commitments.ts';

const minute = 60_000;

/** "45 min", "2 h 30 min", "3 days 12 h". */
export function formatDuration(ms: number): string {
  let rest = Math.round(ms / minute);
  const days = Math.floor(rest / (24 * 60));
  rest -= days * 24 * 60;
  const hours = Math.floor(rest / 60);
  const minutes = rest - hours * 60;
  const parts = [days ? (days === 1 ? '1 day' : `${days} days`) : '', hours ? `${hours} h` : '', minutes ? `${minutes} min` : ''];
  return parts.filter(Boolean).join(' ') || '0 min';
}

const pct = (v: number) => `${Math.round(v)} %`;

/** "82 % (68–91 %)": the rate and its 95 % interval, rounded to whole percents. */
export const formatRate = (r: { value: number; low: number; high: number }) => `${pct(r.value)} (${Math.round(r.low)}–${pct(r.high)})`;

export const statusName: Record<CommitmentStatus, string> = {
  open: 'Open',
  renegotiated: 'Renegotiated',
  kept: 'Kept',
  broken: 'Broken',
};

const two = (n: number) => String(n).padStart(2, '0');

/** An ISO time as the value of <input type="datetime-local">, in the browser's time zone. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** The value of <input type="datetime-local"> as an ISO time, or undefined when it is not a time. */
export function fromLocalInput(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export const kindPattern = /^[a-z][a-z0-9_-]{0,63}$/;

const noticeName: Record<CommitmentNotice['notice'], string> = { made: 'the promise', kept: 'it is kept', missed: 'an apology' };
const noticeStatus: Record<CommitmentNotice['status'], string> = {
  passed: '',
  held: ' (held by the outbox)',
  cancelled: ' (cancelled by the outbox)',
  no_address: ' (not sent: no e-mail address)',
};

/** "To the customer: the promise; it is kept": what the customer was told about a promise. */
export function noticeLine(notices: CommitmentNotice[], tellCustomer: boolean): string | undefined {
  if (!tellCustomer) return 'The customer is not told';
  if (!notices.length) return undefined;
  return `To the customer: ${notices.map((n) => noticeName[n.notice] + noticeStatus[n.status]).join('; ')}`;
}
