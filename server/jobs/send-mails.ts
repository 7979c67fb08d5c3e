// The mail sender: takes due mail from the outbox and hands it to the SMTP server, or, with no
// SMTP server configured, keeps it as a preview for the web app. A failed attempt is retried
// with growing pauses (1 min, 5 min, 30 min, 2 h); the fifth failure marks the mail failed,
// with the server's last answer kept on it. Claims use SKIP LOCKED and a lease, so any number
// of instances may run this at once and a mail still goes to one sender at a time.
import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.ts';
import type { Mailer } from '../mail/transport.ts';
import type { Db } from '../storage/database.ts';
import { claimDueMails, markMailFailed, markMailRetry, markMailSent, previewDueMails, type ClaimedMail } from '../storage/mails.ts';

export interface SendMailDeps {
  db: Db;
  clock: Clock;
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
  mailer: Mailer | undefined;
  mailFrom: string;
}

export const maxAttempts = 5;
/** The pause after the 1st, 2nd, 3rd and 4th failed attempt. */
export const retryDelaysMs = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000] as const;
/** How long a claimed mail is left to its sender before another may try it (longer than any SMTP timeout). */
export const leaseMs = 10 * 60_000;
/** Mails of one batch sent at the same time. */
const parallel = 4;

const describe = (err: unknown) => {
  if (err instanceof Error) {
    const e = err as Error & { responseCode?: number; response?: string; code?: string };
    return (e.response ?? e.message ?? String(err)).toString().slice(0, 2000);
  }
  return String(err).slice(0, 2000);
};

/** One pass: sends (or previews) up to `limit` due mails; answers what became of them. */
export async function sendDueMails(deps: SendMailDeps, limit = 50): Promise<{ sent: number; preview: number; failed: number }> {
  const now = deps.clock.now();
  if (!deps.mailer) {
    return { sent: 0, preview: await previewDueMails(deps.db, now, limit), failed: 0 };
  }
  const mailer = deps.mailer;
  const claimed = await claimDueMails(deps.db, now, limit, leaseMs);
  const result = { sent: 0, preview: 0, failed: 0 };

  const one = async (m: ClaimedMail) => {
    if (m.unsubscribed) {
      // Queued before the customer unsubscribed: it must not go out after all.
      await markMailFailed(deps.db, m.workspace_id, m.id, 'Not sent: the customer unsubscribed after this mail was queued');
      result.failed++;
      return;
    }
    try {
      await mailer.send({ from: deps.mailFrom, to: m.to_address, subject: m.subject, html: m.html, text: m.text, headers: m.headers });
    } catch (err) {
      const error = describe(err);
      if (m.attempts >= maxAttempts) {
        await markMailFailed(deps.db, m.workspace_id, m.id, error);
        deps.log.error({ mailId: m.id, workspaceId: m.workspace_id, attempts: m.attempts, error }, 'mail failed; giving up');
        result.failed++;
      } else {
        const delay = retryDelaysMs[Math.min(m.attempts, retryDelaysMs.length) - 1]!;
        await markMailRetry(deps.db, m.workspace_id, m.id, error, new Date(deps.clock.now().getTime() + delay));
        deps.log.warn(
          { mailId: m.id, workspaceId: m.workspace_id, attempts: m.attempts, error, retryInMs: delay },
          'mail not sent; will retry',
        );
      }
      return;
    }
    await markMailSent(deps.db, m.workspace_id, m.id, deps.clock.now());
    result.sent++;
  };

  for (let i = 0; i < claimed.length; i += parallel) {
    await Promise.all(claimed.slice(i, i + parallel).map(one));
  }
  return result;
}
