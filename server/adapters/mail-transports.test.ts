// The mail transport suite (test/mail-transport-suite.ts) against each implementation: SMTP to a
// real SMTP server on a loopback port, and the preview that keeps mail in Kept. Then what only
// SMTP does: a refusal rejects with the server's answer, an unreachable server rejects, and a
// server that took the whole message and never answered is an UncertainDelivery.
import pino, { type Logger } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeMailTransport, type TakenMail } from '../../test/mail-transport-suite.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../../test/smtp-server.ts';
import { UncertainDelivery } from '../domain/one-voice/mail-transport.ts';
import { createPreviewTransport } from './mail-preview.ts';
import { createMailTransport, createSmtpTransport } from './smtp.ts';

const silent = pino({ level: 'silent' });

describeMailTransport('SMTP', async () => {
  const smtp = await startTestSmtpServer();
  const names = ['list-unsubscribe', 'list-unsubscribe-post'];
  const canonical: Record<string, string> = { 'list-unsubscribe': 'List-Unsubscribe', 'list-unsubscribe-post': 'List-Unsubscribe-Post' };
  return {
    transport: createSmtpTransport(smtp.url, silent),
    mode: 'deliver',
    taken: () =>
      smtp.received.map((m) => ({
        to: m.to[0]!,
        subject: m.headers.get('subject')!,
        messageId: m.headers.get('message-id')!,
        headers: Object.fromEntries(names.filter((n) => m.headers.has(n)).map((n) => [canonical[n]!, m.headers.get(n)!])),
      })),
    reset: () => smtp.reset(),
    close: () => smtp.close(),
  };
});

describeMailTransport('preview', async () => {
  const taken: TakenMail[] = [];
  // The preview's only trace of a mail is its log line.
  const log = { debug: (o: { to: string; subject: string; messageId: string; headers: Record<string, string> }) => taken.push(o) };
  return {
    transport: createPreviewTransport(log as unknown as Logger),
    mode: 'preview',
    taken: () => taken.map(({ to, subject, messageId, headers }) => ({ to, subject, messageId, headers })),
    reset: () => void taken.splice(0),
    close: async () => {},
  };
});

describe('SMTP only', () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startTestSmtpServer();
  });
  afterAll(() => smtp.close());
  const mail = (to: string) => ({ from: 'a@acme.test', to, subject: 's', html: '<p>x</p>', text: 'x', headers: {}, messageId: `<${to}>` });

  it('is the transport with KEPT_SMTP_URL, the preview without', () => {
    expect(createMailTransport({ smtpUrl: smtp.url }, silent).mode).toBe('deliver');
    expect(createMailTransport({ smtpUrl: undefined }, silent).mode).toBe('preview');
  });

  it('rejects with the server’s answer when it refuses, and when it cannot be reached', async () => {
    smtp.reset();
    smtp.answers = [{ code: 550, message: 'No such mailbox' }];
    const refused = await createSmtpTransport(smtp.url, silent)
      .send(mail('nobody@example.com'))
      .catch((e: unknown) => e);
    expect(refused).not.toBeInstanceOf(UncertainDelivery);
    expect(refused).toMatchObject({ responseCode: 550 });
    const down = await createSmtpTransport('smtp://127.0.0.1:1', silent)
      .send(mail('later@example.com'))
      .catch((e: unknown) => e);
    expect(down).not.toBeInstanceOf(UncertainDelivery);
    expect(String(down)).toMatch(/ECONNREFUSED|connect/i);
  });

  it('rejects with an UncertainDelivery when the server took the whole message and never answered', async () => {
    smtp.reset();
    smtp.answers = ['hang'];
    const impatient = createSmtpTransport(smtp.url, silent, { connectionMs: 5000, greetingMs: 5000, socketMs: 300 });
    await expect(impatient.send(mail('silent@example.com'))).rejects.toBeInstanceOf(UncertainDelivery);
    expect(smtp.received).toHaveLength(1);
    smtp.release();
  });
});
