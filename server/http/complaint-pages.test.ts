// The public complaint form (/complain/{workspace}): a no-script page in the customer's
// language that keeps everything typed when it sends the form back, quietly drops what bots
// send, is limited per address, and stores a complaint that opens a case.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, buildWorkspace, type TestApp } from '../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { manualClock } from '../domain/core/clock.ts';

let t: TestDatabase;
let app: TestApp;
const clock = manualClock('2026-03-02T10:00:00Z');
const slug = 'acme-shop';
const path = `/complain/${slug}`;
let ws: string;

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db, { clock });
  ws = (await buildWorkspace(t.db, slug)).id;
});
afterAll(() => t.drop());

const get = (p: string, headers: Record<string, string> = {}, a = app) => a.request(p, { headers });
const post = (fields: Record<string, string>, headers: Record<string, string> = {}, p = path, a = app) =>
  a.request(p, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
const complaintsOf = (email: string) =>
  sql<{ id: string; channel: string; source: string; body: string; reference: string | null; occurred_at: Date; case_id: string }>`
    SELECT m.id, m.channel, m.source, m.body, m.reference, m.occurred_at, m.case_id FROM complaints m
    JOIN customers c ON c.workspace_id = m.workspace_id AND c.id = m.customer_id
    WHERE m.workspace_id = ${ws} AND c.email = ${email} ORDER BY m.id`
    .execute(t.db)
    .then((r) => r.rows);
const caseOf = (id: string) =>
  sql<{
    oops_at: Date;
    origin: string;
    status: string;
  }>`SELECT oops_at, origin, status FROM cases WHERE workspace_id = ${ws} AND id = ${id}`
    .execute(t.db)
    .then((r) => r.rows[0]!);
const valueOf = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];

describe('the complaint form', () => {
  it('is a plain HTML form without script, with labelled fields and a honeypot', async () => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const html = await res.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('<title>Report a problem to Workspace acme-shop</title>');
    expect(html).toContain(`<form method="post" action="${slug}"`);
    for (const [id, label] of [
      ['name', 'Your name'],
      ['email', 'Your e-mail address'],
      ['reference', 'Order or reference number'],
      ['body', 'What happened?'],
      ['date', 'Date'],
      ['time', 'Time'],
    ]) {
      expect(html).toContain(`<label for="${id}">${label}`);
    }
    expect(html).toMatch(/<input id="email" name="email" value="" type="email"[^>]* required/);
    expect(html).toMatch(/<textarea id="body" name="body"[^>]* required/);
    expect(html).toContain('<input id="date" name="date" value="" type="date" min="2025-03-02" max="2026-03-02"');
    expect(html).toContain('Times are in UTC.');
    expect(html).toContain('<input type="text" id="website" name="website" value="" tabindex="-1" autocomplete="off">');
    expect(valueOf(html, 'nonce')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('speaks French or German by Accept-Language', async () => {
    const fr = await (await get(path, { 'accept-language': 'fr-CH, fr;q=0.9, en;q=0.5' })).text();
    expect(fr).toMatch(/<html lang="fr">/);
    expect(fr).toContain('Que s’est-il passé\u00a0?');
    const de = await (await get(path, { 'accept-language': 'de-DE' })).text();
    expect(de).toContain('Was ist passiert?');
  });

  it('stores the complaint, opens a case whose clock starts when it happened, and says what happens next', async () => {
    const res = await post({
      name: 'Ann Example',
      email: 'ann@example.com',
      reference: 'A-1001',
      body: 'The jar was full of henna.\r\nMy hair is orange.',
      date: '2026-03-01',
      time: '18:30',
      nonce: '',
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Thank you, we have your message</h1>');
    expect(html).toContain('A person will reply by e-mail to ann@example.com within 24 hours.');
    const [c] = await complaintsOf('ann@example.com');
    expect(c).toMatchObject({
      channel: 'form',
      source: 'form',
      reference: 'A-1001',
      body: 'The jar was full of henna.\nMy hair is orange.',
    });
    expect(c!.occurred_at.toISOString()).toBe('2026-03-01T18:30:00.000Z');
    const kase = await caseOf(c!.case_id);
    expect(kase).toMatchObject({ origin: 'complaint', status: 'open' });
    expect(kase.oops_at.toISOString()).toBe('2026-03-01T18:30:00.000Z');

    // A second complaint from the same person joins the open case.
    expect((await post({ email: 'ANN@example.com', body: 'And nobody answered the phone.' })).status).toBe(200);
    const both = await complaintsOf('ann@example.com');
    expect(both).toHaveLength(2);
    expect(both[1]!.case_id).toBe(c!.case_id);
    expect(both[1]!.occurred_at.toISOString()).toBe('2026-03-02T10:00:00.000Z');
  });

  it('sends the form back with each field’s message, keeping everything typed, and stores nothing', async () => {
    const typed = {
      name: 'Zoë <b>O’Brien</b>',
      email: 'zoe@',
      reference: 'R-7 & co',
      body: 'It broke "twice".\n<script>',
      date: '2026-02-30',
    };
    const res = await post(typed);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Your message was not sent yet:');
    expect(html).toContain('<li><a href="#email">Enter an e-mail address like name@example.com.</a></li>');
    expect(html).toContain('<p class="field-error" id="email-error">Enter an e-mail address like name@example.com.</p>');
    expect(html).toContain('<p class="field-error" id="date-error">Enter a date like 2026-03-01.</p>');
    expect(html).toMatch(/<input id="email" name="email" value="zoe@"[^>]* aria-describedby="email-hint email-error" aria-invalid="true">/);
    expect(valueOf(html, 'name')).toBe('Zoë &lt;b&gt;O’Brien&lt;/b&gt;');
    expect(valueOf(html, 'reference')).toBe('R-7 &amp; co');
    expect(html).toContain('>It broke &quot;twice&quot;.\n&lt;script&gt;</textarea>');
    expect(valueOf(html, 'date')).toBe('2026-02-30');
    expect(html).not.toMatch(/<script/i);
    expect(await complaintsOf('zoe@')).toEqual([]);

    const empty = await (await post({})).text();
    expect(empty).toContain('Enter your e-mail address, so that we can reply.');
    expect(empty).toContain('Tell us what happened.');
  });

  it('refuses a time in the future or more than a year back', async () => {
    const future = await post({ email: 'fut@example.com', body: 'x', date: '2026-03-02', time: '10:30' });
    expect(future.status).toBe(400);
    expect(await future.text()).toContain('This is in the future. Enter when it happened.');
    const old = await post({ email: 'fut@example.com', body: 'x', date: '2025-01-01' });
    expect(await old.text()).toContain('This is more than a year ago.');
    expect(await complaintsOf('fut@example.com')).toEqual([]);
  });

  it('answers a filled-in honeypot with the thank-you page and stores nothing', async () => {
    const res = await post({ email: 'bot@example.com', body: 'Buy cheap watches', website: 'http://spam.example' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Thank you, we have your message');
    expect(await complaintsOf('bot@example.com')).toEqual([]);
  });

  it('stores one complaint when the same form is sent twice (a reload, a double click)', async () => {
    const nonce = valueOf(await (await get(path)).text(), 'nonce')!;
    const fields = { email: 'twice@example.com', body: 'Sent twice', nonce };
    expect((await post(fields)).status).toBe(200);
    expect((await post(fields)).status).toBe(200);
    expect(await complaintsOf('twice@example.com')).toHaveLength(1);
  });

  it('promises the workspace’s own target, in business hours, and reads times in its zone', async () => {
    const w = await buildWorkspace(t.db, 'paris-shop');
    await sql`INSERT INTO recovery_settings (workspace_id, target_hours, business_hours, updated_at)
      VALUES (${w.id}, 8, ${JSON.stringify({ timeZone: 'Europe/Paris', days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', holidays: [] })}::jsonb, now())
      ON CONFLICT (workspace_id) DO UPDATE SET target_hours = EXCLUDED.target_hours, business_hours = EXCLUDED.business_hours`.execute(
      t.db,
    );
    const form = await (await get('/complain/paris-shop')).text();
    expect(form).toContain('Times are in Europe/Paris.');
    const res = await post(
      { email: 'marie@example.fr', body: 'Colis ouvert', date: '2026-03-02', time: '09:15' },
      { 'accept-language': 'fr' },
      '/complain/paris-shop',
    );
    // Intl writes French with a no-break space between the number and its unit.
    expect(await res.text()).toMatch(
      /Une personne vous répondra par e-mail à marie@example.fr sous 8\sheures, comptées pendant nos heures d’ouverture\./,
    );
    const r = await sql<{ occurred_at: Date }>`SELECT occurred_at FROM complaints WHERE workspace_id = ${w.id}`.execute(t.db);
    expect(r.rows[0]!.occurred_at.toISOString()).toBe('2026-03-02T08:15:00.000Z');
  });

  it('answers an unknown workspace with a 404 page, never JSON', async () => {
    for (const p of ['/complain/no-such-shop', '/complain', '/complain/a/b']) {
      const res = await get(p, { 'accept-language': 'de' });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await res.text()).toContain('Diese Seite gibt es nicht');
    }
    expect((await post({ email: 'a@example.com', body: 'x' }, {}, '/complain/no-such-shop')).status).toBe(404);
  });

  it('limits requests per address with a 429 page', async () => {
    const strict = buildApp(t.db, { clock, config: { publicRateLimit: 2 } });
    expect((await get(path, {}, strict)).status).toBe(200);
    expect((await post({ email: 'rl@example.com', body: 'x' }, {}, path, strict)).status).toBe(200);
    const limited = await post({ email: 'rl@example.com', body: 'again' }, {}, path, strict);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await limited.text()).toContain('Too many attempts');
    expect(await complaintsOf('rl@example.com')).toHaveLength(1);
  });

  it('refuses a form that is too large', async () => {
    const res = await post({ email: 'big@example.com', body: 'x'.repeat(300_000) });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  });
});
