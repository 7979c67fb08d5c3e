// What the recovery e2e tests share: Debian's Chromium, a signed-in page, axe-core on a page,
// and the API called with a token from `kept token create`, as an integration would.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AxeResults } from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { repoRoot } from './kept-process.ts';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function newPage(browser: Browser, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/Stockholm' });
  return context.newPage();
}

export async function signIn(page: Page, url: string, who: { email: string; password: string }): Promise<void> {
  await page.goto(`${url}/sign-in`);
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Managers and admins land on the dashboard, agents on their inbox.
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
}

export async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
  // Evaluated through the DevTools protocol: the staff app's CSP (script-src 'self') refuses an injected <script>.
  await page.evaluate(readFileSync(join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  const results = await page.evaluate(() => (globalThis as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run());
  const violations = results.violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
  }));
  if (violations.length) console.error(`axe violations on ${what}:\n${JSON.stringify(violations, null, 2)}`);
  expect(violations, `axe violations on ${what}`).toEqual([]);
}

/** The API with a bearer token: `call('POST', '/api/v1/cases', body)` answers the parsed JSON, and fails the test on an unexpected status. */
export function apiWithToken(url: string, token: string) {
  return async function call<T>(method: string, path: string, body?: unknown, expectStatus?: number): Promise<T> {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (expectStatus !== undefined) expect(res.status, text).toBe(expectStatus);
    else expect(res.ok, `${method} ${path}: ${res.status} ${text}`).toBe(true);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

export const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

/** Signs in over the API as a browser would; answers the headers (cookie, CSRF token) for later writes. */
export async function signInThroughApi(url: string, who: { email: string; password: string }): Promise<Record<string, string>> {
  const res = await fetch(`${url}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: who.email, password: who.password }),
  });
  expect(res.status).toBe(201);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrfToken };
}
