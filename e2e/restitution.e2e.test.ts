// The customer chooses the restitution (seed 000), in a real Chromium: a manager offers two
// restitutions from the case page, the customer picks one on her case page (no script: the page
// works without JavaScript), the case and the timeline show the pick, and a second pick (from a
// tab she left open) is refused with a page that says what she chose.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, startKept, type RunningKept } from './kept-process.ts';
import { apiWithToken, expectNoAxeViolations, hoursAgo, launchChromium, newPage, signIn } from './staff-app.ts';

const admin = { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada Lovelace' };
const soon = { timeout: 15_000 };

let kept: RunningKept | undefined;
let browser: Browser | undefined;
let call: ReturnType<typeof apiWithToken>;
let caseId = '';
let customerId = '';
let customerUrl = '';

const company = 'Lindqvist & Ørsted Salon';

/** A page the customer reads speaks as the company: its name there, "Kept" nowhere (text, title, markup). */
async function expectCompanyVoice(page: Page, what: string) {
  expect(await page.locator('body').textContent(), `${what}: names the company`).toContain(company);
  expect(await page.title(), `${what}: title says Kept`).not.toMatch(/\bKept\b/);
  expect(await page.content(), `${what}: markup says Kept`).not.toMatch(/\bKept\b/);
}

/** The customer's browser: no staff session, and JavaScript off, as the page must work without it. */
async function customerPage(): Promise<Page> {
  const context = await browser!.newContext({ javaScriptEnabled: false, locale: 'en-GB', viewport: { width: 390, height: 844 } });
  return context.newPage();
}

describe('the customer chooses the restitution', () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    kept = await startKept();
    await kept.cli(['admin', 'create', '--email', admin.email, '--password', admin.password, '--name', admin.name, '--company', company]);
    const token = (await kept.cli(['token', 'create', '--name', 'e2e', '--role', 'admin'])).trim();
    call = apiWithToken(kept.url, token);
    const r = await call<{ case: { id: string; customerId: string } }>(
      'POST',
      '/api/v1/cases',
      {
        customer: { externalId: 'cus_marta', name: 'Marta Lindqvist', email: 'marta@example.com' },
        summary: 'Conditioner jar filled with henna',
        occurredAt: hoursAgo(3),
      },
      201,
    );
    caseId = r.case.id;
    customerId = r.case.customerId;
    for (const step of [
      { step: 'acknowledge' },
      { step: 'apologise', message: 'We filled your conditioner jar with henna. That was our mistake, and I am sorry.' },
      { step: 'investigate', rootCause: 'Batch B-42 was filled from the wrong tank' },
      { step: 'fix', note: 'A new jar from batch B-43 is on its way' },
    ]) {
      await call('POST', `/api/v1/cases/${caseId}/steps`, step, 201);
    }
    customerUrl = (await call<{ customerUrl: string }>('GET', `/api/v1/cases/${caseId}`)).customerUrl;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await kept?.stop();
  });

  it('a manager offers two restitutions from the case page', async () => {
    const page = await newPage(browser!);
    await signIn(page, kept!.url, admin);
    await page.goto(`${kept!.url}/cases/${caseId}`);
    const section = page.getByRole('region', { name: 'The customer chooses' });
    await expect.poll(() => section.getByText('No restitution offered yet').isVisible(), soon).toBe(true);
    await section.getByRole('button', { name: 'Offer restitution' }).click();

    // A negative cost is named under its field, and nothing is sent.
    const first = section.getByRole('group', { name: 'Option 1' });
    await first.getByLabel('What the customer gets').fill('A full refund of the jar');
    await first.getByLabel('Cost').fill('-18.50');
    await section.getByRole('button', { name: 'Send the offer' }).click();
    await expect.poll(() => first.getByText('Cannot be negative', { exact: false }).isVisible(), soon).toBe(true);
    await first.getByLabel('Cost').fill('18,50');

    await section.getByRole('button', { name: 'Add an option' }).click();
    const second = section.getByRole('group', { name: 'Option 2' });
    await second.getByLabel('What the customer gets').fill('A new jar and a voucher for a cut and colour at her own hairdresser');
    await second.getByLabel('Cost').fill('60');
    await second.getByLabel('A wow', { exact: false }).check();
    await section.getByLabel('Currency').fill('EUR');
    await section.getByLabel('A few words to the customer (optional)').fill('Marta, you choose how we make this right.');
    await section.getByRole('button', { name: 'Send the offer' }).click();

    await expect.poll(() => section.getByText('Waiting for the customer').isVisible(), soon).toBe(true);
    await expect.poll(() => section.getByText('wow', { exact: true }).isVisible(), soon).toBe(true);
    await expectNoAxeViolations(page, 'the case page with an open restitution offer');
    await page.context().close();
  });

  it('the customer picks one on her case page; a second pick from another tab is refused', async () => {
    const tab = await customerPage();
    const otherTab = await customerPage();
    await tab.goto(customerUrl);
    await otherTab.goto(customerUrl);
    await expect(tab.getByRole('heading', { name: 'What would make it right?' }).isVisible()).resolves.toBe(true);
    expect(await tab.locator('main').textContent()).not.toMatch(/€|EUR|60\.00/);
    await expectNoAxeViolationsWithoutScript(tab);
    await expectCompanyVoice(tab, 'the offers on the case page');

    const options = tab.locator('ul.offers li');
    expect(await options.count()).toBe(2);
    await options.nth(1).getByRole('button', { name: 'Choose this' }).click();
    await tab.waitForURL(/answered=1/);
    expect(await tab.getByRole('status').first().textContent()).toContain('we have your answer');
    const body = (await tab.locator('main').textContent()) ?? '';
    expect(body).toContain('You chose: A new jar and a voucher for a cut and colour at her own hairdresser.');
    expect(body).toContain('To make it right: A new jar and a voucher for a cut and colour at her own hairdresser.');
    expect(await tab.getByRole('button', { name: 'Choose this' }).count()).toBe(0);
    await expectCompanyVoice(tab, 'the case page after the choice');

    // The other tab still shows the offer; choosing there is refused, saying what she chose.
    await otherTab.locator('ul.offers li').nth(0).getByRole('button', { name: 'Choose this' }).click();
    await otherTab.waitForLoadState();
    expect(await otherTab.getByRole('heading', { level: 1 }).textContent()).toBe('You have already answered');
    expect(await otherTab.locator('main').textContent()).toContain('You chose “A new jar and a voucher');
    await expectCompanyVoice(otherTab, 'the refused second pick');
    await otherTab.getByRole('link', { name: /Back to your case/ }).click();
    expect(await otherTab.locator('main').textContent()).toContain('You chose: A new jar');
    await tab.context().close();
    await otherTab.context().close();
  });

  it('the case and the timeline show the pick', async () => {
    const page = await newPage(browser!);
    await signIn(page, kept!.url, admin);
    await page.goto(`${kept!.url}/cases/${caseId}`);
    const section = page.getByRole('region', { name: 'The customer chooses' });
    await expect.poll(() => section.getByText('The customer chose').isVisible(), soon).toBe(true);
    expect(await section.getByText('chosen by the customer').isVisible()).toBe(true);
    expect(await section.getByRole('button', { name: 'Offer restitution' }).count()).toBe(0);
    const playbook = (await page.getByRole('region', { name: 'Playbook' }).textContent()) ?? '';
    expect(playbook).toContain('A new jar and a voucher for a cut and colour');
    expect(playbook).toMatch(/€\s?60\.00|60\.00\s?€/);

    await page.goto(`${kept!.url}/customers/${customerId}`);
    await expect.poll(() => page.locator('h3.event-type', { hasText: 'Case restitution chosen' }).count(), soon).toBe(1);
    expect(await page.locator('h3.event-type', { hasText: 'Case restitution offered' }).count()).toBe(1);
    await page.context().close();

    const detail = await call<{
      restitutionOffers: { status: string; chosenOption: number }[];
      playbook: { step: string; status: string; cost: { amount: number } | null }[];
    }>('GET', `/api/v1/cases/${caseId}`);
    expect(detail.restitutionOffers).toEqual([expect.objectContaining({ status: 'chosen', chosenOption: 1 })]);
    expect(detail.playbook.find((s) => s.step === 'restitution')).toMatchObject({ status: 'done', cost: { amount: 60 } });
  });
});

/** axe needs a script: run it in a second context with JavaScript on, on the same page. */
async function expectNoAxeViolationsWithoutScript(p: Page): Promise<void> {
  const page = await newPage(browser!);
  await page.goto(p.url());
  await expectNoAxeViolations(page, 'the customer’s case page with restitution options');
  await page.context().close();
}
