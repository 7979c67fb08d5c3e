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
    await page.getByRole('link', { name: 'Departments' }).click();
    await page.waitForURL(/\/sign-in\?next=%2Fdepartments$/);
    expect(await page.getByRole('status').filter({ hasText: 'Sign in again' }).innerText()).toContain('Sign in again to continue');

    await signIn(page, admin.password);
    await page.waitForURL(/\/departments$/);
    await page.getByRole('cell', { name: logistics.name }).waitFor();
    await page.context().close();
  });
});
