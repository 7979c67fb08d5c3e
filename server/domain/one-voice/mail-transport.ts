// What the mail sender needs of a mail transport: hand one message over, and say how it went.
// The adapters implement it (server/adapters/smtp.ts, server/adapters/mail-preview.ts).

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

export interface MailTransport {
  /**
   * `deliver`: every due mail is handed to send(), one conversation each. `preview`: nothing leaves
   * Kept; due mail is kept as a preview that staff read in the web app.
   */
  readonly mode: 'deliver' | 'preview';
  /**
   * Resolves once the transport accepted the message; rejects with its answer when it refused or
   * could not be reached, and with an UncertainDelivery when it may have the message.
   */
  send(m: OutgoingMail): Promise<void>;
}

/** The whole message was handed to the mail server, and then no answer came. */
export class UncertainDelivery extends Error {
  constructor(cause: unknown) {
    super(`No answer after the whole mail was handed to the mail server (${cause instanceof Error ? cause.message : String(cause)})`, {
      cause,
    });
    this.name = 'UncertainDelivery';
  }
}
