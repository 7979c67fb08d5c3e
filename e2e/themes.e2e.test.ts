// What customers talk about, in the staff web app: answers with comments in three languages
// arrive over the API, the running Kept analyses them by itself, a manager adds the common themes,
// names a new theme from a suggested term and reads the texts behind a theme. Runs a real
// `kept start` and a real Chromium; axe checks each page.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, startKept, type RunningKept } from './kept-process.ts';
import { apiWithToken, expectNoAxeViolations, launchChromium, newPage, signIn } from './staff-app.ts';

const admin = { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada Lovelace' };
const comments: [number, string, string][] = [
  [2, 'The delivery was late and the box was damaged.', 'en'],
  [3, 'La livraison est arrivée cassée, personne ne répond.', 'fr'],
  [1, 'Die Lieferung kam zwei Wochen zu spät.', 'de'],
  [10, 'Fast delivery and a friendly driver, thank you!', 'en'],
  [4, 'My warranty claim was ignored for a month.', 'en'],
  [5, 'Nobody could explain the warranty to me.', 'en'],
  [9, 'Great products, fair prices.', 'en'],
];

let kept: RunningKept | undefined;
let browser: Browser | undefined;

describe('themes in the staff web app', () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    kept = await startKept();
    await kept.cli(['admin', 'create', '--email', admin.email, '--password', admin.password, '--name', admin.name]);
    const token = (await kept.cli(['token', 'create', '--name', 'e2e', '--role', 'manager'])).trim();
    const call = apiWithToken(kept.url, token);
    const survey = await call<{ id: string }>('POST', '/api/v1/surveys', { kind: 'nps', name: 'Relationship' });
    let n = 0;
    for (const [score, reason, locale] of comments) {
      n++;
      await call('POST', '/api/v1/responses', {
        surveyId: survey.id,
        customer: { externalId: `c${n}`, email: `c${n}@example.com` },
        score,
        reason,
        locale,
        answeredAt: new Date().toISOString(),
      });
    }
    // The running Kept analyses new texts every few seconds by itself.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const r = await call<{ texts: number }>('GET', '/api/v1/themes');
      if (r.texts >= comments.length) break;
      if (Date.now() > deadline) throw new Error(`only ${r.texts} texts analysed after 30 s`);
      await new Promise((ok) => setTimeout(ok, 500));
    }
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await kept?.stop();
  });

  it('adds the common themes, names one from a suggestion, and reads a theme’s texts', async () => {
    const page = await newPage(browser!);
    await signIn(page, kept!.url, admin);
    await page.goto(`${kept!.url}/themes`);
    await expect.poll(() => page.getByText('No themes yet').isVisible()).toBe(true);
    await expectNoAxeViolations(page, 'themes (empty)');

    await page.getByRole('button', { name: 'Add common themes' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('10 common themes added');
    const delivery = page.getByRole('row', { name: /Delivery/ });
    await expect.poll(() => delivery.textContent()).toContain('4');

    await page.getByRole('button', { name: /Name a theme for “warranty”, 2 texts/ }).click();
    const dialog = page.getByRole('dialog', { name: 'New theme' });
    await expect.poll(() => dialog.getByLabel('Words').inputValue()).toBe('warranty');
    await dialog.getByRole('button', { name: 'Create theme' }).click();
    await expect.poll(() => dialog.getByText('Name the theme').isVisible()).toBe(true);
    await dialog.getByLabel('Name').fill('Warranty');
    await dialog.getByRole('button', { name: 'Create theme' }).click();
    await expect.poll(() => page.getByRole('row', { name: /Warranty/ }).textContent()).toContain('2');
    await expectNoAxeViolations(page, 'themes (with themes)');

    await page.getByRole('link', { name: 'Delivery' }).click();
    await expect.poll(() => page.title()).toBe('Theme: Delivery · Kept');
    await expect.poll(() => page.getByText('La livraison est arrivée cassée').isVisible()).toBe(true);
    await expect.poll(async () => await page.locator('.text-item').count()).toBe(4);
    await expect.poll(() => page.locator('.text-item').filter({ hasText: 'Fast delivery' }).getByText('Positive').isVisible()).toBe(true);
    await expectNoAxeViolations(page, 'a theme’s texts');
  });
});
