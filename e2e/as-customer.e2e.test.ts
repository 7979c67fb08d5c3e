// Be the customer (seed 002), in a real Chromium against a started Kept: from a customer's page,
// staff open the customer's-eye view and see, in order, billing's mail, the survey mail, the
// survey page as she sent it and its thank-you page, each in a sandboxed frame as she saw it.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, startKept, type RunningKept } from './kept-process.ts';
import { expectNoAxeViolations, launchChromium, newPage, signIn, signInThroughApi } from './staff-app.ts';

const admin = { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada Lovelace' };
let kept: RunningKept | undefined;
let browser: Browser | undefined;
let staff: Record<string, string> = {};
let customerId = '';

async function api<T = any>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${kept!.url}${path}`, { method, headers: staff, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await res.json();
  expect(res.ok, `${method} ${path}: ${JSON.stringify(json)}`).toBe(true);
  return json as T;
}

describe('be the customer', () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    kept = await startKept();
    await kept.cli(['admin', 'create', '--email', admin.email, '--password', admin.password, '--name', admin.name]);
    staff = await signInThroughApi(kept.url, admin);
    const who = { externalId: 'mia', email: 'mia@example.com', name: 'Mia Berg' };
    customerId = (
      await api<{ event: { customerId: string } }>('POST', '/api/v1/events', {
        type: 'order.placed',
        source: 'shop',
        occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
        customer: who,
      })
    ).event.customerId;
    await api('POST', '/api/v1/messages', {
      customer: { externalId: 'mia' },
      kind: 'invoice',
      source: 'billing',
      subject: 'Your invoice 2041',
      text: 'Amount due: EUR 19.90',
    });
    const survey = await api<{ id: string }>('POST', '/api/v1/surveys', {
      kind: 'nps',
      name: 'Shop NPS',
      brand: { name: 'Acme', colour: '#0e7490' },
    });
    const inv = await api<{ url: string }>('POST', `/api/v1/surveys/${survey.id}/invitations`, {
      customer: { externalId: 'mia' },
      channel: 'email',
    });
    // Mia answers on the survey page (a plain form post, as her browser sends it).
    const answered = await fetch(inv.url.replace(/^https?:\/\/[^/]+/, kept.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ score: '9', reason: 'Quick delivery', locale: 'en' }).toString(),
    });
    expect(answered.status).toBe(200);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await kept?.stop();
  });

  it('opens from the customer page and shows each mail and page as she saw it, in order, in sandboxed frames', async () => {
    // Both mails reach the preview (no SMTP server is set) within the mail job's second.
    await expect
      .poll(async () => (await api<{ items: unknown[] }>('GET', `/api/v1/customers/${customerId}/as-customer`)).items.length, {
        timeout: 15_000,
      })
      .toBe(4);
    const page = await newPage(browser!);
    await signIn(page, kept!.url, admin);
    await page.goto(`${kept!.url}/customers/${customerId}`);
    await page.getByRole('link', { name: 'Be the customer: see what they received' }).click();
    await page.waitForURL(new RegExp(`/customers/${customerId}/as-customer$`));
    await page.getByRole('heading', { level: 1, name: 'As Mia Berg saw it' }).waitFor();
    const list = page.getByRole('list', { name: 'What Mia Berg received and saw, oldest first' });
    await expect.poll(() => list.getByRole('article').count()).toBe(4);
    const headings = await list.getByRole('heading', { level: 2 }).allInnerTexts();
    expect(headings[0]).toBe('Your invoice 2041');
    expect(headings.slice(2)).toEqual(['The survey page, as they sent it', 'The thank-you page']);
    expect(await list.getByRole('article').first().innerText()).toContain('from billing');

    // Each frame is sandboxed (no script, no form) and holds what she saw.
    const frames = page.locator('iframe.as-customer-frame');
    expect(await frames.count()).toBe(4);
    for (const sandbox of await frames.evaluateAll((fs) => fs.map((f) => f.getAttribute('sandbox')))) expect(sandbox).toBe('');
    for (let i = 0; i < 4; i++) await frames.nth(i).scrollIntoViewIfNeeded();
    await expect.poll(() => page.frames().filter((f) => f.url().includes('/as-customer/')).length, { timeout: 10_000 }).toBe(4);
    const byId = async (prefix: string) => {
      const f = page.frames().find((x) => x.url().includes(`/as-customer/${prefix}`))!;
      await f.waitForLoadState();
      return f;
    };
    const mails = page.frames().filter((f) => f.url().includes('/as-customer/mail'));
    const texts = await Promise.all(mails.map((f) => f.locator('body').innerText()));
    expect(texts.some((t) => t.includes('Amount due: EUR 19.90'))).toBe(true);
    expect(texts.some((t) => /How likely are you to recommend Acme/i.test(t))).toBe(true);
    const form = await byId('survey_page');
    expect(await form.getByRole('radio', { name: /^9/ }).isChecked()).toBe(true);
    expect(await form.locator('textarea#reason').inputValue()).toBe('Quick delivery');
    expect(await (await byId('thank_you_page')).locator('h1').innerText()).toMatch(/thank you/i);
    await page.screenshot({ path: '/tmp/kept-as-customer.png', fullPage: true });
    await expectNoAxeViolations(page, 'the customer’s-eye view');
    await page.close();
  });
});
