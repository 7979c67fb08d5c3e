// The Promises page: a person makes a promise in the web app and sees what the team achieved for
// similar ones as they type (a new workspace: not enough data yet), finds it in the ledger, agrees
// a new time with the customer and records it kept. Runs a real `kept start` and a real Chromium.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AxeResults } from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './staff-app.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, repoRoot, startKept, type RunningKept } from './kept-process.ts';

const admin = { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada Lovelace' };
let kept: RunningKept | undefined;
/** A day this many days ahead at noon, as a datetime-local input takes it. */
const daysAhead = (days: number) => `${new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)}T12:00`;
let annCaseId: string;
let browser: Browser | undefined;

async function expectNoAxeViolations(page: Page, what: string) {
  // Evaluated through the DevTools protocol: the staff app's CSP (script-src 'self') refuses an injected <script>.
  await page.evaluate(readFileSync(join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  const results = await page.evaluate(() => (globalThis as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run());
  const violations = results.violations.map((v) => ({ rule: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  expect(violations, `axe violations on ${what}`).toEqual([]);
}

beforeAll(async () => {
  await ensureWebBuilt();
  kept = await startKept();
  await kept.cli(['admin', 'create', '--email', admin.email, '--password', admin.password, '--name', admin.name]);
  const res = await fetch(`${kept.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: admin.email, password: admin.password }),
  });
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const made = await fetch(`${kept.url}/api/v1/departments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrfToken },
    body: JSON.stringify({ key: 'billing', name: 'Billing', colour: '#1f77b4' }),
  });
  expect(made.status).toBe(201);
  // Ann has an open case about her return.
  const reported = await fetch(`${kept.url}/api/v1/cases`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrfToken },
    body: JSON.stringify({
      customer: { externalId: 'c-ann', name: 'Ann Berg', email: 'ann@example.com' },
      summary: 'Restocking fee on a faulty kettle',
    }),
  });
  expect(reported.status).toBe(201);
  annCaseId = ((await reported.json()) as { case: { id: string } }).case.id;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await kept?.stop();
});

describe('the Promises page', () => {
  it('makes a promise with the team’s record beside it, moves it to a time the customer agreed, and keeps it', async () => {
    const context = await browser!.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB', timezoneId: 'Europe/Stockholm' });
    const page = await context.newPage();
    await page.goto(`${kept!.url}/sign-in?next=%2Fcommitments`);
    await page.getByLabel('E-mail').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Promises' }).waitFor();
    await page.getByRole('heading', { name: 'No promises here' }).waitFor();

    const form = page.getByRole('region', { name: 'Make a promise' });
    await form.getByRole('button', { name: 'Record the promise' }).click();
    await expect.poll(() => form.getByLabel('Customer', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page, 'the Promises page with the form’s errors');

    // A typo finds nobody and adds nobody: the customer is picked from the list.
    await form.getByLabel('Customer', { exact: true }).fill('ann@exampel.com');
    await form.getByText('No customer matches “ann@exampel.com”').waitFor();
    await form.getByLabel('Customer', { exact: true }).fill('Ann');
    await form.getByRole('button', { name: /Ann Berg/ }).click();
    await form.getByText('Ann Berg').waitFor();
    await form.getByLabel('What was promised').fill('Refund the restocking fee');
    await form.getByLabel('Kind').fill('refund');
    await form.getByLabel('Department').selectOption({ label: 'Billing' });
    await form.getByText('Not enough data yet: 0 of the 30 needed (refund promises of Billing').waitFor();
    await form.getByLabel('Due', { exact: true }).fill(daysAhead(3));
    await form.getByRole('button', { name: 'Record the promise' }).click();
    await form.getByText('Promise recorded: Refund the restocking fee.').waitFor();

    const row = page.getByRole('row', { name: /Refund the restocking fee/ });
    await row.waitFor();
    expect(await row.innerText()).toContain('Billing');
    const team = page.getByRole('row', { name: /^Billing \d/ }); // the team's kept rate: one open, none due yet
    await team.waitFor();
    expect(await team.innerText()).toContain('Not enough data');

    await row.getByRole('button', { name: 'New time for Refund the restocking fee' }).click();
    const dialog = page.getByRole('dialog', { name: 'New time agreed' });
    await dialog.getByLabel('New due time').fill(daysAhead(7));
    await dialog.getByRole('button', { name: 'Move the due time' }).click();
    expect(await dialog.getByText('Say how the customer agreed').isVisible()).toBe(true);
    await dialog.getByLabel('How the customer agreed').fill('Ann prefers Tuesday');
    await dialog.getByRole('button', { name: 'Move the due time' }).click();
    await expect.poll(() => row.innerText()).toContain('Renegotiated');
    expect(await row.innerText()).toContain('first promised');

    await row.getByRole('button', { name: 'Kept: Refund the restocking fee' }).click();
    await page.getByRole('dialog', { name: 'Promise kept' }).getByRole('button', { name: 'Record as kept' }).click();
    await page.getByLabel('Status').selectOption({ label: 'Kept' });
    await expect.poll(() => page.getByRole('row', { name: /Refund the restocking fee/ }).innerText()).toContain('Kept');
    await expectNoAxeViolations(page, 'the Promises page with a kept promise');
    const customers = await (await page.request.get(`${kept!.url}/api/v1/customers?q=exampel`)).json();
    expect(customers.items, 'the typo added no customer').toEqual([]);

    // Ann's case page shows the promise made to her outside the case.
    await page.goto(`${kept!.url}/cases/${annCaseId}`);
    const promises = page.getByRole('region', { name: 'Promises' });
    await promises.getByRole('heading', { name: 'Other promises to this customer' }).waitFor();
    expect(await promises.innerText()).toMatch(/Refund the restocking fee\s+Kept due .* · made outside a case/);
    await context.close();
  });
});
