// The MailTransport of a Kept with no SMTP server: nothing leaves. The mail sender keeps due mail
// as a preview that staff read in the web app (mode `preview`); a mail handed to send() anyway is
// only logged, and counts as taken.
import type { Logger } from 'pino';
import type { MailTransport } from '../domain/one-voice/mail-transport.ts';

export function createPreviewTransport(log: Pick<Logger, 'debug'>): MailTransport {
  return {
    mode: 'preview',
    async send(m) {
      log.debug({ to: m.to, subject: m.subject, messageId: m.messageId, headers: m.headers }, 'mail kept as a preview, not sent');
    },
  };
}
