// What the event sentences share: small word-makers (a value, a quote, an optional phrase),
// the people, departments and cases they name, and the names of steps and origins.
import { linkFor, money, type Part, type WordsOptions } from './event-sentence.ts';

export type Data = Record<string, unknown>;
export type Piece = Part | undefined | false;
export type Sentence = (d: Data, o: WordsOptions) => (Piece | Piece[])[] | undefined;

export const s = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : undefined);
export const q = (v: unknown) => (s(v) ? `“${s(v)}”` : undefined);
export const opt = (before: string, v: string | undefined, after = '') => (v ? `${before}${v}${after}` : undefined);
export const amountOf = (d: Data, o: WordsOptions) => money(d.amount ?? d.total ?? d.monthlyPrice, d.currency, o);
export const person = (id: unknown, o: WordsOptions) => (typeof id === 'string' ? (o.names?.people?.get(id) ?? 'a colleague') : undefined);
export const department = (id: unknown, o: WordsOptions) =>
  typeof id === 'string' ? (o.names?.departments?.get(id) ?? 'a department') : undefined;
/** "case #12" as a link to the case. */
export const caseRef = (d: Data): Part | undefined => {
  const href = linkFor('caseId', d.caseId);
  const label = typeof d.caseNumber === 'number' ? `case #${d.caseNumber}` : 'the case';
  return href ? { text: label, href } : typeof d.caseNumber === 'number' ? label : undefined;
};
/** " on case #12", or nothing when the event names no case. */
export const on = (d: Data): Piece[] => (caseRef(d) ? [' on ', caseRef(d)] : []);
export const order = (d: Data) => opt('order ', s(d.orderId)) ?? 'an order';
export const by = (d: Data, o: WordsOptions) => opt(' by ', person(d.byUserId, o)) ?? (d.byUserId === null ? ' by Kept' : '');

export const stepNames: Record<string, string> = {
  acknowledge: 'acknowledged the case and took responsibility',
  apologise: 'apologised',
  investigate: 'investigated the root cause',
  fix: 'fixed the problem',
  ask: 'asked what would make it right',
  restitution: 'offered restitution',
  follow_up: 'sent the follow-up survey',
};
export const stepTitles: Record<string, string> = {
  acknowledge: 'Acknowledge',
  apologise: 'Apologise',
  investigate: 'Investigate',
  fix: 'Fix',
  ask: 'Ask what would make it right',
  restitution: 'Restitution',
  follow_up: 'Follow up',
};
export const origins: Record<string, string> = {
  survey: 'a low survey answer',
  complaint: 'a complaint',
  manual: 'an oops reported by staff',
  proactive: 'a cause that touched this customer',
  commitment: 'a broken promise',
  contradiction: 'a contradiction between departments',
};

export function num0(v: unknown): boolean {
  return (typeof v === 'number' && v === 0) || v === '0' || v === '0.00';
}
export function hours(v: unknown): string | undefined {
  const h = typeof v === 'number' ? v : undefined;
  if (h === undefined) return undefined;
  return h < 48 ? `${Math.round(h * 10) / 10} hours` : `${Math.round(h / 24)} days`;
}
