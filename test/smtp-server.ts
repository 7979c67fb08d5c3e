// A real SMTP server (the smtp-server package) on a loopback port, for tests of mail delivery:
// it keeps what it takes, and a test can make it refuse (4xx, 5xx) or take a message and then
// never answer DATA, as a server that dies mid-conversation would.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  /** Header fields, unfolded; names lower-cased. */
  headers: Map<string, string>;
  body: string;
}

/** What the server answers to the DATA of one message. */
export type SmtpAnswer = 'accept' | 'hang' | { code: number; message: string };

export interface TestSmtpServer {
  url: string;
  port: number;
  /** The messages it took (it read the whole message), in order. */
  received: ReceivedMail[];
  /** Answers to the next messages, one each; then `accept`. */
  answers: SmtpAnswer[];
  /** While true, every message is refused with 550. */
  rejecting: boolean;
  /** How many messages it refused. */
  rejections: number;
  /** Forgets what it took and answered, and answers the messages it holds. */
  reset(): void;
  /** Answers every message it holds without an answer. */
  release(): void;
  close(): Promise<void>;
}

/** Header fields of a raw message, unfolded; names lower-cased. */
export function parseMessage(raw: string): { headers: Map<string, string>; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  return { headers, body: raw.slice(split + 4) };
}

/** Quoted-printable bodies, decoded well enough to search them. */
export const decodeQp = (s: string) =>
  Buffer.from(
    s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
    'latin1',
  ).toString('utf8');

export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const held: (() => void)[] = [];
  const state: Omit<TestSmtpServer, 'url' | 'port' | 'close'> = {
    received: [],
    answers: [],
    rejecting: false,
    rejections: 0,
    reset() {
      this.release();
      this.received.length = 0;
      this.answers.length = 0;
      this.rejecting = false;
      this.rejections = 0;
    },
    release() {
      for (const answer of held.splice(0)) answer();
    },
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (state.rejecting) {
          state.rejections++;
          return callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
        }
        const answer = state.answers.shift() ?? 'accept';
        if (typeof answer === 'object') {
          state.rejections++;
          return callback(Object.assign(new Error(answer.message), { responseCode: answer.code }));
        }
        // The server has the whole message now: a held one counts as received, as it would on a real server.
        const raw = Buffer.concat(chunks).toString('utf8');
        state.received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          ...parseMessage(raw),
        });
        if (answer === 'hang') held.push(() => callback());
        else callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return Object.assign(state, {
    url: `smtp://127.0.0.1:${port}`,
    port,
    close: () => {
      state.release();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
