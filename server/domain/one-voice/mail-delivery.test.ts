// The mail sender against a real SMTP server (the smtp-server package) on a loopback port: at
// most once, retries with growing pauses, unknown outcomes left to a person, and resends.
import { randomUUID } from 'node:crypto';
import net, { type AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Survey } from '../../../contract/surveys.ts';
import { buildUser, buildWorkspace } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { decodeQp, startTestSmtpServer, type TestSmtpServer } from '../../../test/smtp-server.ts';
import { manualClock } from '../core/clock.ts';
import { inviteByHand } from '../signals/invitations.ts';
import { composeSurveyMail, getMail, resendMail } from './mails.ts';
import { createSettingsCache } from '../signals/signal-settings.ts';
import { createSurvey } from '../signals/surveys.ts';
import { textsFor } from '../signals/survey-texts.ts';
import { unsubscribe } from '../signals/unsubscribe.ts';
import { createPreviewTransport } from '../../adapters/mail-preview.ts';
import { createSmtpTransport } from '../../adapters/smtp.ts';
import type { MailTransport } from './mail-transport.ts';
import { claimNextMail, enqueueMail, markMailRetry, markMailSent } from '../../storage/mails.ts';
import { findMail } from '../../storage/mail-views.ts';
import { diedWhileSending, leaseMs, maxAttempts, retryDelaysMs, sendDueMails, type MailPass } from './mail-delivery.ts';

let t: TestDatabase;
let smtp: TestSmtpServer;
let port: number;
const clock = manualClock('2026-03-02T09:00:00Z');
const log = pino({ level: 'silent' });
let mailer: MailTransport;
let workspaceId: string;
let survey: Survey;
const settings = () => createSettingsCache(t.db, clock);

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = await startTestSmtpServer();
  port = smtp.port;
  mailer = createSmtpTransport(smtp.url, log);
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
  await smtp.close();
  await t.drop();
});
beforeEach(() => smtp.reset());
afterEach(() => smtp.release());

/** What a pass did: nothing, but for `over`. */
const pass = (over: Partial<MailPass> = {}): MailPass => ({ sent: 0, preview: 0, failed: 0, retrying: 0, unknown: 0, ...over });

const deps = (m: MailTransport | null = mailer) => ({
  db: t.db,
  clock,
  log,
  transport: m ?? createPreviewTransport(log),
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
    expect(await sendDueMails(deps())).toEqual(pass({ sent: 1 }));

    expect(smtp.received).toHaveLength(1);
    const m = smtp.received[0]!;
    expect(m.to).toEqual(['ann@example.com']);
    expect(m.from).toBe('surveys@acme.test');
    expect(m.headers.get('list-unsubscribe')).toBe('<https://kept.test/u/UNSUB>');
    expect(m.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(m.headers.get('message-id')).toBe(`<${id}@acme.test>`);
    expect(m.headers.get('subject')).toBe('A quick question from Acme');
    expect(m.headers.get('content-type')).toMatch(/^multipart\/alternative/);
    const body = decodeQp(m.body);
    expect(body).toContain('How likely are you to recommend Acme to a friend or colleague?');
    expect(body).toContain('https://kept.test/s/TOKEN?score=10');
    expect(body).toContain('https://kept.test/u/UNSUB');

    const row = (await findMail(t.db, workspaceId, id))!;
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null, nextAttemptAt: null, messageId: `<${id}@acme.test>` });
    expect(row.sentAt).toEqual(clock.now());
    expect(await sendDueMails(deps())).toEqual(pass()); // nothing sent twice
    expect(smtp.received).toHaveLength(1);
  });

  it('retries a mail the server refuses with growing pauses, then marks it failed with the reason', async () => {
    smtp.rejecting = true;
    const id = await queueSurveyMail('nobody@example.com');
    for (let attempt = 1; attempt < maxAttempts; attempt++) {
      expect(await sendDueMails(deps())).toEqual(pass({ retrying: 1 }));
      const row = (await findMail(t.db, workspaceId, id))!;
      expect(row).toMatchObject({ status: 'queued', attempts: attempt });
      expect(row.lastError).toMatch(/550/);
      expect(row.nextAttemptAt).toEqual(new Date(clock.now().getTime() + retryDelaysMs[attempt - 1]!));
      // Not due yet: a pass now leaves it alone.
      clock.advance(retryDelaysMs[attempt - 1]! - 1000);
      await sendDueMails(deps());
      expect(smtp.rejections).toBe(attempt);
      clock.advance(1000);
    }
    expect(await sendDueMails(deps())).toEqual(pass({ failed: 1 }));
    expect(smtp.rejections).toBe(maxAttempts);
    const row = (await findMail(t.db, workspaceId, id))!;
    expect(row).toMatchObject({ status: 'failed', attempts: maxAttempts, nextAttemptAt: null });
    expect(row.lastError).toMatch(/550 Mailbox unavailable/);
    clock.advance(24 * 3_600_000);
    await sendDueMails(deps());
    expect(smtp.rejections).toBe(maxAttempts); // given up for good
  });

  it('retries when the SMTP server is down, and sends once it is back', async () => {
    const down = createSmtpTransport('smtp://127.0.0.1:1', log);
    const id = await queueSurveyMail('later@example.com');
    expect(await sendDueMails(deps(down))).toEqual(pass({ retrying: 1 }));
    const row = (await findMail(t.db, workspaceId, id))!;
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
    clock.advance(retryDelaysMs[0]);
    expect(await sendDueMails(deps())).toEqual(pass({ sent: 1 }));
    expect(smtp.received.map((m) => m.to[0])).toEqual(['later@example.com']);
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
    const indexes = smtp.received.map((m) => m.headers.get('x-test-index'));
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
    // The survey mail fails; the mail confirming the unsubscribe (queued by it) is the one that goes.
    expect(await sendDueMails(deps())).toEqual(pass({ failed: 1, sent: 1 }));
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.headers.get('subject')).toMatch(/you are unsubscribed from our surveys$/);
    const row = (await findMail(t.db, workspaceId, queued.id))!;
    expect(row.status).toBe('failed');
    expect(row.lastError).toMatch(/unsubscribed/);
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
    expect(await sendDueMails(deps())).toEqual(pass({ sent: 1 }));
    const m = smtp.received[0]!;
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

describe('at most once', () => {
  /** A mailer that gives up 300 ms after its last write, e.g. while waiting for the answer to DATA. */
  const impatient = () => createSmtpTransport(`smtp://127.0.0.1:${port}`, log, { connectionMs: 5000, greetingMs: 5000, socketMs: 300 });
  const row = async (id: string) => (await findMail(t.db, workspaceId, id))!;

  it('retries a mail the server answers with 4xx, with growing pauses, and delivers it once', async () => {
    smtp.answers = [
      { code: 451, message: 'Greylisted, try again later' },
      { code: 452, message: 'Insufficient system storage' },
    ];
    const id = await queueSurveyMail('busy@example.com');
    expect(await sendDueMails(deps())).toEqual(pass({ retrying: 1 }));
    expect(await row(id)).toMatchObject({
      status: 'queued',
      attempts: 1,
      nextAttemptAt: new Date(clock.now().getTime() + retryDelaysMs[0]),
    });
    expect((await row(id)).lastError).toMatch(/451 Greylisted/);
    clock.advance(retryDelaysMs[0] - 1000);
    expect(await sendDueMails(deps())).toEqual(pass()); // not due yet
    clock.advance(1000);
    expect(await sendDueMails(deps())).toEqual(pass({ retrying: 1 }));
    expect(await row(id)).toMatchObject({
      status: 'queued',
      attempts: 2,
      nextAttemptAt: new Date(clock.now().getTime() + retryDelaysMs[1]),
    });
    expect((await row(id)).lastError).toMatch(/452 Insufficient/);
    clock.advance(retryDelaysMs[1]);
    expect(await sendDueMails(deps())).toEqual(pass({ sent: 1 }));
    expect(smtp.rejections).toBe(2);
    expect(smtp.received.map((m) => m.to[0])).toEqual(['busy@example.com']);
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    clock.advance(24 * 3_600_000);
    expect(await sendDueMails(deps())).toEqual(pass());
    expect(smtp.received).toHaveLength(1);
  });

  it('marks a mail unknown, and never sends it again by itself, when the server took it and did not answer', async () => {
    smtp.answers = ['hang'];
    const id = await queueSurveyMail('silent@example.com');
    expect(await sendDueMails(deps(impatient()))).toEqual(pass({ unknown: 1 }));
    expect(smtp.received).toHaveLength(1);
    const r = await row(id);
    expect(r).toMatchObject({ status: 'unknown', attempts: 1, nextAttemptAt: null, leaseUntil: null });
    expect(r.lastError).toMatch(/No answer after the whole mail was handed to the mail server .*may or may not have been delivered/);
    clock.advance(24 * 3_600_000);
    expect(await sendDueMails(deps())).toEqual(pass());
    expect(smtp.received).toHaveLength(1);
  });

  it('retries a mail whose conversation broke off before the whole message was handed over', async () => {
    // A server that never greets: the mailer gives up long before DATA, so the server cannot have the mail.
    const mute = net.createServer(() => {});
    await new Promise<void>((resolve) => mute.listen(0, '127.0.0.1', resolve));
    const mutePort = (mute.address() as AddressInfo).port;
    try {
      const quick = createSmtpTransport(`smtp://127.0.0.1:${mutePort}`, log, { connectionMs: 5000, greetingMs: 200, socketMs: 300 });
      const id = await queueSurveyMail('mute@example.com');
      expect(await sendDueMails(deps(quick))).toEqual(pass({ retrying: 1 }));
      expect(await row(id)).toMatchObject({ status: 'queued', attempts: 1 });
      clock.advance(retryDelaysMs[0]);
      expect(await sendDueMails(deps())).toEqual(pass({ sent: 1 }));
      expect(smtp.received.map((m) => m.to[0])).toEqual(['mute@example.com']);
    } finally {
      mute.close();
    }
  });

  it('marks a mail unknown once the lease of a sender that died mid-conversation runs out, and does not send it again', async () => {
    const id = await queueSurveyMail('orphan@example.com');
    // A sender claims it and dies: its claim is committed, its conversation never ends.
    const claim = { claimId: randomUUID(), claimedBy: 'gone-host:4242', leaseUntil: new Date(clock.now().getTime() + leaseMs) };
    expect(await claimNextMail(t.db, clock.now(), { ...claim, messageIdDomain: 'acme.test' })).toMatchObject({
      id,
      status: 'sending',
      attempts: 1,
      claimedBy: 'gone-host:4242',
      messageId: `<${id}@acme.test>`,
    });
    clock.advance(leaseMs - 1000);
    expect(await sendDueMails(deps())).toEqual(pass()); // still within its lease: nobody touches it
    expect((await row(id)).status).toBe('sending');
    clock.advance(1000);
    expect(await sendDueMails(deps())).toEqual(pass({ unknown: 1 }));
    expect(await row(id)).toMatchObject({ status: 'unknown', lastError: diedWhileSending, claimedBy: 'gone-host:4242' });
    clock.advance(24 * 3_600_000);
    expect(await sendDueMails(deps())).toEqual(pass());
    expect(smtp.received).toHaveLength(0);

    // The sender was only slow: what the server answered it still counts, under its own claim.
    expect(await markMailSent(t.db, { workspaceId, mailId: id, claimId: claim.claimId }, clock.now())).toBe(true);
    expect((await row(id)).status).toBe('sent');
    expect(await markMailRetry(t.db, { workspaceId, mailId: id, claimId: randomUUID() }, 'late', clock.now())).toBe(false);
  });

  it('sends an unknown mail once more when a person chooses to, with the same Message-ID, and records who', async () => {
    const manager = await buildUser(t.db, workspaceId, { role: 'manager' });
    const person = { workspaceId, role: 'manager' as const, kind: 'user' as const, userId: manager.id };
    smtp.answers = ['hang'];
    const id = await queueSurveyMail('twice@example.com');
    expect(await sendDueMails(deps(impatient()))).toEqual(pass({ unknown: 1 }));

    const queued = await resendMail(t.db, clock, person, id);
    expect(queued).toMatchObject({ status: 'queued', attempts: 0, lastError: null, messageId: `<${id}@acme.test>` });
    expect(queued.resends).toEqual([
      {
        at: clock.now().toISOString(),
        byUserId: manager.id,
        byTokenId: null,
        byName: 'Test User',
        fromStatus: 'unknown',
        fromError: expect.stringMatching(/may or may not have been delivered/),
      },
    ]);
    expect(await sendDueMails(deps())).toEqual(pass({ sent: 1 }));
    expect(smtp.received.map((m) => m.headers.get('message-id'))).toEqual([`<${id}@acme.test>`, `<${id}@acme.test>`]);
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 1 });
    clock.advance(24 * 3_600_000);
    expect(await sendDueMails(deps())).toEqual(pass());
    expect(smtp.received).toHaveLength(2);

    await expect(resendMail(t.db, clock, person, id)).rejects.toMatchObject({ code: 'conflict', details: { status: 'sent' } });
    expect((await getMail(t.db, workspaceId, id)).resends).toHaveLength(1);
  });
});

describe('sendDueMails with no SMTP server', () => {
  it('keeps queued mail as a preview, sending nothing', async () => {
    const id = await queueSurveyMail('preview@example.com');
    expect(await sendDueMails(deps(null))).toEqual(pass({ preview: 1 }));
    expect(smtp.received).toHaveLength(0);
    const row = (await findMail(t.db, workspaceId, id))!;
    expect(row).toMatchObject({ status: 'preview', attempts: 0, sentAt: null, nextAttemptAt: null });
    expect(row.headers['List-Unsubscribe']).toBe('<https://kept.test/u/UNSUB>');
    expect(await sendDueMails(deps(null))).toEqual(pass());
  });
});
