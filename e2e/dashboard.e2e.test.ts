// The dashboard's story: a person signs in, creates an NPS survey in the web app, 40 historical
// answers arrive through POST /api/v1/responses, and the dashboard shows the NPS with its 95 %
// interval (on a bar and in words), says "not enough data" for the kinds without answers, and
// opens the answers behind its numbers. A hand-picked answer stays out until it is included.
// Runs a real `kept start` and a real Chromium.
import type { Browser, Page } from 'playwright-core';
import { expectNoAxeViolations, launchChromium, signInThroughApi } from './staff-app.ts';
import { expectKeyboardChart, expectNoSidewaysScroll } from './charts.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, startKept, type RunningKept } from './kept-process.ts';

const admin = { email: 'grace@example.com', password: 'correct horse battery', name: 'Grace Hopper' };
const surveyName = 'Relationship NPS (e2e)';

// 20 promoters, 10 passives and 10 detractors: NPS = (20 - 10) / 40 = +25.
const scores = [
  ...Array<number>(12).fill(10),
  ...Array<number>(8).fill(9),
  ...Array<number>(6).fill(8),
  7,
  7,
  7,
  7,
  6,
  5,
  5,
  4,
  3,
  2,
  2,
  1,
  0,
  0,
];
const detractorReason = 'The parcel arrived two weeks late.';

/** The adjusted-Wald interval from the issue, computed here independently of the server. */
function adjustedWald(promoters: number, detractors: number, n: number) {
  const n1 = n + 3;
  const p = (promoters + 0.75) / n1;
  const d = (detractors + 0.75) / n1;
  const se = Math.sqrt((p + d - (p - d) ** 2) / n1);
  return { low: 100 * (p - d - 1.96 * se), high: 100 * (p - d + 1.96 * se) };
}
const signed = (v: number) => {
  const r = Math.round(v);
  return r < 0 ? `−${-r}` : String(r);
};

let kept: RunningKept | undefined;
let browser: Browser | undefined;

async function newPage(): Promise<Page> {
  const context = await browser!.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/Stockholm' });
  return context.newPage();
}

async function signIn(page: Page) {
  await page.goto(`${kept!.url}/sign-in`);
  await page.getByLabel('E-mail').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/dashboard$/);
}

describe('the dashboard in the staff web app', () => {
  let surveyId = '';

  beforeAll(async () => {
    await ensureWebBuilt();
    kept = await startKept();
    await kept.cli(['admin', 'create', '--email', admin.email, '--password', admin.password, '--name', admin.name]);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await kept?.stop();
  });

  it('creates an NPS survey in the web app, and refuses one without a name', async () => {
    const page = await newPage();
    await signIn(page);
    await page.getByRole('link', { name: 'Surveys', exact: true }).click();
    await page.getByRole('heading', { name: 'No surveys yet' }).waitFor();
    await page.getByRole('link', { name: 'New survey' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'New survey' }).waitFor();
    expect(await page.getByRole('radio', { name: /NPS/ }).isChecked()).toBe(true);

    await page.getByRole('button', { name: 'Create survey' }).click();
    const name = page.getByRole('textbox', { name: 'Name', exact: true });
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('alert').innerText()).toContain('Enter a name');
    await expectNoAxeViolations(page, 'the survey editor with an error');

    await name.fill(surveyName);
    await page.getByRole('button', { name: 'Create survey' }).click();
    await page.getByRole('heading', { level: 1, name: surveyName }).waitFor();
    surveyId = new URL(page.url()).pathname.split('/').at(-1)!;
    expect(surveyId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await page.locator('.snippet pre').innerText()).toContain(`data-survey="${surveyId}"`);
    await page.context().close();
  });

  it('shows the NPS of 40 imported answers with its interval, and the answers behind it', async () => {
    const headers = await signInThroughApi(kept!.url, admin);
    const now = Date.now();
    const responses = scores.map((score, i) => ({
      surveyId,
      customer: {
        externalId: `e2e-${String(i).padStart(2, '0')}`,
        name: `Answerer ${String(i).padStart(2, '0')}`,
        attributes: { plan: i % 2 ? 'gold' : 'basic' },
      },
      score,
      reason: score <= 6 && i % 2 === 0 ? detractorReason : `Reason ${i}`,
      answeredAt: new Date(now - (i + 1) * 3_600_000).toISOString(),
    }));
    const imported = await fetch(`${kept!.url}/api/v1/responses`, { method: 'POST', headers, body: JSON.stringify({ responses }) });
    expect(imported.status, await imported.clone().text()).toBe(201);
    expect(((await imported.json()) as { stored: number }).stored).toBe(40);

    // One more answer, to an invitation sent by hand: left out of the headline unless included.
    const invited = await fetch(`${kept!.url}/api/v1/surveys/${surveyId}/invitations`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ customer: { externalId: 'e2e-hand', name: 'Hand Picked' }, channel: 'link' }),
    });
    expect(invited.status, await invited.clone().text()).toBe(201);
    const { url: link, handPicked } = (await invited.json()) as { url: string; handPicked: boolean };
    expect(handPicked).toBe(true);
    const answered = await fetch(`${kept!.url}/api/public/answers`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: new URL(link).pathname.split('/').at(-1), score: 0, reason: 'Chosen by hand' }),
    });
    expect(answered.status, await answered.clone().text()).toBe(201);

    const page = await newPage();
    await signIn(page);
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.waitForURL(/\/dashboard$/);
    const nps = page.getByRole('region', { name: 'NPS', exact: true });
    await nps.locator('.score-value').waitFor();

    const expected = adjustedWald(20, 10, 40);
    expect(await nps.locator('.score-value').innerText()).toContain('+25');
    expect(await nps.innerText()).toContain(`95% interval ${signed(expected.low)} to ${signed(expected.high)}`);
    expect(await nps.locator('.interval-band').count()).toBe(1);
    const facts = await nps.locator('.score-facts').innerText();
    expect(facts).toMatch(/Answers \(n\)\s+40/);
    expect(facts).toMatch(/Promoters \(9–10\)\s+20/);
    expect(facts).toMatch(/Detractors \(0–6\)\s+10/);
    expect(await page.getByRole('region', { name: 'CSAT', exact: true }).innerText()).toContain('Not enough data');
    expect(await page.getByRole('region', { name: 'CES', exact: true }).innerText()).toContain('Not enough data');
    // The trend by week is a chart the keyboard reaches, named and described, each week announced.
    const trend = page.getByRole('region', { name: 'NPS over time' });
    await expectKeyboardChart(page, trend.getByRole('button', { name: 'By month' }), /^NPS by week$/, /Week of .*(\+25|not enough data)/);
    await page.screenshot({ path: '/tmp/charts-dashboard.png', fullPage: true });
    await expectNoAxeViolations(page, 'the dashboard');

    // The figure opens its 40 answers: newest first, 25 a page, then "Load more".
    await nps.getByRole('button', { name: /^\+25/ }).click();
    const dialog = page.getByRole('dialog', { name: 'NPS answers' });
    await dialog.waitFor();
    const answers = dialog.getByRole('listitem').filter({ has: page.locator('.answer-head') });
    await expect.poll(() => answers.count()).toBe(25);
    expect(await answers.first().innerText()).toContain('Answerer 00');
    await expectNoAxeViolations(page, 'the dashboard with the answers open');
    await dialog.getByRole('button', { name: 'Load more answers' }).click();
    await expect.poll(() => answers.count()).toBe(40);
    const all = await dialog.innerText();
    expect(all).toContain('Answerer 39');
    expect(all).toContain(detractorReason);
    expect(all).not.toContain('Hand Picked');

    // Escape closes it and gives focus back to the number that opened it.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('+25');

    // The detractors' count opens exactly the 10 detractors, by keyboard.
    await nps.getByRole('button', { name: /answers of Detractors/ }).focus();
    await page.keyboard.press('Enter');
    const detractors = page.getByRole('dialog', { name: /Detractors/ });
    await detractors.waitFor();
    await expect
      .poll(() =>
        detractors
          .getByRole('listitem')
          .filter({ has: page.locator('.answer-head') })
          .count(),
      )
      .toBe(10);
    await page.keyboard.press('Escape');
    await detractors.waitFor({ state: 'hidden' });

    // Including hand-picked answers adds the one answered by hand.
    await page.getByRole('checkbox', { name: 'Include hand-picked answers' }).check();
    await page.waitForURL(/hand=true/);
    await expect.poll(async () => nps.locator('.score-facts').innerText()).toMatch(/Answers \(n\)\s+41/);
    await page.context().close();
  });
  it('shows the survey’s own score, trend and latest answers on its page, and fits a 390 px phone', async () => {
    const page = await newPage();
    await signIn(page);
    await page.goto(`${kept!.url}/surveys/${surveyId}`);
    const scores = page.getByRole('region', { name: 'Scores, last 90 days' });
    const card = scores.getByRole('region', { name: 'NPS', exact: true });
    await card.locator('.score-value').waitFor();
    expect(await card.locator('.score-value').innerText()).toContain('+25');
    expect(await card.locator('.score-facts').innerText()).toMatch(/Answers \(n\)\s+40/);
    await expectKeyboardChart(page, card.getByRole('button').last(), /^NPS by week$/, /Week of/);
    const latest = page.getByRole('list', { name: 'The latest 5 answers, newest first' });
    await expect
      .poll(() =>
        latest
          .getByRole('listitem')
          .filter({ has: page.locator('.answer-head') })
          .count(),
      )
      .toBe(5);
    expect(await latest.innerText()).toContain('Answerer 00');
    await page.screenshot({ path: '/tmp/charts-survey.png', fullPage: true });
    await expectNoAxeViolations(page, 'the survey page');
    // "All answers" opens every answer to the survey.
    await page.getByRole('button', { name: /every answer to/ }).click();
    const dialog = page.getByRole('dialog', { name: `Answers to ${surveyName}` });
    await expect
      .poll(() =>
        dialog
          .getByRole('listitem')
          .filter({ has: page.locator('.answer-head') })
          .count(),
      )
      .toBe(25);
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoSidewaysScroll(page, 'the survey page at 390 px');
    await page.screenshot({ path: '/tmp/charts-survey-390.png', fullPage: true });
    await scores.screenshot({ path: '/tmp/charts-survey-scores-390.png' });
    await page.goto(`${kept!.url}/dashboard`);
    await page.getByRole('application', { name: 'NPS by week' }).waitFor();
    // The attribute to break down by is picked from the list of those customers carry.
    await page.getByRole('combobox', { name: 'Customer attribute' }).selectOption('plan');
    await page.getByRole('button', { name: 'Break down' }).click();
    const segments = page.getByRole('table', { name: 'NPS by plan' });
    await segments.waitFor();
    expect(await segments.innerText()).toMatch(/gold[\s\S]*basic|basic[\s\S]*gold/);
    await expectNoSidewaysScroll(page, 'the dashboard at 390 px');
    await page.screenshot({ path: '/tmp/charts-dashboard-390.png', fullPage: true });
    await expectNoAxeViolations(page, 'the dashboard at 390 px');
    await page.context().close();
  });

  it('invites a customer by hand from the survey page: search, choose, send, and the search starts afresh', async () => {
    const page = await newPage();
    await signIn(page);
    await page.goto(`${kept!.url}/surveys/${surveyId}`);
    const hand = page.getByRole('region', { name: 'Invite a customer by hand' });
    await hand.getByRole('button', { name: 'Send hand-picked invitation' }).click();
    expect(await hand.getByText('Search for a customer and choose one').count()).toBe(1);

    await hand.getByRole('searchbox', { name: 'Customer' }).fill('Answerer 07');
    await hand
      .getByRole('list', { name: 'Matching customers' })
      .getByRole('button', { name: /Answerer 07/ })
      .click();
    await hand.getByRole('button', { name: 'Change customer' }).waitFor();
    await hand.getByRole('button', { name: 'Send hand-picked invitation' }).click();
    await hand.getByText('Invitation sent').waitFor();
    expect(await hand.locator('#invitation-url').inputValue()).toMatch(/^https?:\/\/.+\/s\/[^/]+$/);
    // After sending, the picker is empty again: no old search, no old matches.
    expect(await hand.getByRole('searchbox', { name: 'Customer' }).inputValue()).toBe('');
    expect(await hand.getByRole('list', { name: 'Matching customers' }).count()).toBe(0);
    await page.context().close();
  });
});
