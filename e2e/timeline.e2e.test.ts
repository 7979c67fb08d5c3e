// The story of the first release: events about one customer arrive from two departments
// through the API; a person signs in to the web app, finds the customer and reads one timeline
// with each department's colour and name. Runs a real `kept start` and a real Chromium.
import type { Browser, Page } from 'playwright-core';
import { expectNoAxeViolations, launchChromium, signInThroughApi } from './staff-app.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, startKept, type RunningKept } from './kept-process.ts';

const admin = { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada Lovelace' };
const logistics = { key: 'logistics', name: 'Logistics & Delivery', colour: '#0e7490' };
const marta = { externalId: 'cus_e2e_001', email: 'marta.lindqvist@example.com', name: 'Marta Lindqvist' };

let kept: RunningKept | undefined;
let browser: Browser | undefined;

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

async function postEvents(url: string, token: string, events: unknown[]) {
  const res = await fetch(`${url}/api/v1/events`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ events }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
}

async function newPage(): Promise<Page> {
  const context = await browser!.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/Stockholm' });
  return context.newPage();
}

async function signIn(page: Page, password: string) {
  await page.getByLabel('E-mail').fill(admin.email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('the customer timeline in the staff web app', () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    kept = await startKept();
    await kept.cli(['admin', 'create', '--email', admin.email, '--password', admin.password, '--name', admin.name]);
    const token = (await kept.cli(['token', 'create', '--name', 'e2e', '--role', 'agent'])).trim();

    const headers = await signInThroughApi(kept.url, admin);
    const created = await fetch(`${kept.url}/api/v1/departments`, { method: 'POST', headers, body: JSON.stringify(logistics) });
    expect(created.status).toBe(201);

    await postEvents(kept.url, token, [
      {
        type: 'customer.signed_up',
        source: 'web',
        customer: { externalId: 'cus_e2e_002', name: 'Jonas Berg', email: 'jonas@example.com' },
        occurredAt: ago(600),
        data: { plan: 'starter' },
      },
      {
        type: 'parcel.shipped',
        source: 'logistics',
        customer: marta,
        occurredAt: ago(180),
        idempotencyKey: 'shp-77',
        data: { carrier: 'PostNord', trackingNumber: 'JD014600006281', address: { city: 'Uppsala', country: 'SE' } },
      },
      {
        type: 'invoice.paid',
        source: 'billing',
        customer: marta,
        occurredAt: ago(45),
        data: { invoiceNumber: 'INV-2041', amount: 129.5, currency: 'EUR', lines: [{ sku: 'KEPT-PRO', quantity: 1 }], paidWithCard: true },
      },
      {
        type: 'parcel.delivered',
        source: 'logistics',
        customer: marta,
        occurredAt: ago(20),
        data: { signedBy: 'M. Lindqvist', late: false },
      },
      {
        type: 'customer.signed_up',
        source: 'web',
        customer: { externalId: 'cus_e2e_003', name: 'Priya Raman', email: 'priya@example.com' },
        occurredAt: ago(5),
        data: {},
      },
    ]);

    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await kept?.stop();
  });

  it('shows the API’s message when the password is wrong', async () => {
    const page = await newPage();
    await page.goto(`${kept!.url}/sign-in`);
    await signIn(page, 'not the password');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('The e-mail or password is not right');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await expectNoAxeViolations(page, 'the sign-in page with an error');
    await page.context().close();
  });

  it('signs in, finds the customer and shows both departments’ events on one timeline', async () => {
    const page = await newPage();
    await page.goto(`${kept!.url}/customers`);
    await page.waitForURL(/\/sign-in\?next=%2Fcustomers$/);
    await page.getByRole('heading', { name: 'Sign in to Kept' }).waitFor();
    await expectNoAxeViolations(page, 'the sign-in page');

    await signIn(page, admin.password);
    await page.waitForURL(/\/customers$/);
    await page.getByRole('link', { name: 'Jonas Berg' }).waitFor();
    await page.screenshot({ path: '/tmp/kept-customers.png', fullPage: true });
    await expectNoAxeViolations(page, 'the customers list');

    await page.getByRole('searchbox', { name: 'Search customers' }).fill('Lindqvist');
    await page.waitForURL(/\/customers\?q=Lindqvist$/);
    await page.getByRole('link', { name: 'Jonas Berg' }).waitFor({ state: 'detached' });
    expect(await page.locator('tbody tr').count()).toBe(1);

    await page.getByRole('link', { name: marta.name }).click();
    await page.getByRole('heading', { level: 1, name: marta.name }).waitFor();
    expect(await page.locator('.customer-header').innerText()).toContain(marta.externalId);

    const shipped = page.getByRole('article', { name: 'Parcel shipped' });
    const paid = page.getByRole('article', { name: 'Invoice paid' });
    await shipped.waitFor();
    const shippedText = await shipped.innerText();
    expect(shippedText).toContain(logistics.name);
    expect(shippedText).toContain('JD014600006281');
    expect(shippedText).toContain('Uppsala');
    const paidText = await paid.innerText();
    expect(paidText).toContain('billing');
    expect(paidText).toContain('INV-2041');
    expect(await page.getByRole('article', { name: 'Parcel delivered' }).innerText()).toContain('M. Lindqvist');

    // Newest first, and the logistics stripe is the department's own colour.
    const order = await page.locator('.event-type').allInnerTexts();
    expect(order).toEqual(['Parcel delivered', 'Invoice paid', 'Parcel shipped']);
    const stripe = await shipped.evaluate(
      (el) => (globalThis as unknown as { getComputedStyle(e: unknown): { borderLeftColor: string } }).getComputedStyle(el).borderLeftColor,
    );
    expect(stripe).toBe('rgb(14, 116, 144)');

    await expectNoAxeViolations(page, 'the customer page');
    await page.screenshot({ path: '/tmp/kept-customer.png', fullPage: true });

    await page.getByRole('button', { name: 'billing', exact: true }).click();
    await page.waitForURL(/source=billing/);
    await shipped.waitFor({ state: 'detached' });
    expect(await page.locator('.event-type').allInnerTexts()).toEqual(['Invoice paid']);
    await page.context().close();
  });

  it('shows a time’s full date and time on keyboard focus and on hover, Escape hides it, and the header names the company', async () => {
    // The company's name from its profile is what the header shows (the workspace row says "Default").
    const headers = await signInThroughApi(kept!.url, admin);
    const named = await fetch(`${kept!.url}/api/v1/settings/company`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ companyName: 'Lindqvist Home' }),
    });
    expect(named.status).toBe(200);

    const page = await newPage();
    await page.goto(`${kept!.url}/sign-in?next=%2Fcustomers`);
    await signIn(page, admin.password);
    await page.waitForURL(/\/customers$/);
    expect(await page.locator('.brand-name').innerText()).toBe('Lindqvist Home');
    const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    const full = (iso: string) =>
      new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'long', timeZone: 'Europe/Stockholm' }).format(new Date(iso));

    // A row link: its times are no tab stops of their own; the row's focus shows them, and its link is described by them.
    const row = page.locator('tr', { has: page.getByRole('link', { name: marta.name }) });
    await page.getByRole('searchbox', { name: 'Search customers' }).focus();
    for (let i = 0; i < 10 && (await focused()) !== marta.name; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe(marta.name);
    const tips = row.getByRole('tooltip');
    await tips.first().waitFor();
    const created = (await row.locator('time').last().getAttribute('datetime'))!;
    expect(await tips.allInnerTexts()).toContain(full(created));
    const describedBy = (await row.getByRole('link', { name: marta.name }).getAttribute('aria-describedby'))!.split(' ');
    expect(describedBy).toEqual(await tips.evaluateAll((els) => els.map((e) => e.id)));
    await expectNoAxeViolations(page, 'the customers list with a row’s tips shown');
    await page.screenshot({ path: '/tmp/kept-tip-row.png' });
    await page.keyboard.press('Escape');
    await tips.first().waitFor({ state: 'hidden' });
    expect(await focused()).toBe(marta.name); // Escape hid the tips, focus stayed
    await page.keyboard.press('Tab');
    expect(await focused()).not.toMatch(/ago|\d{4}/); // the next stop is the next row, not a time of this one
    await row.locator('time').last().hover();
    expect(
      await row
        .getByRole('tooltip')
        .filter({ hasText: full(created) })
        .isVisible(),
    ).toBe(true);

    // Standing alone (an event's time on the timeline), a time is its own tab stop.
    await row.getByRole('link', { name: marta.name }).click();
    const when = page.getByRole('article', { name: 'Parcel delivered' }).locator('.tip-own');
    await when.waitFor();
    for (let i = 0; i < 60 && !(await when.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    const tip = page.getByRole('tooltip', { name: full((await when.locator('time').getAttribute('datetime'))!) });
    await tip.waitFor();
    expect(await when.getAttribute('aria-describedby')).toBe(await tip.getAttribute('id'));
    await expectNoAxeViolations(page, 'the customer page with a time’s tip shown');
    await page.screenshot({ path: '/tmp/kept-tip-time.png' });
    await page.keyboard.press('Escape');
    await tip.waitFor({ state: 'hidden' });
    expect(await when.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.context().close();

    // On a 390 px phone a tip near the right edge stays on the screen and the page does not scroll sideways.
    const phone = await (
      await browser!.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-GB', timezoneId: 'Europe/Stockholm' })
    ).newPage();
    await phone.goto(`${kept!.url}/sign-in?next=%2Fcustomers`);
    await signIn(phone, admin.password);
    await phone.getByRole('link', { name: marta.name }).click();
    const phoneWhen = phone.getByRole('article', { name: 'Parcel delivered' }).locator('.tip-own');
    await phoneWhen.waitFor();
    await phoneWhen.hover();
    const box = (await phone.getByRole('tooltip').filter({ visible: true }).boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: '/tmp/kept-tip-phone.png' });
    await phone.context().close();
  });

  it('sends a person whose session ended to sign-in with a message, then back to their page', async () => {
    const page = await newPage();
    await page.goto(`${kept!.url}/sign-in`);
    await signIn(page, admin.password);
    await page.waitForURL(/\/dashboard$/); // managers land on the dashboard
    await page.getByRole('link', { name: 'Customers', exact: true }).click();
    await page.waitForURL(/\/customers$/);
    // Let the list's own request finish first: if it met the cleared cookie, the app would
    // (rightly) go to sign-in by itself, before the click below.
    await page.waitForLoadState('networkidle');

    await page.context().clearCookies(); // as when the session expires on the server
    // The click meets the ended session, unless a request of the page itself got there first (on a
    // loaded machine the customers page may still be fetching): either way the person is sent to
    // sign-in with a message and, after signing in, back to the page they were going to.
    const departments = page.getByRole('link', { name: 'Departments' });
    await Promise.race([departments.click().catch(() => undefined), page.waitForURL(/\/sign-in\?/)]);
    await page.waitForURL(/\/sign-in\?next=%2F(departments|customers)$/);
    const next = new URL(page.url()).searchParams.get('next');
    expect(await page.getByRole('status').filter({ hasText: 'Sign in again' }).innerText()).toContain('Sign in again to continue');

    await signIn(page, admin.password);
    await page.waitForURL((url) => url.pathname === next);
    if (next === '/departments') await page.getByRole('cell', { name: logistics.name }).waitFor();
    else await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
    await page.context().close();
  });
});
