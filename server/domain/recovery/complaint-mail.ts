// A complaint from a raw e-mail (RFC 822), as a mail server or an inbound-mail service forwards
// it: the customer is the From address (named by its display name), the text is the text/plain
// part (or the text of the HTML part) without the quoted earlier message, the incident time is
// the Date header within believable bounds, and the Message-ID makes a redelivery count once.
// Parsing is postal-mime's (MIME structure, transfer encodings, charsets, RFC 2047 words).
import { createHash } from 'node:crypto';
import type { Email } from 'postal-mime';
import { z } from 'zod';
import { complaintBodyMax, complaintSubjectMax } from '../../../contract/complaints.ts';
import { invalidInput, type FieldProblem } from '../core/errors.ts';
import { cutOffQuotedReply, htmlToText } from './mail-text.ts';

/** The largest message taken: what mail servers commonly accept, photos of the problem included. */
export const maxMailBytes = 25 * 1024 * 1024;

/**
 * A Date header further back than this is not believed: SMTP gives up retrying after about five
 * days, so an older one is a wrong clock or a stale draft. It is clamped to this bound, as a Date
 * in the future is clamped to the receipt, and the header is kept on the timeline event.
 */
export const maxMailAgeMs = 7 * 24 * 3_600_000;

export interface ComplaintMail {
  from: { email: string; name?: string };
  subject: string | null;
  body: string;
  occurredAt: Date;
  /** The Message-ID, or a hash of the message when it has none (a redelivery is the same bytes). */
  idempotencyKey: string;
  /** For the timeline event: the Message-ID, a Date header that was not used as it is, attachments. */
  details: Record<string, unknown>;
  /** The Message-IDs it answers (In-Reply-To, then References, nearest first): a reply finds its case by them. */
  answers: string[];
}

/** The Message-IDs in In-Reply-To and References, the nearest first, at most 50. */
function threadOf(mail: Email): string[] {
  const ids = (s: string | undefined) => (s ?? '').match(/<[^<>\s]{1,250}>/g) ?? [];
  const refs = ids(mail.references).reverse();
  return [...new Set([...ids(mail.inReplyTo), ...refs])].slice(0, 50);
}

const clean = (s: string | undefined) => (s ?? '').replaceAll('\0', '').trim();
const sha256 = (data: Uint8Array | string) => `sha256:${createHash('sha256').update(data).digest('hex')}`;
const emailSchema = z.email().max(320);
// RFC 5322 field names: printable ASCII but the colon.
const fieldName = /^[\x21-\x39\x3b-\x7e]+$/;

async function parse(raw: Uint8Array): Promise<Email> {
  // Loaded on first use: inbound mail is rare next to everything `kept start` must load.
  const { default: PostalMime } = await import('postal-mime');
  try {
    return await PostalMime.parse(raw, { maxNestingDepth: 50, maxRfc822NestingDepth: 3 });
  } catch (err) {
    throw invalidInput('The e-mail could not be read; nothing was stored', [
      { path: ['message'], message: `is not a readable RFC 822 message: ${(err as Error).message}` },
    ]);
  }
}

/** The text the customer wrote: the text/plain part, else the HTML part's text; without the quoted reply. */
function bodyOf(mail: Email): string {
  const text = mail.text?.trim() ? mail.text : mail.html ? htmlToText(mail.html) : '';
  return clean(cutOffQuotedReply(clean(text)));
}

function occurredAt(mail: Email, now: Date, details: Record<string, unknown>): Date {
  const header = mail.date;
  const t = header ? Date.parse(header) : NaN;
  const earliest = now.getTime() - maxMailAgeMs;
  if (Number.isFinite(t) && t <= now.getTime() && t >= earliest) return new Date(t);
  if (header !== undefined) details.dateHeader = header;
  if (!Number.isFinite(t) || t > now.getTime()) return now;
  return new Date(earliest);
}

/** Reads a raw message; a message with no From, no text or no headers is invalid_input naming what is missing. */
export async function readComplaintMail(raw: Uint8Array, now: Date): Promise<ComplaintMail> {
  if (raw.byteLength === 0) {
    throw invalidInput('The e-mail is empty; nothing was stored', [{ path: ['message'], message: 'is empty' }]);
  }
  const mail = await parse(raw);
  if (!mail.headers.some((h) => fieldName.test(h.originalKey) && h.value.trim() !== '')) {
    throw invalidInput('The e-mail could not be read; nothing was stored', [
      { path: ['message'], message: 'has no header fields: send the whole message, headers first (Content-Type: message/rfc822)' },
    ]);
  }
  const problems: FieldProblem[] = [];
  const from = mail.from && 'address' in mail.from && mail.from.address ? mail.from : undefined;
  const address = clean(from?.address);
  if (!from) problems.push({ path: ['from'], message: 'is missing: the From header names the customer' });
  else if (!emailSchema.safeParse(address).success) problems.push({ path: ['from'], message: `is not an e-mail address: ${address}` });
  let body = bodyOf(mail);
  if (!body) problems.push({ path: ['body'], message: 'is empty: the message has no text/plain or text/html part with text' });
  if (problems.length) throw invalidInput('The e-mail is not a complaint Kept can store; nothing was stored', problems);

  const details: Record<string, unknown> = {};
  const messageId = clean(mail.messageId);
  if (messageId) details.messageId = messageId;
  if (body.length > complaintBodyMax) {
    body = `${body.slice(0, complaintBodyMax - 4).trimEnd()}\n[…]`;
    details.truncated = true;
  }
  if (mail.attachments.length) {
    details.attachments = mail.attachments.slice(0, 20).map((a) => ({
      filename: a.filename,
      mimeType: a.mimeType,
      bytes: typeof a.content === 'string' ? a.content.length : a.content.byteLength,
    }));
  }
  const name = clean(from!.name).slice(0, 200);
  const subject = clean(mail.subject).slice(0, complaintSubjectMax);
  return {
    from: { email: address, ...(name ? { name } : {}) },
    subject: subject || null,
    body,
    occurredAt: occurredAt(mail, now, details),
    idempotencyKey: messageId ? (messageId.length <= 200 ? messageId : sha256(messageId)) : sha256(raw),
    details,
    answers: threadOf(mail),
  };
}
