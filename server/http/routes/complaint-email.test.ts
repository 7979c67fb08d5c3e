// Complaints forwarded as raw e-mail (POST /api/v1/complaints/email, message/rfc822): the
// customer from From, the text without the quoted reply, the Date as the incident time within
// bounds, one complaint per Message-ID; a message Kept cannot use is a named 400, nothing stored.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, buildToken, buildWorkspace, call, type TestApp } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { manualClock } from '../../domain/core/clock.ts';
import { maxMailBytes } from '../../domain/recovery/complaint-mail.ts';

let t: TestDatabase;
let app: TestApp;
let ws: string;
let agent: string;
const clock = manualClock('2026-03-02T10:00:00Z');

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db, { clock });
  ws = (await buildWorkspace(t.db)).id;
  agent = await buildToken(t.db, ws, 'agent');
});
afterAll(() => t.drop());

const crlf = (...lines: string[]) => lines.join('\r\n');
const send = (raw: string, contentType = 'message/rfc822') =>
  call(app, 'POST', '/api/v1/complaints/email', { token: agent, body: raw, headers: { 'content-type': contentType } });
const complaints = async () =>
  Number((await sql<{ n: number }>`SELECT count(*) AS n FROM complaints WHERE workspace_id = ${ws}`.execute(t.db)).rows[0]!.n);
const problemPaths = (r: { body: { error: { details: { problems: { path: unknown[] }[] } } } }) =>
  r.body.error.details.problems.map((p) => p.path);

/** What Gmail sends for a reply: text and HTML alternatives, each quoting the shop's mail, and a photo. */
const reply = (messageId = '<CAF=reply-1@mail.example.com>', extraHeaders: string[] = []) =>
  crlf(
    ...extraHeaders,
    'From: =?UTF-8?Q?Ren=C3=A9e_M=C3=BCller?= <renee@example.com>',
    'To: Acme Support <support@acme.test>',
    'Subject: =?UTF-8?Q?Re:_Your_order_A-1001_has_shipped_=E2=80=93_wrong_product?=',
    'Date: Mon, 2 Mar 2026 09:40:00 +0100',
    `Message-ID: ${messageId}`,
    'In-Reply-To: <order-A-1001@acme.test>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="mixed"',
    '',
    '--mixed',
    'Content-Type: multipart/alternative; boundary="alt"',
    '',
    '--alt',
    'Content-Type: text/plain; charset="UTF-8"',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'Hello,',
    '',
    'the conditioner jar I received is full of henna. My hair is orange now. I w=',
    'ould like a refund.',
    '',
    'Ren=C3=A9e',
    '',
    'On Sun, 1 Mar 2026 at 12:00, Acme Shop <shop@acme.test> wrote:',
    '> Your order A-1001 has shipped.',
    '>',
    '> Acme',
    '',
    '--alt',
    'Content-Type: text/html; charset="UTF-8"',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(
      '<div dir="ltr">Hello,<div><br></div><div>the conditioner jar I received is full of henna.</div></div>' +
        '<div class="gmail_quote"><div class="gmail_attr">On Sun, 1 Mar 2026 at 12:00, Acme Shop &lt;shop@acme.test&gt; wrote:<br></div>' +
        '<blockquote class="gmail_quote">Your order A-1001 has shipped.</blockquote></div>',
    ).toString('base64'),
    '--alt--',
    '',
    '--mixed',
    'Content-Type: image/jpeg; name="jar.jpg"',
    'Content-Disposition: attachment; filename="jar.jpg"',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.alloc(600, 7).toString('base64'),
    '--mixed--',
    '',
  );

const plain = (headers: string[], body = 'The parcel arrived crushed.') =>
  crlf(...headers, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', body, '');

describe('POST /api/v1/complaints/email', () => {
  it('takes a multipart reply: the sender as customer, the text without the quote, the Date as the incident', async () => {
    const r = await send(reply());
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ joined: false, duplicate: false });
    const c = r.body.complaint;
    expect(c).toMatchObject({
      channel: 'email',
      source: 'email',
      subject: 'Re: Your order A-1001 has shipped – wrong product',
      body: 'Hello,\n\nthe conditioner jar I received is full of henna. My hair is orange now. I would like a refund.\n\nRenée',
      occurredAt: '2026-03-02T08:40:00.000Z',
      receivedAt: '2026-03-02T10:00:00.000Z',
      customer: { name: 'Renée Müller', email: 'renee@example.com', externalId: null },
      idempotencyKey: '<CAF=reply-1@mail.example.com>',
    });
    const kase = (await call(app, 'GET', `/api/v1/cases/${c.caseId}`, { token: agent })).body;
    expect(kase).toMatchObject({ origin: 'complaint', oopsAt: c.occurredAt });
    const timeline = (await call(app, 'GET', `/api/v1/customers/${c.customerId}/timeline?type=complaint.received`, { token: agent })).body;
    expect(timeline.items[0].data).toMatchObject({
      complaintId: c.id,
      channel: 'email',
      messageId: '<CAF=reply-1@mail.example.com>',
      attachments: [{ filename: 'jar.jpg', mimeType: 'image/jpeg', bytes: 600 }],
    });
  });

  it('stores a message once: a redelivery with the same Message-ID answers 200 with the original', async () => {
    const first = await send(reply('<CAF=again@mail.example.com>'));
    const before = await complaints();
    const again = await send(
      reply('<CAF=again@mail.example.com>', ['Received: from mx2.acme.test by kept; Mon, 2 Mar 2026 10:01:00 +0000']),
    );
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ complaint: first.body.complaint, joined: first.body.joined, duplicate: true });
    expect(await complaints()).toBe(before);
  });

  it('takes the text of an HTML-only message, without its quoted part, and decodes a legacy charset', async () => {
    const html = crlf(
      'From: "Dupont, Jean" <jean@example.fr>',
      'Subject: Colis',
      'Date: Mon, 2 Mar 2026 07:00:00 +0000',
      'Message-ID: <html-only@example.fr>',
      'Content-Type: text/html; charset=iso-8859-1',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      '<p>Le colis est arriv=E9 ouvert.</p><p>Merci</p><div>Le dim. 1 mars 2026, Acme a =E9crit&nbsp;:</div><blockquote><p>Exp=E9di=E9</p></blockquote>',
      '',
    );
    const r = await send(html);
    expect(r.status).toBe(201);
    expect(r.body.complaint).toMatchObject({ body: 'Le colis est arrivé ouvert.\n\nMerci', customer: { name: 'Dupont, Jean' } });
  });

  it('clamps the Date: a future one is the receipt, a very old one 7 days back, a missing one the receipt', async () => {
    const at = async (date: string | undefined, id: string) => {
      const r = await send(plain([`From: d${id}@example.com`, ...(date ? [`Date: ${date}`] : []), `Message-ID: <${id}@x>`]));
      expect(r.status).toBe(201);
      return r.body.complaint.occurredAt;
    };
    expect(await at('Tue, 3 Mar 2026 10:00:00 +0000', 'future')).toBe('2026-03-02T10:00:00.000Z');
    expect(await at('Thu, 1 Jan 1970 00:00:00 +0000', 'epoch')).toBe('2026-02-23T10:00:00.000Z');
    expect(await at('Wed, 25 Feb 2026 10:00:00 +0000', 'in-bounds')).toBe('2026-02-25T10:00:00.000Z');
    expect(await at(undefined, 'none')).toBe('2026-03-02T10:00:00.000Z');
    expect(await at('yesterday-ish', 'garbled')).toBe('2026-03-02T10:00:00.000Z');
  });

  it('counts a message without a Message-ID once by its bytes', async () => {
    const raw = plain(['From: noid@example.com', 'Subject: No id'], 'Sent twice by a retrying relay.');
    expect((await send(raw)).status).toBe(201);
    expect((await send(raw)).body.duplicate).toBe(true);
  });

  describe('refuses a message Kept cannot use with a 400 naming what is missing, storing nothing', () => {
    const cases: [string, string, (string | number)[][]][] = [
      ['no From', plain(['Subject: Anonymous']), [['from']]],
      ['a From that is no address', plain(['From: Renée']), [['from']]],
      ['no text', plain(['From: quiet@example.com'], '   '), [['body']]],
      ['neither From nor text', plain(['Subject: Nothing'], ''), [['from'], ['body']]],
      [
        'only an attachment',
        crlf(
          'From: photo@example.com',
          'Content-Type: multipart/mixed; boundary=b',
          '',
          '--b',
          'Content-Type: image/png',
          'Content-Transfer-Encoding: base64',
          '',
          'iVBORw0KGgo=',
          '--b--',
        ),
        [['body']],
      ],
      ['text that is no e-mail', 'this is not an e-mail at all', [['message']]],
      ['an empty body', '', [['message']]],
    ];
    it.each(cases)('%s', async (_, raw, paths) => {
      const before = await complaints();
      const r = await send(raw);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('invalid_input');
      expect(problemPaths(r)).toEqual(paths);
      expect(await complaints()).toBe(before);
    });
  });

  it('answers 415 for another media type, 413 past 25 MiB, 401 without a token', async () => {
    const raw = plain(['From: typed@example.com']);
    const json = await send(raw, 'application/json');
    expect(json.status).toBe(415);
    expect(json.body.error.message).toContain('message/rfc822');
    expect((await send(raw, 'message/rfc822; charset=utf-8')).status).toBe(201);
    const big = await app.request('/api/v1/complaints/email', {
      method: 'POST',
      headers: { authorization: `Bearer ${agent}`, 'content-type': 'message/rfc822' },
      body: new Uint8Array(maxMailBytes + 1).fill(0x61),
    });
    expect(big.status).toBe(413);
    expect((await big.json()).error.code).toBe('payload_too_large');
    // Within its own limit, the e-mail route is not held to the API's 1 MiB.
    const large = plain(['From: large@example.com', 'Message-ID: <large@x>'], 'x'.repeat(76).concat('\r\n').repeat(20_000));
    expect(large.length).toBeGreaterThan(1024 * 1024);
    const r = await send(large);
    expect(r.status).toBe(201);
    expect(r.body.complaint.body.endsWith('\n[…]')).toBe(true);
    expect(r.body.complaint.body.length).toBeLessThanOrEqual(20_000);
    const anonymous = await call(app, 'POST', '/api/v1/complaints/email', { body: raw, headers: { 'content-type': 'message/rfc822' } });
    expect(anonymous.status).toBe(401);
  });
});
