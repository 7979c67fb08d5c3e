// The company's own voice (issue 12), end to end on a real `kept start`, a real SMTP server and
// Debian's Chromium at a phone's width. A workspace created as "Harbour & Pine Café" (an ampersand
// to escape, a letter outside ASCII) sends every kind of customer mail this path can trigger and
// shows every customer page; each names the company and none says "Kept". A customer's reply to a
// case's mail lands on that case. Bad profile values are refused by name and nothing is stored.
import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import PostalMime from 'postal-mime';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSmtpServer, type TestSmtpServer } from '../test/smtp-server.ts';
import { ensureWebBuilt, startKept, type RunningKept } from './kept-process.ts';
import { apiWithToken, launchChromium, newPage, signInThroughApi } from './staff-app.ts';

const company = 'Harbour & Pine Café';
const admin = { email: 'maya@harbour.example', password: 'correct horse battery', name: 'Maya Fischer' };
const ann = { name: 'Ann Shaw', email: 'ann@example.com' };
const bo = { externalId: 'cus_bo', name: 'Bo Lind', email: 'bo@example.com', locale: 'de' };
const soon = { timeout: 20_000 };

let kept: RunningKept | undefined;
let smtp: TestSmtpServer | undefined;
let browser: Browser | undefined;
let call: ReturnType<typeof apiWithToken>;
/** What the tests checked, for the list printed at the end; and what the second test reuses of the first. */
const checked = { mails: [] as string[], pages: [] as string[], caseId: '', surveyId: '' };

/**
 * Runs statements on Kept's embedded database. Only to move a due time to now, as a clock would
 * (a survey reminder is days away): Kept has no clock to move from outside.
 */
async function inDatabase(work: (db: pg.Client) => Promise<unknown>): Promise<void> {
  const owner = JSON.parse(await readFile(join(kept!.dataDir, 'owner.json'), 'utf8')) as { port: number };
  const password = (await readFile(join(kept!.dataDir, 'pg-password'), 'utf8')).trim();
  const db = new pg.Client({ host: '127.0.0.1', port: owner.port, user: 'kept', password, database: 'kept' });
  await db.connect();
  try {
    await work(db);
  } finally {
    await db.end();
  }
}

interface ReadMail {
  to: string;
  from: string;
  fromName: string;
  replyTo: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
}

/** What the SMTP server received for an address, decoded (RFC 2047 words, quoted-printable, UTF-8). */
async function mailsTo(to: string): Promise<ReadMail[]> {
  const out: ReadMail[] = [];
  for (const m of smtp!.received.filter((r) => r.to.includes(to))) {
    const p = await PostalMime.parse(m.raw);
    out.push({
      to,
      from: p.from && 'address' in p.from ? (p.from.address ?? '') : '',
      fromName: p.from?.name ?? '',
      replyTo: p.replyTo?.[0] && 'address' in p.replyTo[0] ? (p.replyTo[0].address ?? '') : '',
      subject: p.subject ?? '',
      text: p.text ?? '',
      html: p.html ?? '',
      messageId: p.messageId ?? '',
    });
  }
  // In the order they were queued (a mail's id, in its Message-ID, is a UUIDv7), not the order four senders delivered them.
  return out.sort((a, b) => a.messageId.localeCompare(b.messageId));
}

const link = (text: string, prefix: string) => new RegExp(`https?://\\S+/${prefix}/[\\w-]+\\.[\\w-]+`).exec(text)?.[0];

/** The company is named in the mail, in every part a customer reads, and Kept in none. */
function expectCompanyVoice(m: ReadMail, what: string) {
  expect(m.fromName, `${what}: From`).toBe(company);
  expect(m.replyTo, `${what}: Reply-To`).toBe('care@harbour.example');
  expect(`${m.subject}\n${m.text}`, `${what}: names the company`).toContain(company);
  expect(m.html, `${what}: HTML names the company, escaped`).toContain('Harbour &amp; Pine Café');
  for (const [part, value] of Object.entries({ from: `${m.fromName} ${m.from}`, subject: m.subject, text: m.text, html: m.html })) {
    expect(value, `${what}: ${part} says Kept`).not.toMatch(/\bKept\b/);
  }
  expect(m.text, `${what}: doubled punctuation`).not.toMatch(/[^.]\.\.(?!\.)|[!?]\.|\.\.\.\./);
}

/** A customer page names the company and never says Kept (text, title, markup). */
async function expectCompanyPage(page: Page, what: string) {
  const body = await page.locator('body').innerText();
  expect(body, `${what}: names the company`).toContain(company);
  expect(await page.title(), `${what}: title`).not.toMatch(/\bKept\b/);
  expect(await page.content(), `${what}: markup says Kept`).not.toMatch(/\bKept\b/);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${what}: fits a phone`).toBe(true);
}

describe('the company’s own voice', () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    smtp = await startTestSmtpServer();
    kept = await startKept({ KEPT_SMTP_URL: smtp.url });
    await kept.cli(['admin', 'create', '--email', admin.email, '--password', admin.password, '--name', admin.name, '--company', company]);
    call = apiWithToken(kept.url, (await kept.cli(['token', 'create', '--name', 'shop', '--role', 'admin'])).trim());
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await kept?.stop();
    await smtp?.close();
  });

  it('refuses a bad logo, colour or time zone by name and stores nothing', async () => {
    const before = await call<Record<string, unknown>>('GET', '/api/v1/settings/company');
    expect(before).toMatchObject({ companyName: company, confirmed: true, timeZone: 'UTC' });
    const refused = async (body: Record<string, unknown>, reason: string, path: string) => {
      const r = await call<{ error: { code: string; details: { reason: string; problems: { path: string[]; reason: string }[] } } }>(
        'PATCH',
        '/api/v1/settings/company',
        body,
        400,
      );
      expect(r.error.code).toBe('invalid_input');
      expect(r.error.details.problems).toContainEqual(expect.objectContaining({ path: [path], reason }));
    };
    await refused({ logoUrl: 'javascript:alert(1)', companyName: 'Changed' }, 'invalid_logo_url', 'logoUrl');
    await refused({ logoUrl: 'ftp://harbour.example/logo.png' }, 'invalid_logo_url', 'logoUrl');
    await refused({ brandColour: 'sea green-ish' }, 'invalid_colour', 'brandColour');
    await refused({ timeZone: 'Europe/Atlantis', signature: 'changed' }, 'invalid_time_zone', 'timeZone');
    expect(await call('GET', '/api/v1/settings/company')).toEqual(before);
  });

  it('speaks as the company in every customer mail and page, and a reply reaches the case', async () => {
    const url = kept!.url;
    await call('PATCH', '/api/v1/settings/company', {
      brandColour: '#0f5132',
      timeZone: 'Europe/Berlin',
      defaultLocale: 'en-GB',
      senderAddress: 'hello@harbour.example',
      replyTo: 'care@harbour.example',
      signature: 'Harbour & Pine Café · 12 Quay Street',
    });
    await call('PATCH', '/api/v1/settings/signals', { contactDays: 0 });
    const survey = await call<{ id: string }>('POST', '/api/v1/surveys', { kind: 'nps', name: 'After a recovery' }, 201);
    const phone = await newPage(browser!, 390);
    const pages: string[] = [];

    // The complaint form, then its receipt.
    await phone.goto(`${url}/complain/default`);
    await expectCompanyPage(phone, 'complaint form');
    pages.push('complaint form /complain/default');
    await phone.fill('#name', ann.name);
    await phone.fill('#email', ann.email);
    await phone.fill('#body', 'The oat latte was cold and the cup leaked. Not great...');
    await phone.getByRole('button', { name: 'Send' }).click();
    await phone.getByRole('heading', { name: 'Thank you, we have your message' }).waitFor();
    await expectCompanyPage(phone, 'complaint thank-you page');
    pages.push('complaint thank-you page');
    const caseId = (await call<{ items: { caseId: string }[] }>('GET', '/api/v1/complaints')).items[0]!.caseId;

    // Acknowledge, then apologise from the built-in template that fills {caseTitle}, {staffName} and {company}.
    const templates = await call<{ items: { id: string; body: string }[] }>('GET', '/api/v1/apology-templates');
    const template = templates.items.find((t) => t.body.includes('We got this wrong: {caseTitle}.'))!;
    // Maya signs the apology herself (a session, not a token), as in the issue: "Maya Fischer, Kept" was the bug.
    const maya = await signInThroughApi(url, admin);
    await call(
      'POST',
      `/api/v1/cases/${caseId}/steps`,
      { step: 'acknowledge', message: 'Dear {customerName}, I am on it.. {staffName}, {company}' },
      201,
    );
    const apologised = await fetch(`${url}/api/v1/cases/${caseId}/steps`, {
      method: 'POST',
      headers: maya,
      body: JSON.stringify({ step: 'apologise', message: template.body, templateId: template.id }),
    });
    expect(apologised.status, await apologised.clone().text()).toBe(201);
    await call('POST', `/api/v1/cases/${caseId}/steps`, { step: 'investigate', rootCause: 'A cracked batch of cups' }, 201);
    await call('POST', `/api/v1/cases/${caseId}/steps`, { step: 'fix', note: 'New cups ordered' }, 201);
    for (const step of ['ask', 'restitution']) {
      await call('POST', `/api/v1/cases/${caseId}/steps/${step}/skip`, { reason: 'Not needed for this test' }, 200);
    }
    await call('POST', `/api/v1/cases/${caseId}/steps`, { step: 'follow_up', surveyId: survey.id, sendAt: new Date().toISOString() }, 201);
    await expect.poll(async () => (await mailsTo(ann.email)).length, soon).toBe(4);
    const [receipt, acknowledgement, apology, followUp] = await mailsTo(ann.email);
    const kinds = { 'complaint receipt': receipt!, acknowledgement: acknowledgement!, apology: apology!, 'follow-up survey': followUp! };
    for (const [what, m] of Object.entries(kinds)) expectCompanyVoice(m, what);
    expect(apology!.text).toContain(`${admin.name}, ${company}`);
    expect(apology!.text).toContain('We got this wrong: the problem you told us about.');
    expect(apology!.text).not.toContain('cold and the cup leaked'); // the internal summary stays inside
    expect(followUp!.subject + followUp!.text).not.toContain('After a recovery');
    expect(followUp!.text).toContain(`How likely are you to recommend ${company} to a friend or colleague?`);
    expect(receipt!.from).toBe('hello@harbour.example');

    // The customer's case page: the company's frame, times in the company's zone, not "UTC".
    await phone.goto(link(apology!.text, 'c')!);
    await phone.getByRole('heading', { name: /Your case #\d+/ }).waitFor();
    await expectCompanyPage(phone, 'case page');
    expect(await phone.locator('body').innerText()).not.toContain('UTC');
    pages.push('case page /c/TOKEN');

    // The follow-up's answer page and its thank-you.
    await phone.goto(link(followUp!.text, 's')!);
    await expectCompanyPage(phone, 'answer page');
    expect(await phone.locator('body').innerText()).not.toContain('After a recovery');
    pages.push('answer page /s/TOKEN');
    await phone.locator('label[for="score-9"]').click();
    await phone.getByRole('button', { name: /Send/ }).click();
    await phone.getByRole('heading', { name: /Thank you/ }).waitFor();
    await expectCompanyPage(phone, 'answer thank-you page');
    pages.push('answer thank-you page');

    // A survey invitation by hand (in German), its unsubscribe page, and the confirmation page.
    await call('POST', `/api/v1/surveys/${survey.id}/invitations`, { customer: bo, channel: 'email' }, 201);
    await expect.poll(async () => (await mailsTo(bo.email)).length, soon).toBe(1);
    const [invitation] = await mailsTo(bo.email);
    expectCompanyVoice(invitation!, 'survey invitation');
    expect(invitation!.text).toContain(`Wie wahrscheinlich ist es, dass Sie ${company}`);
    await phone.goto(link(invitation!.text, 'u')!);
    await expectCompanyPage(phone, 'unsubscribe page');
    pages.push('unsubscribe page /u/TOKEN');
    await phone.getByRole('button').click();
    await expectCompanyPage(phone, 'unsubscribed page');
    pages.push('unsubscribed confirmation page');
    // One mail confirms it, in German, although Bo has just unsubscribed; a second click sends no other.
    await expect.poll(async () => (await mailsTo(bo.email)).length, soon).toBe(2);
    const confirmation = (await mailsTo(bo.email))[1]!;
    expectCompanyVoice(confirmation, 'unsubscribe confirmation');
    expect(confirmation.text).toContain('Sie erhalten keine Umfrage-E-Mails mehr von Harbour & Pine Café');
    expect((await fetch(link(invitation!.text, 'u')!, { method: 'POST', body: new URLSearchParams({ confirm: 'yes' }) })).status).toBe(200);

    // Another system's message through the outbox leaves from the company too.
    await call('POST', '/api/v1/messages', {
      customer: { email: ann.email },
      kind: 'receipt',
      source: 'shop',
      subject: `Your receipt from ${company}`,
      text: `Thank you for visiting ${company}.`,
      html: `<p>Thank you for visiting Harbour &amp; Pine Café.</p>`,
    });
    await expect.poll(async () => (await mailsTo(ann.email)).length, soon).toBe(5);
    expectCompanyVoice((await mailsTo(ann.email))[4]!, 'outbox message');

    // Ann answers the apology from her mail program: the reply lands on her case, not in a new one.
    const raw =
      `From: ${ann.name} <${ann.email}>\r\nTo: care@harbour.example\r\nSubject: Re: ${apology!.subject}\r\n` +
      `Message-ID: <reply-1@example.com>\r\nIn-Reply-To: ${apology!.messageId}\r\nReferences: ${apology!.messageId}\r\n` +
      `Date: ${new Date().toUTCString()}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nA new cup would be lovely, thank you.\r\n\r\n> earlier\r\n`;
    const token = (await kept!.cli(['token', 'create', '--name', 'mail', '--role', 'agent'])).trim();
    const res = await fetch(`${url}/api/v1/complaints/email`, {
      method: 'POST',
      headers: { 'Content-Type': 'message/rfc822', Authorization: `Bearer ${token}` },
      body: raw,
    });
    expect(res.status, await res.clone().text()).toBe(202);
    expect(((await res.json()) as { reply: { caseId: string } }).reply.caseId).toBe(caseId);
    const c = await call<{ messages: { direction: string; body: string }[]; customerTitle: string; title: string }>(
      'GET',
      `/api/v1/cases/${caseId}`,
    );
    expect(c.messages.at(-1)).toMatchObject({ direction: 'from_customer', body: 'A new cup would be lovely, thank you.' });
    expect(c.customerTitle).toBe('the problem you told us about');
    expect((await call<{ items: unknown[] }>('GET', '/api/v1/complaints')).items).toHaveLength(1);

    checked.mails.push(...Object.keys(kinds), 'survey invitation', 'unsubscribe confirmation', 'outbox message');
    checked.pages.push(...pages);
    checked.caseId = caseId;
    checked.surveyId = survey.id;
  });

  it('speaks as the company in the reminder, cause outreach, "you said, we did", promise notices and the widget', async () => {
    const url = kept!.url;
    const expectMail = async (to: string, subject: RegExp, what: string) => {
      await expect.poll(async () => (await mailsTo(to)).some((m) => subject.test(m.subject)), { timeout: 30_000 }).toBe(true);
      const m = (await mailsTo(to)).find((x) => subject.test(x.subject))!;
      expectCompanyVoice(m, what);
      checked.mails.push(what);
      return m;
    };

    // The survey reminder: its due time (days after the invitation) moved to now, as a clock would.
    const cy = { externalId: 'cus_cy', name: 'Cy Moreau', email: 'cy@example.com' };
    const inv = await call<{ id: string }>(
      'POST',
      `/api/v1/surveys/${checked.surveyId}/invitations`,
      { customer: cy, channel: 'email' },
      201,
    );
    await expect.poll(async () => (await mailsTo(cy.email)).length, soon).toBe(1);
    await inDatabase((db) => db.query('UPDATE invitations SET reminder_due_at = now() WHERE id = $1', [inv.id]));
    await expectMail(cy.email, /^Reminder: /, 'survey reminder');

    // A cause touches Dee's order: she hears from the company before she complains.
    const dee = { externalId: 'cus_dee', name: 'Dee Park', email: 'dee@example.com' };
    await call('POST', '/api/v1/events', {
      events: [
        {
          type: 'order.placed',
          source: 'shop',
          customer: dee,
          occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
          data: { batch: 'C-7' },
        },
      ],
    });
    const cause = await call<{ id: string }>(
      'POST',
      '/api/v1/causes',
      { title: 'Cracked cups, batch C-7', selector: { eventType: 'order.placed', where: [{ path: 'batch', op: 'eq', value: 'C-7' }] } },
      201,
    );
    await call(
      'POST',
      `/api/v1/causes/${cause.id}/outreach`,
      { message: 'Dear {customerName}, your cup may be cracked. We are sorry. {company}' },
      202,
    );
    const outreach = await expectMail(dee.email, /about your case/, 'cause outreach');
    expect(outreach.text).toContain('Dear Dee Park, your cup may be cracked.');

    // "You said, we did": an improvement from Ann's complaint, marked done.
    const improvement = await call<{ id: string }>(
      'POST',
      '/api/v1/improvements',
      {
        title: 'Sturdier cups',
        toldText: { en: 'Every cup is now checked before it is filled.' },
        feedback: [{ kind: 'case', id: checked.caseId }],
      },
      201,
    );
    await call('POST', `/api/v1/improvements/${improvement.id}/done`, {});
    const saidDid = await expectMail(ann.email, /^You said, we did/, '"you said, we did"');
    expect(saidDid.text).toContain('Every cup is now checked before it is filled.');

    // Promise notices: one made and kept, one made and missed by the clock a few seconds later.
    const berlin = (iso: string) =>
      new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(new Date(iso));
    const refund = await call<{ commitment: { id: string; dueAt: string } }>(
      'POST',
      '/api/v1/commitments',
      {
        customer: { email: ann.email },
        what: 'Refund the leaking cup',
        kind: 'refund',
        dueAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      },
      201,
    );
    const made = await expectMail(ann.email, /what we promised you$/, 'promise made');
    expect(made.text).toContain(`We will do it by ${berlin(refund.commitment.dueAt)}`);
    await call('POST', `/api/v1/commitments/${refund.commitment.id}/keep`, {});
    await expectMail(ann.email, /it is done$/, 'promise kept');
    await call(
      'POST',
      '/api/v1/commitments',
      { customer: { email: ann.email }, what: 'Call Ann back', kind: 'callback', dueAt: new Date(Date.now() + 3000).toISOString() },
      201,
    );
    const missed = await expectMail(ann.email, /we did not keep our promise$/, 'promise missed');
    expect(missed.text).toContain('We did not manage it, and we are sorry.');
    expect(link(missed.text, 'c')).toBeDefined();

    // The widget on the company's own site, on a phone.
    const secret = (await call<{ widgetSecret: string }>('GET', '/api/v1/settings/signals')).widgetSecret;
    const customer = 'cus_widget_1';
    const signature = createHmac('sha256', secret).update(customer).digest('hex');
    const shop = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
          `<title>Harbour shop</title></head><body><main><p>Your order is ready.</p></main><script src="${url}/widget.js" data-workspace="default" ` +
          `data-survey="${checked.surveyId}" data-customer="${customer}" data-signature="${signature}" data-locale="en-GB" async></script></body></html>`,
      );
    });
    await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
    try {
      const phone = await newPage(browser!, 390);
      await phone.goto(`http://localhost:${(shop.address() as AddressInfo).port}/`);
      await phone.locator('kept-widget').getByRole('radiogroup').waitFor(soon);
      const shadow = await phone.locator('kept-widget').evaluate((el) => ({
        text: (el.shadowRoot!.querySelector('*:not(style)') as HTMLElement | null)?.innerText ?? '',
        html: el.shadowRoot!.innerHTML,
      }));
      expect(shadow.text, 'widget: names the company').toContain(company);
      expect(shadow.text, 'widget: says Kept').not.toMatch(/\bKept\b/);
      expect(shadow.html.replace(/<style[\s\S]*?<\/style>/g, ''), 'widget: markup says Kept').not.toMatch(/\bKept\b/);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'widget: fits a phone').toBe(true);
      checked.pages.push('widget on a page at 390 px');
      await phone.context().close();
    } finally {
      await new Promise((r) => shop.close(r));
    }

    // Powered by, once a workspace turns it on: the only place a customer may read "Kept".
    await call('PATCH', '/api/v1/settings/company', { poweredBy: true });
    await call('POST', `/api/v1/cases/${checked.caseId}/messages`, { body: 'One more thing: your new cup is on its way.' }, 201);
    await expect.poll(async () => (await mailsTo(ann.email)).some((m) => m.text.includes('your new cup is on its way')), soon).toBe(true);
    const powered = (await mailsTo(ann.email)).find((m) => m.text.includes('your new cup is on its way'))!;
    expect(powered.text).toContain('Powered by Kept');
    expect(powered.html).toContain('Powered by Kept');
    expect(powered.fromName).toBe(company);
    const form = await newPage(browser!, 390);
    await form.goto(`${url}/complain/default`);
    expect(await form.locator('body').innerText()).toContain('Powered by Kept');
    await form.context().close();
    await call('PATCH', '/api/v1/settings/company', { poweredBy: false });

    console.info(`company voice: mails ${checked.mails.join(', ')}; pages ${checked.pages.join(', ')}`);
  });
});
