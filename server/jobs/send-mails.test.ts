// The mail sender against a real SMTP server (the smtp-server package) on a loopback port.
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Survey } from '../../contract/surveys.ts';
import { buildWorkspace } from '../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { manualClock } from '../domain/clock.ts';
import { inviteByHand } from '../domain/invitations.ts';
import { composeSurveyMail } from '../domain/mails.ts';
import { createSettingsCache } from '../domain/signal-settings.ts';
import { createSurvey } from '../domain/surveys.ts';
import { textsFor } from '../domain/survey-texts.ts';
import { unsubscribe } from '../domain/unsubscribe.ts';
import { createMailer, type Mailer } from '../mail/transport.ts';
import { enqueueMail, findMail } from '../storage/mails.ts';
import { maxAttempts, retryDelaysMs, sendDueMails } from './send-mails.ts';

interface Received {
  from: string;
  to: string[];
  raw: string;
  headers: Map<string, string>;
  body: string;
}

/** Header fields of a raw message, unfolded; names lower-cased. */
function parseMessage(raw: string): { headers: Map<string, string>; body: string } {
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
const decodeQp = (s: string) =>
  Buffer.from(
    s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
    'latin1',
  ).toString('utf8');

let t: TestDatabase;
let smtp: SMTPServer;
let port: number;
let received: Received[] = [];
let rejecting = false;
let rejections = 0;
const clock = manualClock('2026-03-02T09:00:00Z');
const log = pino({ level: 'silent' });
let mailer: Mailer;
let workspaceId: string;
let survey: Survey;
const settings = () => createSettingsCache(t.db, clock);

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (rejecting) {
          rejections++;
          return callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          ...parseMessage(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  port = (smtp.server.address() as AddressInfo).port;
  mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}` }, log)!;
  workspaceId = (await buildWorkspace(t.db)).id;
  survey = await createSurvey(t.db, clock, workspaceId, {
    kind: 'nps',
    name: 'Relationship NPS',
    askReason: true,
    questions: [],
    texts: {},
    defaultLocale: 'en',
    brand: { name: 'Acme', colour: '#0f766e' },
    samplePercent: 100,
  });
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await t.drop();
});
beforeEach(() => {
  received = [];
  rejecting = false;
  rejections = 0;
});

const deps = (m: Mailer | null = mailer) => ({
  db: t.db,
  clock,
  log,
  mailer: m ?? undefined,
  mailFrom: 'Acme Surveys <surveys@acme.test>',
});

async function queueSurveyMail(to: string, customerId: string | null = null, extraHeaders: Record<string, string> = {}) {
  const mail = composeSurveyMail({
    survey,
    texts: textsFor(survey, 'en'),
    locale: 'en',
    customerName: 'Ann',
    answerUrl: 'https://kept.test/s/TOKEN',
    unsubscribeUrl: 'https://kept.test/u/UNSUB',
    reminder: false,
  });
  return enqueueMail(
    t.db,
    workspaceId,
    { customerId, invitationId: null, kind: 'survey_invitation', to, ...mail, headers: { ...mail.headers, ...extraHeaders } },
    clock.now(),
  );
}

describe('sendDueMails with an SMTP server', () => {
  it('delivers a queued survey mail with List-Unsubscribe and RFC 8058 one-click headers', async () => {
    const id = await queueSurveyMail('ann@example.com');
    expect(await sendDueMails(deps())).toEqual({ sent: 1, preview: 0, failed: 0 });

    expect(received).toHaveLength(1);
    const m = received[0]!;
    expect(m.to).toEqual(['ann@example.com']);
    expect(m.from).toBe('surveys@acme.test');
    expect(m.headers.get('list-unsubscribe')).toBe('<https://kept.test/u/UNSUB>');
    expect(m.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(m.headers.get('subject')).toBe('A quick question from Acme');
    expect(m.headers.get('content-type')).toMatch(/^multipart\/alternative/);
    const body = decodeQp(m.body);
    expect(body).toContain('How likely are you to recommend Acme to a friend or colleague?');
    expect(body).toContain('https://kept.test/s/TOKEN?score=10');
    expect(body).toContain('https://kept.test/u/UNSUB');

    const row = (await findMail(t.db, workspaceId, id))!;
    expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null, next_attempt_at: null });
    expect(row.sent_at).toEqual(clock.now());
    expect(await sendDueMails(deps())).toEqual({ sent: 0, preview: 0, failed: 0 }); // nothing sent twice
    expect(received).toHaveLength(1);
  });

  it('retries a mail the server refuses with growing pauses, then marks it failed with the reason', async () => {
    rejecting = true;
    const id = await queueSurveyMail('nobody@example.com');
    for (let attempt = 1; attempt < maxAttempts; attempt++) {
      expect(await sendDueMails(deps())).toEqual({ sent: 0, preview: 0, failed: 0 });
      const row = (await findMail(t.db, workspaceId, id))!;
      expect(row).toMatchObject({ status: 'queued', attempts: attempt });
      expect(row.last_error).toMatch(/550/);
      expect(row.next_attempt_at).toEqual(new Date(clock.now().getTime() + retryDelaysMs[attempt - 1]!));
      // Not due yet: a pass now leaves it alone.
      clock.advance(retryDelaysMs[attempt - 1]! - 1000);
      await sendDueMails(deps());
      expect(rejections).toBe(attempt);
      clock.advance(1000);
    }
    expect(await sendDueMails(deps())).toEqual({ sent: 0, preview: 0, failed: 1 });
    expect(rejections).toBe(maxAttempts);
    const row = (await findMail(t.db, workspaceId, id))!;
    expect(row).toMatchObject({ status: 'failed', attempts: maxAttempts, next_attempt_at: null });
    expect(row.last_error).toMatch(/550 Mailbox unavailable/);
    clock.advance(24 * 3_600_000);
    await sendDueMails(deps());
    expect(rejections).toBe(maxAttempts); // given up for good
  });

  it('retries when the SMTP server is down, and sends once it is back', async () => {
    const down = createMailer({ smtpUrl: 'smtp://127.0.0.1:1' }, log)!;
    const id = await queueSurveyMail('later@example.com');
    expect(await sendDueMails(deps(down))).toEqual({ sent: 0, preview: 0, failed: 0 });
    const row = (await findMail(t.db, workspaceId, id))!;
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row.last_error).toMatch(/ECONNREFUSED|connect/i);
    clock.advance(retryDelaysMs[0]);
    expect(await sendDueMails(deps())).toEqual({ sent: 1, preview: 0, failed: 0 });
    expect(received.map((m) => m.to[0])).toEqual(['later@example.com']);
  });

  it('sends each mail once when two senders run at the same time', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 24; i++) ids.add(await queueSurveyMail(`many-${i}@example.com`, null, { 'X-Test-Index': String(i) }));
    const drain = async () => {
      let sent = 0;
      for (;;) {
        const r = await sendDueMails(deps(), 5);
        sent += r.sent;
        if (r.sent + r.failed === 0) return sent;
      }
    };
    const [a, b] = await Promise.all([drain(), drain()]);
    expect(a + b).toBe(24);
    const indexes = received.map((m) => m.headers.get('x-test-index'));
    expect(indexes).toHaveLength(24);
    expect(new Set(indexes).size).toBe(24);
    for (const id of ids) expect((await findMail(t.db, workspaceId, id))!.status).toBe('sent');
  });

  it('does not send a mail queued before its customer unsubscribed', async () => {
    const s = settings();
    const inv = await inviteByHand(
      { db: t.db, clock, settings: s, publicUrl: 'https://kept.test' },
      workspaceId,
      survey.id,
      { customer: { externalId: 'unsub-1', email: 'gone@example.com', name: 'Gone' }, channel: 'email' },
      null,
    );
    const queued = await t.db.selectFrom('mails').selectAll().where('invitation_id', '=', inv.id).executeTakeFirstOrThrow();
    const token = /\/u\/([^>]+)>/.exec(queued.headers['List-Unsubscribe']!)![1]!;
    await unsubscribe({ db: t.db, clock, settings: s }, token, 'one_click');
    expect(await sendDueMails(deps())).toEqual({ sent: 0, preview: 0, failed: 1 });
    expect(received).toHaveLength(0);
    const row = (await findMail(t.db, workspaceId, queued.id))!;
    expect(row.status).toBe('failed');
    expect(row.last_error).toMatch(/unsubscribed/);
  });

  it('delivers the mail of an e-mail invitation, its score links opening the answer page', async () => {
    const s = settings();
    const inv = await inviteByHand(
      { db: t.db, clock, settings: s, publicUrl: 'https://kept.test' },
      workspaceId,
      survey.id,
      { customer: { externalId: 'mail-1', email: 'bea@example.com', name: 'Béa' }, channel: 'email', locale: 'fr' },
      null,
    );
    expect(await sendDueMails(deps())).toEqual({ sent: 1, preview: 0, failed: 0 });
    const m = received[0]!;
    expect(m.to).toEqual(['bea@example.com']);
    expect(m.headers.get('list-unsubscribe')).toMatch(/^<https:\/\/kept\.test\/u\/[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{22}>$/);
    expect(m.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(m.headers.get('subject')).toBe('Une petite question de la part de Acme');
    const body = decodeQp(m.body);
    expect(body).toContain(`${inv.url}?score=0`);
    expect(body).toContain(`${inv.url}?score=10`);
    expect(body).toContain('Bonjour Béa,');
  });
});

describe('sendDueMails with no SMTP server', () => {
  it('keeps queued mail as a preview, sending nothing', async () => {
    const id = await queueSurveyMail('preview@example.com');
    expect(await sendDueMails(deps(null))).toEqual({ sent: 0, preview: 1, failed: 0 });
    expect(received).toHaveLength(0);
    const row = (await findMail(t.db, workspaceId, id))!;
    expect(row).toMatchObject({ status: 'preview', attempts: 0, sent_at: null, next_attempt_at: null });
    expect(row.headers['List-Unsubscribe']).toBe('<https://kept.test/u/UNSUB>');
    expect(await sendDueMails(deps(null))).toEqual({ sent: 0, preview: 0, failed: 0 });
  });

  it('has no mailer without KEPT_SMTP_URL', () => {
    expect(createMailer({ smtpUrl: undefined }, log)).toBeUndefined();
  });
});
