// The pages customers open from a survey mail: answering without JavaScript, and unsubscribing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Survey } from '../../contract/surveys.ts';
import { buildApp, buildWorkspace, type TestApp } from '../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { manualClock } from '../domain/core/clock.ts';
import { inviteByHand } from '../domain/signals/invitations.ts';
import type { SignalDeps } from '../domain/signals/signal-settings.ts';
import { createSettingsCache } from '../domain/signals/signal-settings.ts';
import { createSurvey } from '../domain/signals/surveys.ts';
import { isUnsubscribed, unsubscribeUrl } from '../domain/signals/unsubscribe.ts';
import { resolveCustomers } from '../storage/customers.ts';

const publicUrl = 'https://kept.test';
let t: TestDatabase;
let app: TestApp;
let d: SignalDeps;
let ws: string;
let nps: Survey;
let csat: Survey;
const clock = manualClock('2026-03-02T09:00:00Z');
let n = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db, { clock, config: { publicUrl } });
  d = { db: t.db, clock, settings: createSettingsCache(t.db, clock), publicUrl };
  ws = (await buildWorkspace(t.db)).id;
  nps = await createSurvey(t.db, clock, ws, {
    kind: 'nps',
    name: 'Relationship NPS',
    askReason: true,
    questions: [
      {
        id: 'speed',
        type: 'single_choice',
        label: { en: 'How was the delivery speed?', fr: 'Comment était la rapidité de livraison ?' },
        options: [
          { id: 'fast', label: { en: 'Fast', fr: 'Rapide' } },
          { id: 'slow', label: { en: 'Slow', fr: 'Lente' } },
        ],
      },
      { id: 'other', type: 'open_text', label: { en: 'Anything else?' } },
    ],
    texts: {},
    defaultLocale: 'en',
    brand: { name: 'Acme <Shop>', colour: '#ffdd00' },
    samplePercent: 100,
  });
  csat = await createSurvey(t.db, clock, ws, {
    kind: 'csat',
    name: 'Support CSAT',
    askReason: false,
    questions: [],
    texts: {},
    defaultLocale: 'en',
    brand: {},
    samplePercent: 100,
  });
});
afterAll(() => t.drop());

/** A fresh customer invited by link; answers the page's path and the invitation. */
async function invite(survey: Survey = nps, opts: { locale?: string } = {}) {
  const inv = await inviteByHand(d, ws, survey.id, { customer: { externalId: `pp-${++n}`, name: 'Ann' }, channel: 'link', ...opts }, null);
  return { path: new URL(inv.url!).pathname, inv };
}

const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });
const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });

const responsesOf = (invitationId: string) => t.db.selectFrom('responses').selectAll().where('invitation_id', '=', invitationId).execute();
const eventsOf = (customerId: string, type: string) =>
  t.db
    .selectFrom('events')
    .selectAll()
    .where('workspace_id', '=', ws)
    .where('customer_id', '=', customerId)
    .where('type', '=', type)
    .execute();

/** Flips one character of the signature part of a token. */
function tamper(path: string): string {
  const i = path.lastIndexOf('.') + 1;
  return path.slice(0, i) + (path[i] === 'A' ? 'B' : 'A') + path.slice(i + 1);
}

const radios = (html: string) =>
  [...html.matchAll(/<input type="radio" id="score-(\d+)" name="score" value="(\d+)"/g)].map((m) => Number(m[2]));
const checked = (html: string) => /name="score" value="(\d+)" required checked/.exec(html)?.[1];

describe('the answer page', () => {
  it('is a plain HTML form that works without JavaScript', async () => {
    const { path } = await invite();
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(res.headers.get('content-security-policy')).not.toMatch(/script-src/);
    const html = await res.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain(`<form method="post" action="${path.slice(3)}"`);
    expect(radios(html)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    expect(html).toContain('<legend><h1>How likely are you to recommend Acme &lt;Shop&gt; to a friend or colleague?</h1></legend>');
    // The ends of the scale are named in the labels of 0 and 10; no band is named anywhere.
    expect(html).toMatch(/<span>0<\/span><span class="vh"> Not at all likely<\/span>/);
    expect(html).toMatch(/<span>10<\/span><span class="vh"> Extremely likely<\/span>/);
    expect(html).not.toMatch(/promoter|detractor|passive/i);
    expect(html).toContain('<label for="reason">What is the main reason for your score?');
    expect(html).toContain('<textarea id="reason" name="reason"');
    expect(html).toContain('<legend>How was the delivery speed?');
    expect(html).toContain('name="q_speed" value="fast"');
    expect(html).toContain('<label for="q_other">Anything else?');
    expect(html).toMatch(
      /<div class="hp" aria-hidden="true">.*<input type="text" id="website" name="website" value="" tabindex="-1" autocomplete="off">/,
    );
    expect(html).toContain(':focus-visible{outline:3px solid');
    expect(html).toContain('<button type="submit">Send</button>');
    expect(checked(html)).toBeUndefined();
    // A light brand colour gets black text on it.
    expect(html).toContain('--brand:#ffdd00;--on-brand:#000000');
  });

  it('shows a 1-5 scale for CSAT, without the reason question when the survey does not ask it', async () => {
    const { path } = await invite(csat);
    const html = await (await get(path)).text();
    expect(radios(html)).toEqual([1, 2, 3, 4, 5]);
    // A survey without a brand of its own speaks as the company (its profile's name), never by its own name.
    expect(html).toMatch(/How satisfied are you with Workspace [\w-]+\?/);
    expect(html).not.toContain('Support CSAT');
    expect(html).not.toContain('name="reason"');
  });

  it("speaks the invitation's locale, else the browser's, and pre-selects the score chosen in the mail", async () => {
    const a = await invite(nps);
    const fr = await (await get(`${a.path}?score=7`, { 'accept-language': 'fr-CA,fr;q=0.9,en;q=0.5' })).text();
    expect(fr).toMatch(/<html lang="fr">/);
    expect(fr).toContain('Quelle est la probabilité que vous recommandiez Acme &lt;Shop&gt;');
    expect(fr).toContain('Rapide');
    expect(checked(fr)).toBe('7');
    const b = await invite(nps, { locale: 'de' });
    const de = await (await get(b.path, { 'accept-language': 'fr' })).text();
    expect(de).toMatch(/<html lang="de">/);
    expect(de).toContain('Wie wahrscheinlich ist es');
    expect(de).toContain('How was the delivery speed?'); // no German label: the survey's default locale
    // A score outside the scale in the link is ignored, not an error.
    expect(checked(await (await get(`${a.path}?score=42`)).text())).toBeUndefined();
  });

  it('stores a posted answer, shows the thank-you page, and lets the customer change it within 24 hours', async () => {
    const { path, inv } = await invite();
    const res = await post(path, { score: '9', reason: 'Fast & friendly <3', q_speed: 'fast', q_other: '', website: '', locale: 'en' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Thank you</h1>');
    expect(html).toContain('Thank you! Your answer helps Acme &lt;Shop&gt; do better.');
    expect(html).not.toMatch(/<script/i);
    let [r] = await responsesOf(inv.id);
    expect(r).toMatchObject({
      score: 9,
      reason: 'Fast & friendly <3',
      answers: { speed: 'fast' },
      channel: 'link',
      hand_picked: true,
      locale: 'en',
    });
    expect(await eventsOf(inv.customerId, 'response.created')).toHaveLength(1);

    clock.advance(3_600_000);
    const back = await (await get(path)).text();
    expect(checked(back)).toBe('9');
    expect(back).toContain('>Fast &amp; friendly &lt;3</textarea>');
    expect(back).toContain('name="q_speed" value="fast" checked');
    expect(back).toContain('You have already answered.');

    expect((await post(path, { score: '6', reason: 'Changed my mind' })).status).toBe(200);
    const rows = await responsesOf(inv.id);
    expect(rows).toHaveLength(1);
    [r] = rows;
    expect(r).toMatchObject({ score: 6, reason: 'Changed my mind' });
  });

  it('sends the form back with a clear message, and stores nothing, for invalid input', async () => {
    const { path, inv } = await invite();
    const none = await post(path, { reason: 'No score given' });
    expect(none.status).toBe(400);
    const html = await none.text();
    expect(html).toContain('Your answer was not sent yet:');
    expect(html).toContain('<li>Choose a score from 0 to 10.</li>');
    expect(html).toContain('aria-describedby="score-error"');
    expect(html).toContain('>No score given</textarea>'); // what they typed is kept
    expect(html).not.toMatch(/"error"|stack|at .*\.ts/);

    expect((await post(path, { score: '11' })).status).toBe(400);
    expect((await post(path, { score: 'ten' })).status).toBe(400);
    const badChoice = await post(path, { score: '8', q_speed: 'teleported' });
    expect(badChoice.status).toBe(400);
    expect(await badChoice.text()).toContain('Check your answers to the other questions.');
    const unknown = await post(path, { score: '8', q_nope: 'x' });
    expect(unknown.status).toBe(400);
    const long = await post(path, { score: '8', reason: 'x'.repeat(5001) });
    expect(long.status).toBe(400);
    expect(await long.text()).toContain('Your text is too long: at most 5000 characters.');
    const french = await post(path, { locale: 'fr' });
    expect(await french.text()).toContain('Choisissez une note de 0 à 10.');
    const csatInv = await invite(csat);
    expect(await (await post(csatInv.path, { score: '0' })).text()).toContain('Choose a score from 1 to 5.');

    expect(await responsesOf(inv.id)).toHaveLength(0);
  });

  it('refuses a tampered or malformed link with a 404 page, never JSON', async () => {
    const { path, inv } = await invite();
    for (const bad of [tamper(path), '/s/not-a-token', `${path}x`, '/s/', '/s/a/b']) {
      const res = await get(bad);
      expect(res.status, bad).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await res.text();
      expect(html).toContain('This link does not work');
      expect(html).not.toContain('"error"');
    }
    const posted = await post(tamper(path), { score: '10' });
    expect(posted.status).toBe(404);
    expect(await responsesOf(inv.id)).toHaveLength(0);
    // In the browser's language.
    const fr = await get(tamper(path), { 'accept-language': 'fr' });
    expect(await fr.text()).toContain('Ce lien ne fonctionne pas');
  });

  it('answers 410 for an expired link', async () => {
    const { path, inv } = await invite();
    clock.advance(15 * 86_400_000); // links stay open 14 days by default
    const res = await get(path, { 'accept-language': 'de' });
    expect(res.status).toBe(410);
    const html = await res.text();
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('Diese Umfrage ist beendet');
    expect((await post(path, { score: '10' })).status).toBe(410);
    expect(await responsesOf(inv.id)).toHaveLength(0);
  });

  it('closes an answered link after 24 hours: 409, and the answer stays as it was', async () => {
    const { path, inv } = await invite();
    expect((await post(path, { score: '3', reason: 'Late' })).status).toBe(200);
    clock.advance(24 * 3_600_000 + 1000);
    const res = await get(path);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('This survey is closed');
    expect((await post(path, { score: '10' })).status).toBe(409);
    const [r] = await responsesOf(inv.id);
    expect(r).toMatchObject({ score: 3, reason: 'Late' });
  });

  it('refuses a form whose honeypot is filled in (403) and stores nothing', async () => {
    const { path, inv } = await invite();
    const res = await post(path, { score: '10', website: 'http://spam.example' });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Your answer was not accepted');
    expect(await responsesOf(inv.id)).toHaveLength(0);
  });

  it('limits requests per link and per address with a 429 page', async () => {
    const { path } = await invite();
    let last: Response | undefined;
    for (let i = 0; i < 11; i++) last = await get(path);
    expect(last!.status).toBe(429);
    expect(last!.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await last!.text()).toContain('Too many attempts');

    const strict = buildApp(t.db, { clock, config: { publicUrl, publicRateLimit: 2 } });
    const other = await invite();
    expect((await strict.request(other.path)).status).toBe(200);
    expect((await strict.request('/u/whatever')).status).toBe(404);
    expect((await strict.request(other.path)).status).toBe(429);
  });

  it('refuses a form that is too large', async () => {
    const { path } = await invite();
    const res = await post(path, { score: '5', reason: 'x'.repeat(200_000) });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  });
});

describe('unsubscribing', () => {
  async function customer(ext: string, email = `${ext}@example.com`) {
    const [id] = await resolveCustomers(t.db, ws, [{ externalId: ext, email }], clock.now());
    const settings = await d.settings.get(ws);
    return { id: id!, path: new URL(unsubscribeUrl(publicUrl, settings.linkSecret, ws, id!)).pathname };
  }
  const oneClick = (path: string) => post(path, { 'List-Unsubscribe': 'One-Click' });

  it('shows a confirmation page on GET without unsubscribing (mail scanners follow links)', async () => {
    const c = await customer('u-get');
    const res = await get(c.path);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Unsubscribe</h1>');
    expect(html).toMatch(
      /<form method="post" action="[^"]+"><input type="hidden" name="confirm" value="yes"><button type="submit">Unsubscribe<\/button>/,
    );
    expect(html).not.toMatch(/<script/i);
    await get(c.path);
    expect(await isUnsubscribed(t.db, ws, c.id)).toBe(false);
  });

  it('unsubscribes with an RFC 8058 one-click POST, urlencoded or multipart, once on the timeline', async () => {
    const c = await customer('u-oneclick');
    const res = await oneClick(c.path);
    expect(res.status).toBe(200);
    expect(await isUnsubscribed(t.db, ws, c.id)).toBe(true);
    const row = await t.db.selectFrom('unsubscribes').selectAll().where('customer_id', '=', c.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ via: 'one_click', unsubscribed_at: clock.now() });
    const events = await eventsOf(c.id, 'customer.unsubscribed');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ source: 'kept', data: { via: 'one_click' } });

    const m = await customer('u-multipart');
    const form = new FormData();
    form.set('List-Unsubscribe', 'One-Click');
    expect((await app.request(m.path, { method: 'POST', body: form })).status).toBe(200);
    expect(await isUnsubscribed(t.db, ws, m.id)).toBe(true);
  });

  it("unsubscribes from the page's button, and says so in the customer's language", async () => {
    const c = await customer('u-page');
    const res = await post(c.path, { confirm: 'yes' }, { 'accept-language': 'fr' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Vous êtes désabonné');
    expect((await t.db.selectFrom('unsubscribes').select('via').where('customer_id', '=', c.id).executeTakeFirstOrThrow()).via).toBe(
      'page',
    );
    expect(await (await get(c.path)).text()).toContain('You are unsubscribed');
  });

  it('is permanent: a repeat keeps the first time, and no invitation reaches the customer again', async () => {
    const c = await customer('u-perm');
    expect((await oneClick(c.path)).status).toBe(200);
    const first = await t.db.selectFrom('unsubscribes').selectAll().where('customer_id', '=', c.id).executeTakeFirstOrThrow();
    clock.advance(60_000);
    expect((await post(c.path, { confirm: 'yes' })).status).toBe(200);
    expect((await oneClick(c.path)).status).toBe(200);
    const rows = await t.db.selectFrom('unsubscribes').selectAll().where('customer_id', '=', c.id).execute();
    expect(rows).toEqual([first]);
    expect(await eventsOf(c.id, 'customer.unsubscribed')).toHaveLength(1);
    await expect(inviteByHand(d, ws, nps.id, { customerId: c.id, channel: 'email' }, null)).rejects.toMatchObject({
      code: 'conflict',
      details: { reason: 'unsubscribed' },
    });
  });

  it('refuses tampered links and links of another kind, changing nothing', async () => {
    const c = await customer('u-tamper');
    for (const bad of [tamper(c.path), '/u/nonsense', c.path.replace('/u/', '/s/')]) {
      expect((await get(bad)).status, bad).toBe(404);
    }
    expect((await oneClick(tamper(c.path))).status).toBe(404);
    // An invitation link is signed for another purpose: it does not unsubscribe its customer.
    const { path, inv } = await invite();
    expect((await oneClick(path.replace('/s/', '/u/'))).status).toBe(404);
    expect(await isUnsubscribed(t.db, ws, inv.customerId)).toBe(false);
    expect(await isUnsubscribed(t.db, ws, c.id)).toBe(false);
  });

  it('confirms an unsubscribe with one mail in the company’s voice, sent despite the unsubscribe, never twice', async () => {
    const mailsOf = (customerId: string) =>
      t.db.selectFrom('mails').selectAll().where('customer_id', '=', customerId).where('kind', '=', 'unsubscribe_confirmation').execute();
    const [id] = await resolveCustomers(
      t.db,
      ws,
      [{ externalId: 'u-confirm', email: 'zoe@example.com', name: 'Zoë', locale: 'de' }],
      clock.now(),
    );
    const path = new URL(unsubscribeUrl(publicUrl, (await d.settings.get(ws)).linkSecret, ws, id!)).pathname;
    expect((await oneClick(path)).status).toBe(200);
    expect((await post(path, { confirm: 'yes' })).status).toBe(200);
    expect((await oneClick(path)).status).toBe(200);
    const mails = await mailsOf(id!);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ status: 'queued', to_address: 'zoe@example.com' });
    expect(mails[0]!.subject).toMatch(/: Sie sind von unseren Umfragen abgemeldet$/);
    expect(mails[0]!.text).toContain('Hallo Zoë,');
    expect(mails[0]!.text).toContain('keine Einladungen, uns zu bewerten, und keine Erinnerungen');
    expect(`${mails[0]!.subject}${mails[0]!.text}${mails[0]!.html}`).not.toMatch(/\bKept\b/);
    expect((await eventsOf(id!, 'customer.unsubscribed'))[0]).toMatchObject({ data: { via: 'one_click', confirmation: 'passed' } });
    // A customer without an address is unsubscribed all the same; there is nobody to write to.
    const [silent] = await resolveCustomers(t.db, ws, [{ externalId: 'u-no-mail' }], clock.now());
    const silentPath = new URL(unsubscribeUrl(publicUrl, (await d.settings.get(ws)).linkSecret, ws, silent!)).pathname;
    expect((await oneClick(silentPath)).status).toBe(200);
    expect(await isUnsubscribed(t.db, ws, silent!)).toBe(true);
    expect(await mailsOf(silent!)).toHaveLength(0);
    expect((await eventsOf(silent!, 'customer.unsubscribed'))[0]).toMatchObject({ data: { confirmation: 'no_address' } });
  });

  it('asks again instead of guessing when a POST is neither one-click nor the button', async () => {
    const c = await customer('u-unknown');
    const res = await post(c.path, { something: 'else' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('name="confirm"');
    expect(await isUnsubscribed(t.db, ws, c.id)).toBe(false);
  });
});
