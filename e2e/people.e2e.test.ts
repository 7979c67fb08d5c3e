// The people half of learning in the web app: a manager catches someone doing great and sees it
// in the recognition feed, rates a hand-off from another department, and answers the quarter's
// obsession score; every page axe-clean. Runs a real `kept start` and a real Chromium.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AxeResults } from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './staff-app.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, repoRoot, startKept, type RunningKept } from './kept-process.ts';

const admin = { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada Lovelace' };
let kept: RunningKept | undefined;
let browser: Browser | undefined;
let post: (path: string, body: unknown) => Promise<{ status: number; body: Record<string, unknown> }>;

async function expectNoAxeViolations(page: Page, what: string) {
  // Evaluated through the DevTools protocol: the staff app's CSP (script-src 'self') refuses an injected <script>.
  await page.evaluate(readFileSync(join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  const results = await page.evaluate(() => (globalThis as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run());
  const violations = results.violations.map((v) => ({ rule: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  expect(violations, `axe violations on ${what}`).toEqual([]);
}

let support: string;
let warehouse: string;

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
  post = async (path, body) => {
    const r = await fetch(`${kept!.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrfToken },
      body: JSON.stringify(body),
    });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };
  support = (await post('/api/v1/departments', { key: 'care', name: 'Care', colour: '#047857' })).body.id as string;
  warehouse = (await post('/api/v1/departments', { key: 'stock', name: 'Warehouse', colour: '#be123c' })).body.id as string;
  expect(
    (await post('/api/v1/team/invitations', { email: 'zoe@example.com', name: 'Zoë Müller', role: 'agent', departmentIds: [support] }))
      .status,
  ).toBe(201);
  expect(
    (
      await post('/api/v1/hand-offs', {
        requestingDepartmentId: support,
        givingDepartmentId: warehouse,
        title: 'Check in the returned hub',
      })
    ).status,
  ).toBe(201);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await kept?.stop();
});

describe('the people pages', () => {
  it('recognition, internal customers and the obsession score work and are axe-clean', async () => {
    const context = await browser!.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${kept!.url}/sign-in?next=%2Flearning%2Frecognition`);
    await page.getByLabel('E-mail').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Recognition' }).waitFor();
    await page.getByRole('heading', { name: 'No praise yet' }).waitFor();
    await expectNoAxeViolations(page, 'the empty recognition feed');

    const form = page.getByRole('form', { name: 'Catch someone doing great' });
    await form.getByLabel('Who').selectOption({ label: 'Zoë Müller' });
    await form.getByLabel('What they did').fill('Called a customer back on a Saturday');
    await form.getByRole('button', { name: 'Recognise' }).click();
    await form.getByText('Zoë Müller and their team lead were told.').waitFor();
    await page.getByText('Called a customer back on a Saturday', { exact: true }).last().waitFor();
    await expectNoAxeViolations(page, 'the recognition feed');

    await page.getByRole('link', { name: 'Internal customers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Internal customers' }).waitFor();
    await expectNoAxeViolations(page, 'internal customers with a hand-off to rate');
    const rate = page.getByRole('form', { name: 'Rate Check in the returned hub' });
    await rate.getByLabel('Rating').selectOption('4');
    await rate.getByLabel('Comment').fill('Quick and clear');
    await rate.getByRole('button', { name: 'Rate' }).click();
    await page.getByText('Every hand-off is rated.').waitFor();
    await page.getByRole('cell', { name: 'n = 1: a figure needs 30' }).waitFor();
    await page.getByText('4/5: Quick and clear').waitFor();
    await expectNoAxeViolations(page, 'internal customers with a rating');

    await page.getByRole('link', { name: 'Obsession' }).click();
    await page.getByRole('heading', { level: 1, name: /Customer obsession, \d{4}-Q[1-4]/ }).waitFor();
    await page.getByText('n = 0: shown from 5 answers').waitFor();
    await expectNoAxeViolations(page, 'the obsession page');
    await page.getByLabel('From 0 to 10, how would you rate your company when it comes to customer obsession?').selectOption('8');
    await page.getByLabel('What has to happen to be a 10?').fill('Billing sees returns the moment the warehouse does');
    await page.getByRole('button', { name: 'Answer' }).click();
    await page.getByText(/You answered for \d{4}-Q[1-4]/).waitFor();
    await page.getByText('n = 1: shown from 5 answers').waitFor();
    await expectNoAxeViolations(page, 'the obsession page, answered');
    await context.close();
  });
});
