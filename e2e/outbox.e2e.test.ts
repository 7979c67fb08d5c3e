// The returned equipment (seed 004), the staff's half: a service is cancelled with nothing owed,
// the return kit goes out and the carrier delivers it back; billing then sends its automatic
// "equipment not received" notice and an invoice through the outbox. A person sees both held with
// their reasons, finds the warehouse's task, cancels the invoice with a note; the warehouse
// records the return and the task closes by itself. A manager edits the guard rules. Runs a real
// `kept start` and a real Chromium; setup goes through the API with a token from the CLI.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectNoAxeViolations, launchChromium, signInThroughApi } from './staff-app.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, startKept, type RunningKept } from './kept-process.ts';

const admin = { email: 'grace@example.com', password: 'correct horse battery', name: 'Grace Hopper' };
const ann = { externalId: 'cus_ann', email: 'ann@example.com', name: 'Ann Example' };
const notice = 'Equipment not received';
const invoice = 'Your invoice for March';
const ago = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

let kept: RunningKept | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let token = '';
let headers: Record<string, string> = {};
const ids = { customer: '', delivered: '', notice: '', invoice: '', noticeRule: '', warehouse: '' };

/** The API as other systems call it: a bearer token. */
async function send(path: string, body: unknown, status: number) {
  const res = await fetch(`${kept!.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(status);
  return (await res.json()) as any;
}

async function get(path: string) {
  const res = await fetch(`${kept!.url}${path}`, { headers });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as any;
}

const event = (type: string, source: string, occurredAt: string, data: Record<string, unknown> = {}) => ({
  type,
  source,
  customer: ann,
  occurredAt,
  data,
});

/** Nothing sticks out sideways: the page fits a phone's width. */
async function expectNoSidewaysScroll(page: Page, what: string) {
  const overflow = await page.evaluate(() => {
    const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document;
    return d.documentElement.scrollWidth - d.documentElement.clientWidth;
  });
  expect(overflow, `${what} scrolls sideways`).toBeLessThanOrEqual(0);
}

async function open(path: string): Promise<Page> {
  const page = await context!.newPage();
  await page.goto(`${kept!.url}${path}`);
  return page;
}

const heldCard = (page: Page, subject: string) => page.getByRole('article', { name: new RegExp(`“${subject}”`) });

describe('the outbox, tasks and guard rules in the staff web app', () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    kept = await startKept();
    await kept.cli(['admin', 'create', '--email', admin.email, '--password', admin.password, '--name', admin.name]);
    token = (await kept.cli(['token', 'create', '--name', 'billing', '--role', 'agent'])).trim();
    headers = await signInThroughApi(kept.url, admin);
    for (const d of [
      { key: 'warehouse', name: 'Warehouse', colour: '#0e7490' },
      { key: 'billing', name: 'Billing', colour: '#b45309' },
    ]) {
      const res = await fetch(`${kept.url}/api/v1/departments`, { method: 'POST', headers, body: JSON.stringify(d) });
      expect(res.status).toBe(201);
      if (d.key === 'warehouse') ids.warehouse = ((await res.json()) as { id: string }).id;
    }

    // The story's timeline: cancelled with nothing owed, the kit shipped, the carrier delivered it back.
    const stored = await send(
      '/api/v1/events',
      {
        events: [
          event('service.cancelled', 'billing', ago(72), { balance: 0, reason: 'end of billing cycle' }),
          event('return_kit.shipped', 'logistics', ago(48), { tracking: 'RK-2041' }),
          event('shipment.delivered', 'carrier', ago(2), { tracking: 'RK-2041', direction: 'return' }),
        ],
      },
      201,
    );
    ids.customer = stored.results[0].customerId;
    ids.delivered = stored.results[2].id;

    // Billing's automatic notices, through the outbox.
    const n = await send(
      '/api/v1/messages',
      {
        customer: { externalId: ann.externalId },
        kind: 'equipment_not_received',
        source: 'billing',
        subject: notice,
        text: 'We have not received your equipment. You will be charged 149 EUR.',
      },
      202,
    );
    const i = await send(
      '/api/v1/messages',
      { customer: { email: ann.email }, kind: 'invoice', source: 'billing', subject: invoice, text: 'Amount due: 29 EUR.' },
      202,
    );
    expect([n.status, i.status]).toEqual(['held', 'held']);
    // Another customer's router was delivered to her (no direction): not a return, so her notice is not held.
    const bo = { externalId: 'cus-bo', email: 'bo@example.com', name: 'Bo Lind' };
    await send('/api/v1/events', { ...event('shipment.delivered', 'carrier', ago(3), { tracking: 'ZX-77' }), customer: bo }, 201);
    const passed = await send(
      '/api/v1/messages',
      {
        customer: { externalId: bo.externalId },
        kind: 'equipment_not_received',
        source: 'billing',
        subject: 'Equipment not received',
        text: 'x',
      },
      202,
    );
    expect(passed.status).toBe('passed');
    ids.notice = n.id;
    ids.invoice = i.id;
    ids.noticeRule = n.ruleId;

    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/Stockholm' });
    const page = await open('/sign-in');
    await page.getByLabel('E-mail').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/dashboard$/);
    await page.close();
  });

  afterAll(async () => {
    await browser?.close();
    await kept?.stop();
  });

  it('shows both held messages first, each led by its reason, with the customer, the rule and the event', async () => {
    const page = await open('/customers');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Outbox 2 held' }).click();
    await page.waitForURL(/\/outbox$/);

    const held = page.getByRole('list', { name: 'Held messages, newest first' });
    await held.waitFor();
    expect(await held.getByRole('article').count()).toBe(2);
    const n = heldCard(page, notice);
    const decision = await n.locator('.message-decision').innerText();
    expect(decision).toMatch(
      /^Held by the rule “No not-received notice after the carrier delivered the return”, because the customer’s timeline shows shipment delivered, from carrier, on \d{1,2} [A-Z][a-z]+ \d{4} at \d\d:\d\d UTC \(see the event on the timeline\)\.$/,
    );
    expect(await heldCard(page, invoice).locator('.message-decision').innerText()).toContain(
      'Held by the rule “No invoice or dunning after a cancellation with zero balance”, because the customer’s timeline shows service cancelled, from billing, on ',
    );
    // The reason is the most prominent text of the card.
    const sizes = await n.evaluate((card) => {
      const size = (sel: string) => parseFloat(getComputedStyle(card.querySelector(sel)!).fontSize);
      return { decision: size('.message-decision'), subject: size('.message-subject') };
    });
    expect(sizes.decision).toBeGreaterThan(sizes.subject);

    expect(await n.getByRole('link', { name: ann.name, exact: true }).getAttribute('href')).toBe(`/customers/${ids.customer}`);
    expect(await n.getByRole('link', { name: 'No not-received notice after the carrier delivered the return' }).getAttribute('href')).toBe(
      `/settings/guard-rules/${ids.noticeRule}`,
    );
    expect(await n.getByRole('link', { name: 'see the event on the timeline' }).getAttribute('href')).toBe(
      `/customers/${ids.customer}?event=${ids.delivered}`,
    );
    expect(await n.innerText()).toContain(ann.email);
    await n.getByRole('link', { name: /^Billing says the return of Ann Example was not received/ }).waitFor();

    // All messages, by status.
    const all = page.getByRole('region', { name: 'All messages' });
    await all.getByRole('button', { name: 'Passed' }).click();
    await page.waitForURL(/status=passed/);
    // Only Bo's notice passed: the delivery to her had no direction, so it was no return.
    await expect.poll(() => all.locator('tbody tr').count()).toBe(1);
    const passedRow = await all.locator('tbody tr').innerText();
    expect(passedRow).toContain('Bo Lind');
    expect(passedRow).toMatch(/Passed/);
    await all.getByRole('button', { name: 'Held' }).click();
    await expect.poll(() => all.locator('tbody tr').count()).toBe(2);
    await page.screenshot({ path: '/tmp/kept-outbox.png', fullPage: true });
    await expectNoAxeViolations(page, 'the outbox');

    // With Outbox and Tasks the navigation still leaves the account (and sign-out) on screen.
    for (const width of [1280, 1600]) {
      await page.setViewportSize({ width, height: 900 });
      const account = await page
        .locator('.account')
        .evaluate((el) => el.getBoundingClientRect().right - document.documentElement.clientWidth);
      expect(account, `the account sticks out at ${width} px`).toBeLessThanOrEqual(0);
      await expectNoSidewaysScroll(page, `the outbox at ${width} px`);
    }

    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoSidewaysScroll(page, 'the outbox on a phone');
    await page.screenshot({ path: '/tmp/kept-outbox-narrow.png', fullPage: true });
    await page.close();
  });

  it('links the reason to the customer’s timeline at the event, where the held messages read as their reasons', async () => {
    const page = await open('/outbox');
    await heldCard(page, notice).getByRole('link', { name: 'see the event on the timeline' }).click();
    await page.waitForURL(new RegExp(`/customers/${ids.customer}\\?event=${ids.delivered}$`));
    const delivered = page.getByRole('article', { name: 'Shipment delivered' });
    await delivered.waitFor();
    expect(await delivered.getAttribute('aria-current')).toBe('true');
    await expect.poll(() => delivered.evaluate((el) => el === document.activeElement)).toBe(true);

    const heldNotice = page.getByRole('article', { name: 'Message held' }).filter({ hasText: notice });
    const text = await heldNotice.innerText();
    expect(text).toContain(
      'Held by the rule “No not-received notice after the carrier delivered the return”, because the customer’s timeline shows shipment delivered, from carrier',
    );
    expect(await heldNotice.getByRole('link', { name: 'Open in the outbox' }).getAttribute('href')).toBe(`/outbox/${ids.notice}`);
    await page.screenshot({ path: '/tmp/kept-outbox-timeline.png', fullPage: true });
    await expectNoAxeViolations(page, 'the customer page at an event');
    await page.close();
  });

  it('lists the warehouse’s task, by department, with the held message it came from', async () => {
    const page = await open('/tasks');
    const open_ = page.getByRole('list', { name: 'Open tasks' });
    await open_.waitFor();
    expect(await open_.getByRole('article').count()).toBe(2);
    await page.getByLabel('Department').selectOption({ label: 'Warehouse' });
    await page.waitForURL(new RegExp(`department=${ids.warehouse}`));
    await expect.poll(() => open_.getByRole('article').count()).toBe(1);
    const task = open_.getByRole('article', { name: /^Billing says the return of Ann Example was not received/ });
    const text = await task.innerText();
    expect(text).toContain('Warehouse');
    expect(text).toContain('shipment delivered, from carrier');
    expect(await task.getByRole('link', { name: ann.name, exact: true }).getAttribute('href')).toBe(`/customers/${ids.customer}`);
    const from = task.getByRole('link', { name: `“${notice}”` });
    expect(await from.getAttribute('href')).toBe(`/outbox/${ids.notice}`);
    await page.screenshot({ path: '/tmp/kept-tasks.png', fullPage: true });
    await expectNoAxeViolations(page, 'the tasks page');
    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoSidewaysScroll(page, 'the tasks page on a phone');
    await page.setViewportSize({ width: 1280, height: 900 });

    // Its held message opens on a page of its own.
    await from.click();
    await page.waitForURL(new RegExp(`/outbox/${ids.notice}$`));
    await page.getByRole('heading', { level: 2, name: new RegExp(notice) }).waitFor();
    await page.screenshot({ path: '/tmp/kept-outbox-message.png', fullPage: true });
    await expectNoAxeViolations(page, 'a message’s page');
    await page.close();
  });

  it('cancels the invoice with a note after a confirmation that says what will happen', async () => {
    const page = await open('/outbox');
    // Releasing says where the message would go; keeping it held changes nothing.
    await heldCard(page, notice)
      .getByRole('button', { name: `Release “${notice}”` })
      .click();
    const release = page.getByRole('dialog', { name: `Release “${notice}”?` });
    expect(await release.innerText()).toContain(`This sends “${notice}” to ${ann.email}`);
    await release.getByRole('button', { name: 'Keep it held' }).click();
    await release.waitFor({ state: 'hidden' });

    await heldCard(page, invoice)
      .getByRole('button', { name: `Cancel “${invoice}”` })
      .click();
    const dialog = page.getByRole('dialog', { name: `Cancel “${invoice}”?` });
    expect(await dialog.innerText()).toContain(`“${invoice}” will never be sent to ${ann.email}`);
    await expectNoAxeViolations(page, 'the cancel dialog');
    await page.screenshot({ path: '/tmp/kept-outbox-cancel.png' });
    await dialog.getByLabel('Note (optional)').fill('Cancelled with nothing owed: no invoice after the end of the cycle');
    await dialog.getByRole('button', { name: 'Cancel the message' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Cancelled “${invoice}”: it will not be sent.` })
      .waitFor();
    await heldCard(page, invoice).waitFor({ state: 'detached' });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Outbox 1 held' }).waitFor();

    const m = await get(`/api/v1/messages/${ids.invoice}`);
    expect(m).toMatchObject({
      status: 'cancelled',
      decidedBy: { name: admin.name },
      decidedNote: 'Cancelled with nothing owed: no invoice after the end of the cycle',
      mailId: null,
    });
    const row = page.getByRole('region', { name: 'All messages' }).getByRole('row', { name: new RegExp(invoice) });
    expect(await row.innerText()).toContain('Cancelled');
    await page.close();
  });

  it('closes the warehouse’s task by itself when the return is received, and shows the event that closed it', async () => {
    await send('/api/v1/events', event('return.received', 'warehouse', new Date().toISOString(), { serial: 'X-9' }), 201);
    await expect
      .poll(async () => (await get(`/api/v1/messages/${ids.notice}`)).status, { timeout: 15_000, interval: 500 })
      .toBe('cancelled');

    const page = await open('/tasks?status=done');
    const done = page.getByRole('list', { name: 'Done tasks' });
    await done.waitFor();
    const task = done.getByRole('article', { name: /^Billing says the return of Ann Example was not received/ });
    const text = await task.innerText();
    expect(text).toContain('Resolved by an event');
    expect(text).toContain('Resolved: return.received from warehouse');
    const received = (await get(`/api/v1/customers/${ids.customer}/timeline?type=return.received`)).items[0];
    expect(await task.locator('.task-closed').getByRole('link', { name: 'see the event on the timeline' }).getAttribute('href')).toBe(
      `/customers/${ids.customer}?event=${received.id}`,
    );
    await page.screenshot({ path: '/tmp/kept-tasks-done.png', fullPage: true });
    await expectNoAxeViolations(page, 'done tasks');

    await page.getByRole('link', { name: /^Outbox/ }).click();
    await page.getByRole('heading', { name: 'Nothing is held' }).waitFor();
    expect(await page.getByText('No message contradicted a customer’s timeline').count()).toBe(1);
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Outbox', exact: true }).count()).toBe(1);
    await page.close();
  });

  it('refuses a broken guard rule with its problems listed by JSON path, then saves the fixed one', async () => {
    const page = await open('/settings/surveys');
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Guard rules' }).click();
    const list = page.getByRole('list', { name: 'Guard rules in the order they are checked' });
    await list.waitFor();
    const names = await list.locator('.rule-name a').allInnerTexts();
    expect(names).toEqual([
      'No not-received notice after the carrier delivered the return',
      'No not-received notice after the warehouse received the return',
      'No invoice or dunning after a cancellation with zero balance',
      'No survey invitation while the customer has an open case',
      'No marketing to a customer who complained in the last 30 days',
    ]);
    expect(await list.getByText('Built-in').count()).toBe(5);
    await page.screenshot({ path: '/tmp/kept-guard-rules.png', fullPage: true });
    await expectNoAxeViolations(page, 'the guard rules');

    // Turning one off is saved at once.
    const marketing = page.getByRole('switch', { name: /No marketing to a customer/ });
    await marketing.click();
    await expect
      .poll(
        async () =>
          (await get('/api/v1/guard-rules')).items.find((r: { builtIn: string }) => r.builtIn === 'no-marketing-after-complaint').enabled,
      )
      .toBe(false);
    await expect.poll(() => marketing.isChecked()).toBe(false);

    await page.getByRole('link', { name: 'New rule' }).click();
    await page.waitForURL(/\/settings\/guard-rules\/new$/);
    await page.getByLabel('Name').fill('No visit fee after we missed the visit');
    const json = page.getByLabel('The rule, as JSON');
    expect(await json.evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/mono/i);
    const broken = {
      messageKinds: ['visit_fee'],
      heldWhen: { eventTypes: ['visit.missed'], where: [{ path: 'late', op: 'gte', value: 'lots' }], withinDays: 0 },
      action: 'hold',
    };
    await json.fill(JSON.stringify(broken, null, 2));
    await page.getByRole('button', { name: 'Add rule' }).click();
    const problems = page.getByRole('alert').filter({ hasText: 'The rule was not saved' });
    await problems.waitFor();
    const listed = await problems.getByRole('listitem').allInnerTexts();
    expect(listed.some((p) => p.startsWith('heldWhen.withinDays'))).toBe(true);
    await page.screenshot({ path: '/tmp/kept-guard-rule-problems.png', fullPage: true });
    await expectNoAxeViolations(page, 'a refused rule');
    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoSidewaysScroll(page, 'the rule editor on a phone');
    await page.screenshot({ path: '/tmp/kept-guard-rule-narrow.png', fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    // Choosing a problem selects it in the JSON.
    await problems.getByRole('button', { name: /^heldWhen\.withinDays/ }).click();
    const selected = () =>
      json.evaluate((el) => {
        const t = el as HTMLTextAreaElement;
        return { text: t.value.slice(t.selectionStart, t.selectionEnd), focused: t === document.activeElement };
      });
    expect(await selected()).toEqual({ text: '0', focused: true });

    // The window through the form's field; then the condition, which passes the shape check but
    // not its meaning (gte needs a number or a date), through the JSON.
    await page.getByLabel('Within days').fill('14');
    expect(JSON.parse(await json.inputValue()).heldWhen.withinDays).toBe(14);
    await page.getByRole('button', { name: 'Add rule' }).click();
    await problems.waitFor();
    expect(await problems.getByRole('listitem').allInnerTexts()).toEqual([
      expect.stringMatching(/^heldWhen\.where\[0\]\.value: .+\(line \d+\)$/),
    ]);
    await problems.getByRole('button', { name: /^heldWhen\.where\[0\]\.value/ }).click();
    expect((await selected()).text).toBe('"lots"');

    const fixed = JSON.parse(await json.inputValue());
    fixed.heldWhen.where = [{ path: 'late', op: 'eq', value: true }];
    await json.fill(JSON.stringify(fixed, null, 2));
    await page.getByLabel('Task department').fill('Warehouse');
    await page.getByLabel('Task title').fill('Visit fee for {customerName}');
    await page.getByRole('button', { name: 'Add rule' }).click();
    await page.waitForURL(/\/settings\/guard-rules\/[0-9a-f-]{36}\?created=1$/);
    await page.getByRole('status').filter({ hasText: 'Rule added' }).waitFor();

    const rules = (await get('/api/v1/guard-rules')).items;
    const made = rules.find((r: { name: string }) => r.name === 'No visit fee after we missed the visit');
    expect(made).toMatchObject({
      enabled: true,
      builtIn: null,
      rule: {
        messageKinds: ['visit_fee'],
        heldWhen: { eventTypes: ['visit.missed'], where: [{ path: 'late', op: 'eq', value: true }], withinDays: 14 },
        task: { department: 'Warehouse', title: 'Visit fee for {customerName}' },
      },
    });
    expect(page.url()).toContain(made.id);
    await page.getByRole('heading', { level: 1, name: made.name }).waitFor();
    expect(await page.getByText('Checked 6th of the workspace’s rules').count()).toBe(1);

    // Deleting asks first.
    await page.getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByRole('dialog', { name: `Delete “${made.name}”?` });
    await confirm.getByRole('button', { name: 'Delete rule' }).click();
    await page.waitForURL(/\/settings\/guard-rules\?deleted=1$/);
    await page.getByRole('status').filter({ hasText: 'The rule is deleted' }).waitFor();
    expect((await get('/api/v1/guard-rules')).items.map((r: { id: string }) => r.id)).not.toContain(made.id);
    await page.close();
  });
});
