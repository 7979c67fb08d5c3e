// Outgoing mail over SMTP (nodemailer). Without KEPT_SMTP_URL there is no mailer: the sender
// then keeps every mail as a preview that staff read in the web app.
//
// A failed send says whether the mail server may have the message. It cannot while the
// message is still being written: a server takes a mail only once it has read the final "."
// of DATA. After the whole message was handed over, an answer (4xx, 5xx) is still a refusal,
// but a timeout or a closed connection leaves it open whether the server took the mail: that
// failure is an UncertainDelivery, which the sender never retries by itself.
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
  /** The Message-ID header, e.g. `<0192f0c4-...@example.com>`. */
  messageId: string;
}

export interface Mailer {
  /**
   * Resolves once the SMTP server accepted the message; rejects with the server's answer when
   * it refused or could not be reached, and with an UncertainDelivery when it may have it.
   */
  send(m: OutgoingMail): Promise<void>;
}

/** The whole message was handed to the SMTP server, and then no answer came. */
export class UncertainDelivery extends Error {
  constructor(cause: unknown) {
    super(`No answer after the whole mail was handed to the mail server (${cause instanceof Error ? cause.message : String(cause)})`, {
      cause,
    });
    this.name = 'UncertainDelivery';
  }
}

export interface SmtpTimeouts {
  connectionMs: number;
  greetingMs: number;
  /** Silence on the socket, e.g. while waiting for the answer to DATA. */
  socketMs: number;
}

/** A stuck server must not hold the sender: give up and retry later instead. */
const defaultTimeouts: SmtpTimeouts = { connectionMs: 15_000, greetingMs: 15_000, socketMs: 60_000 };

/** A mailer for config.smtpUrl (smtp:// or smtps://, credentials in the URL), or undefined when unset. */
export function createMailer(
  config: Pick<Config, 'smtpUrl'>,
  log: Pick<Logger, 'info' | 'debug'>,
  timeouts: SmtpTimeouts = defaultTimeouts,
): Mailer | undefined {
  if (!config.smtpUrl) {
    log.info('No KEPT_SMTP_URL: mail is kept in the mail preview instead of being sent');
    return undefined;
  }
  // createTransport({ url, ... }) drops every option beside the URL, the timeouts among them;
  // SMTPTransport itself merges the two. One connection per mail, no pool: nodemailer's pool sends
  // a message again by itself when its connection closes mid-send (unless maxRequeues is 0),
  // even after the server read all of it, which would break at most once.
  const transport = nodemailer.createTransport(
    new SMTPTransport({
      url: config.smtpUrl,
      connectionTimeout: timeouts.connectionMs,
      greetingTimeout: timeouts.greetingMs,
      socketTimeout: timeouts.socketMs,
    }),
  );
  // The message stream ends when the connection has read all of it, just before the final ".".
  transport.use('stream', (mail, done) => {
    const onHandedOver = (mail.data as { onHandedOver?: () => void }).onHandedOver;
    if (onHandedOver) mail.message.processFunc((message) => message.once('end', onHandedOver));
    done();
  });
  const host = new URL(config.smtpUrl).host;
  return {
    async send(m) {
      let handedOver = false;
      try {
        await transport.sendMail({
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
