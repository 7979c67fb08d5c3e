// Outgoing mail over SMTP (nodemailer), the MailTransport of a Kept with KEPT_SMTP_URL. Without it
// the transport is the preview (mail-preview.ts): every mail is kept for staff to read in the web app.
//
// A failed send says whether the mail server may have the message. It cannot while the
// message is still being written: a server takes a mail only once it has read the final "."
// of DATA. After the whole message was handed over, an answer (4xx, 5xx) is still a refusal,
// but a timeout or a closed connection leaves it open whether the server took the mail: that
// failure is an UncertainDelivery, which the sender never retries by itself.
import type nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { UncertainDelivery, type MailTransport } from '../domain/one-voice/mail-transport.ts';
import { createPreviewTransport } from './mail-preview.ts';

export interface SmtpTimeouts {
  connectionMs: number;
  greetingMs: number;
  /** Silence on the socket, e.g. while waiting for the answer to DATA. */
  socketMs: number;
}

/** A stuck server must not hold the sender: give up and retry later instead. */
const defaultTimeouts: SmtpTimeouts = { connectionMs: 15_000, greetingMs: 15_000, socketMs: 60_000 };

/** The transport for config.smtpUrl (smtp:// or smtps://, credentials in the URL), or the preview when unset. */
export function createMailTransport(config: Pick<Config, 'smtpUrl'>, log: Pick<Logger, 'info' | 'debug'>): MailTransport {
  if (!config.smtpUrl) {
    log.info('No KEPT_SMTP_URL: mail is kept in the mail preview instead of being sent');
    return createPreviewTransport(log);
  }
  return createSmtpTransport(config.smtpUrl, log);
}

/** Sends over SMTP to `smtpUrl`, one connection per mail. */
export function createSmtpTransport(smtpUrl: string, log: Pick<Logger, 'debug'>, timeouts: SmtpTimeouts = defaultTimeouts): MailTransport {
  // createTransport({ url, ... }) drops every option beside the URL, the timeouts among them;
  // SMTPTransport itself merges the two. One connection per mail, no pool: nodemailer's pool sends
  // a message again by itself when its connection closes mid-send (unless maxRequeues is 0),
  // even after the server read all of it, which would break at most once.
  // nodemailer is loaded with the first mail, not at start (~40 ms every start would pay).
  let transport: Promise<nodemailer.Transporter> | undefined;
  const load = async () => {
    const [{ default: mailer }, { default: SMTPTransport }] = await Promise.all([
      import('nodemailer'),
      import('nodemailer/lib/smtp-transport/index.js'),
    ]);
    const t = mailer.createTransport(
      new SMTPTransport({
        url: smtpUrl,
        connectionTimeout: timeouts.connectionMs,
        greetingTimeout: timeouts.greetingMs,
        socketTimeout: timeouts.socketMs,
      }),
    );
    // The message stream ends when the connection has read all of it, just before the final ".".
    t.use('stream', (mail, done) => {
      const onHandedOver = (mail.data as { onHandedOver?: () => void }).onHandedOver;
      if (onHandedOver) mail.message.processFunc((message) => message.once('end', onHandedOver));
      done();
    });
    return t;
  };
  const host = new URL(smtpUrl).host;
  return {
    mode: 'deliver',
    async send(m) {
      const sender = await (transport ??= load().catch((err: unknown) => {
        transport = undefined; // tried again with the next mail
        throw err;
      }));
      let handedOver = false;
      try {
        await sender.sendMail({
          from: m.from,
          to: m.to,
          subject: m.subject,
          html: m.html,
          text: m.text,
          headers: m.headers,
          messageId: m.messageId,
          onHandedOver: () => (handedOver = true),
        } as nodemailer.SendMailOptions);
      } catch (err) {
        const answered = typeof (err as { responseCode?: unknown }).responseCode === 'number';
        throw handedOver && !answered ? new UncertainDelivery(err) : err;
      }
      log.debug({ to: m.to, messageId: m.messageId, host }, 'mail sent');
    },
  };
}
