// Outgoing mail over SMTP (nodemailer). Without KEPT_SMTP_URL there is no mailer: the sender
// then keeps every mail as a preview that staff read in the web app.
import nodemailer from 'nodemailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

export interface Mailer {
  /** Resolves once the SMTP server accepted the message; rejects with the server's answer otherwise. */
  send(m: OutgoingMail): Promise<void>;
}

/** A mailer for config.smtpUrl (smtp:// or smtps://, credentials in the URL), or undefined when unset. */
export function createMailer(config: Pick<Config, 'smtpUrl'>, log: Pick<Logger, 'info' | 'debug'>): Mailer | undefined {
  if (!config.smtpUrl) {
    log.info('No KEPT_SMTP_URL: mail is kept in the mail preview instead of being sent');
    return undefined;
  }
  // A stuck server must not hold the sender: give up and retry later instead. (createTransport({ url, ... })
  // drops every option beside the URL, these timeouts among them; SMTPTransport itself merges the two.)
  const transport = nodemailer.createTransport(
    new SMTPTransport({
      url: config.smtpUrl,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
    }),
  );
  const host = new URL(config.smtpUrl).host;
  return {
    async send(m) {
      const info = await transport.sendMail({
        from: m.from,
        to: m.to,
        subject: m.subject,
        html: m.html,
        text: m.text,
        headers: m.headers,
      });
      log.debug({ to: m.to, messageId: info.messageId, host }, 'mail sent');
    },
  };
}
