// The mail sender: takes due mail from the outbox and hands it to the mail transport (SMTP,
// server/adapters/smtp.ts), or, with the preview transport, keeps it as a preview for the web app.
// Jobs run it (server/jobs/signals.ts).
//
// The promise is at most once. Exactly once is impossible over SMTP: the server takes the mail
// when it reads the final "." of DATA and only then answers, so a sender that dies, or hears
// nothing, between the two cannot know whether the mail went out, and nothing in SMTP lets it
// ask. So each mail is committed as `sending` (who, since when) before its conversation starts,
// and its lease is renewed while the conversation lasts:
//   - accepted (2xx): `sent`.
//   - refused or never handed over (connection refused, a timeout before the whole message was
//     written, 4xx, 5xx): the server does not have it, so it is retried with growing pauses
//     (1 min, 5 min, 30 min, 2 h); the fifth refusal marks it `failed` with the last answer.
//   - handed over and then no answer (timeout, closed connection): `unknown`.
//   - the sender died mid-conversation: its lease runs out and any sender marks the mail
//     `unknown` ("Kept stopped while handing this to the mail server").
// An `unknown` mail is never sent again by itself; staff see it in the mail page and may choose
// to send it again (recorded). The window of doubt is one SMTP conversation per mail in flight:
// a sender claims a mail only when it is about to send it, four at a time. Every attempt carries
// the same Message-ID (<mail id@From domain>), so a resend is recognisably the same mail.
// Claims use SKIP LOCKED, so any number of instances may run this at once.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Db } from '../../storage/database.ts';
import {
  claimNextMail,
  failUnsubscribedDueMails,
  markAbandonedMailsUnknown,
  markMailFailed,
  markMailRetry,
  markMailSent,
  markMailUnknown,
  previewDueMails,
  renewMailLease,
  type MailClaim,
  type MailRecord,
} from '../../storage/mails.ts';
import type { Clock } from '../core/clock.ts';
import { UncertainDelivery, type MailTransport } from './mail-transport.ts';
import { messageIdDomain } from './mails.ts';
import { companyVoice, senderOf } from '../core/company-profile.ts';

export interface SendMailDeps {
  db: Db;
  clock: Clock;
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** SMTP, or the preview (nothing leaves; due mail becomes a preview). */
  transport: MailTransport;
  mailFrom: string;
  /** This sender, written on each mail it claims; by default host and process, e.g. `web-1:4211`. */
  instance?: string;
}

export interface MailPass {
  sent: number;
  preview: number;
  failed: number;
  /** Refused or unreachable, to be tried again later. */
  retrying: number;
  /** May or may not have been delivered: not sent again unless a person chooses to. */
  unknown: number;
}

export const maxAttempts = 5;
/** The pause after the 1st, 2nd, 3rd and 4th failed attempt. */
export const retryDelaysMs = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000] as const;
/** A claim not renewed for this long belongs to a sender that stopped; renewed every third of it. */
export const leaseMs = 30_000;
/** Mails sent at the same time by one sender, each claimed just before its conversation. */
const parallel = 4;

const thisProcess = `${hostname()}:${process.pid}`;

export const diedWhileSending = 'Kept stopped while handing this to the mail server; it may or may not have been delivered';

/** Who a mail comes from, and where replies go (the company's, for mail to a customer). */
type Sender = { from: string; replyTo: string | null };

const hasHeader = (headers: Record<string, string>, name: string) => Object.keys(headers).some((k) => k.toLowerCase() === name);

const describe = (err: unknown) => {
  if (err instanceof Error) {
    const e = err as Error & { responseCode?: number; response?: string; code?: string };
    return (e.response ?? e.message ?? String(err)).toString().slice(0, 2000);
  }
  return String(err).slice(0, 2000);
};

/** One pass: sends (or previews) up to `limit` due mails; answers what became of them. */
export async function sendDueMails(deps: SendMailDeps, limit = 50): Promise<MailPass> {
  const { db, clock, log } = deps;
  const result: MailPass = { sent: 0, preview: 0, failed: 0, retrying: 0, unknown: 0 };
  for (const m of await markAbandonedMailsUnknown(db, clock.now(), diedWhileSending)) {
    log.warn({ mailId: m.id, workspaceId: m.workspaceId, claimedBy: m.claimedBy, claimedAt: m.claimedAt }, 'mail delivery unknown');
    result.unknown++;
  }
  if (deps.transport.mode === 'preview') {
    result.preview = await previewDueMails(db, clock.now(), limit);
    return result;
  }
  result.failed += await failUnsubscribedDueMails(db, clock.now(), limit);

  const transport = deps.transport;
  const domain = messageIdDomain(deps.mailFrom);
  const senders = new Map<string, Promise<Sender>>();
  const senderFor = (m: MailRecord): Promise<Sender> => {
    // Staff mail (invitations to the team, case reminders) comes from the server; a customer's from the company.
    if (!m.customerId) return Promise.resolve({ from: deps.mailFrom, replyTo: null });
    let s = senders.get(m.workspaceId);
    if (!s) senders.set(m.workspaceId, (s = companyVoice(db, m.workspaceId).then((v) => senderOf(v, deps.mailFrom))));
    return s;
  };
  let taken = 0;
  const worker = async () => {
    while (taken < limit) {
      taken++;
      const now = clock.now();
      const claimId = randomUUID();
      const m = await claimNextMail(db, now, {
        claimId,
        claimedBy: deps.instance ?? thisProcess,
        leaseUntil: new Date(now.getTime() + leaseMs),
        messageIdDomain: domain,
      });
      if (!m) return;
      await deliver(deps, transport, m, await senderFor(m), { workspaceId: m.workspaceId, mailId: m.id, claimId }, result);
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: parallel }, worker));
  const failure = settled.find((s) => s.status === 'rejected');
  if (failure) throw failure.reason;
  return result;
}

/** Passes of `batch` until nothing more is due; answers the totals. */
export async function drainDueMails(deps: SendMailDeps, batch = 100): Promise<MailPass> {
  const total: MailPass = { sent: 0, preview: 0, failed: 0, retrying: 0, unknown: 0 };
  for (;;) {
    const r = await sendDueMails(deps, batch);
    total.sent += r.sent;
    total.preview += r.preview;
    total.failed += r.failed;
    total.retrying += r.retrying;
    total.unknown += r.unknown;
    if (r.sent + r.preview + r.failed + r.retrying < batch) return total;
  }
}

/** One SMTP conversation, with the claim's lease renewed while it lasts, and its outcome written. */
async function deliver(
  deps: SendMailDeps,
  transport: MailTransport,
  m: MailRecord,
  sender: Sender,
  claim: MailClaim,
  result: MailPass,
): Promise<void> {
  const { db, clock, log } = deps;
  const where = { mailId: m.id, workspaceId: m.workspaceId, attempts: m.attempts };
  const renew = setInterval(() => {
    renewMailLease(db, claim, new Date(clock.now().getTime() + leaseMs)).catch((err) =>
      log.warn({ ...where, err }, 'could not renew the claim on a mail being sent'),
    );
  }, leaseMs / 3);
  let refusal: unknown;
  try {
    await transport.send({
      from: sender.from,
      to: m.to,
      subject: m.subject,
      html: m.html,
      text: m.text,
      headers: sender.replyTo && !hasHeader(m.headers, 'reply-to') ? { ...m.headers, 'Reply-To': sender.replyTo } : m.headers,
      messageId: m.messageId!,
    });
  } catch (err) {
    refusal = err ?? new Error('refused');
  } finally {
    clearInterval(renew);
  }

  let recorded: boolean;
  if (refusal === undefined) {
    recorded = await markMailSent(db, claim, clock.now());
    if (recorded) result.sent++;
  } else if (refusal instanceof UncertainDelivery) {
    recorded = await markMailUnknown(db, claim, `${refusal.message}; it may or may not have been delivered`);
    if (recorded) result.unknown++;
    log.warn({ ...where, error: refusal.message }, 'mail delivery unknown');
  } else if (m.attempts >= maxAttempts) {
    const error = describe(refusal);
    recorded = await markMailFailed(db, claim, error);
    if (recorded) result.failed++;
    log.error({ ...where, error }, 'mail failed; giving up');
  } else {
    const error = describe(refusal);
    const delay = retryDelaysMs[Math.min(m.attempts, retryDelaysMs.length) - 1]!;
    recorded = await markMailRetry(db, claim, error, new Date(clock.now().getTime() + delay));
    if (recorded) result.retrying++;
    log.warn({ ...where, error, retryInMs: delay }, 'mail not sent; will retry');
  }
  if (!recorded) {
    // A person chose to send it again while this conversation lasted: theirs is the claim now.
    log.warn({ ...where, delivered: refusal === undefined }, 'mail was resent while an earlier attempt was still under way');
  }
}
