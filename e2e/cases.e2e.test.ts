// Recovery in the staff web app: the inbox puts the case closest to its target first and the
// keyboard opens one; a case is worked through its playbook (acknowledge, an apology from a
// template, …, follow-up) with a step refused out of order and a close refused while required
// steps are missing; a cause finds every customer it touched and contacts them all.
// Runs a real `kept start` and Debian's Chromium; data is set up through the API with a token.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, startKept, type RunningKept } from './kept-process.ts';
import { apiWithToken, expectNoAxeViolations, hoursAgo, launchChromium, newPage, signIn } from './staff-app.ts';

const admin = { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada Lovelace' };
const people = [
  { externalId: 'cus_marta', name: 'Marta Lindqvist', email: 'marta@example.com', batch: 'B-42' },
  { externalId: 'cus_jonas', name: 'Jonas Berg', email: 'jonas@example.com', batch: 'B-42' },
  { externalId: 'cus_priya', name: 'Priya Raman', email: 'priya@example.com', batch: 'B-42' },
  { externalId: 'cus_ola', name: 'Ola Nordmann', email: 'ola@example.com', batch: 'B-43' },
];
// Oopses 30, 20 and 3 hours ago against the 24-hour target: overdue, 4 hours left, 21 hours left.
const oopses = [
  { who: 'Marta Lindqvist', summary: 'Conditioner jar filled with henna', hours: 20 },
  { who: 'Jonas Berg', summary: 'Parcel arrived two weeks late', hours: 30 },
  { who: 'Priya Raman', summary: 'Charged twice for one order', hours: 3 },
];

interface CaseRef {
  id: string;
  number: number;
  title: string;
}

let kept: RunningKept | undefined;
let browser: Browser | undefined;
let call: ReturnType<typeof apiWithToken>;
const cases: Record<string, CaseRef> = {};

/** How long a page may take to show what the server did, on a busy machine. */
const soon = { timeout: 15_000 };

/** True when nothing on the page is wider than the window (no sideways scrolling). */
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('recovery in the staff web app', () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    kept = await startKept();
    await kept.cli(['admin', 'create', '--email', admin.email, '--password', admin.password, '--name', admin.name]);
    const token = (await kept.cli(['token', 'create', '--name', 'e2e', '--role', 'admin'])).trim();
    call = apiWithToken(kept.url, token);

    await call('POST', '/api/v1/events', {
      events: people.map((p, i) => ({
        type: 'order.placed',
        source: 'shop',
        customer: { externalId: p.externalId, name: p.name, email: p.email },
        occurredAt: hoursAgo(72 - i),
        data: { batch: p.batch, total: 24.5 },
      })),
    });
    const { items: customers } = await call<{ items: { id: string; name: string }[] }>('GET', '/api/v1/customers?limit=50');
    for (const o of oopses) {
      const customerId = customers.find((c) => c.name === o.who)!.id;
      const r = await call<{ case: CaseRef }>(
        'POST',
        '/api/v1/cases',
        { customerId, summary: o.summary, occurredAt: hoursAgo(o.hours) },
        201,
      );
      cases[o.who] = r.case;
    }
    await call('POST', '/api/v1/surveys', { kind: 'csat', name: 'After your case' }, 201);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await kept?.stop();
  });

  it('lists open cases by time left with their clocks, and the keyboard moves through them and opens one', async () => {
    const page = await newPage(browser!);
    await signIn(page, kept!.url, admin);
    await page.getByRole('link', { name: 'Cases', exact: true }).click();
    await page.waitForURL(/\/cases$/);
    const list = page.getByRole('list', { name: 'Open cases, soonest due first' });
    await list.waitFor();

    // Soonest due first: Jonas's (overdue), Marta's, Priya's.
    const rows = list.getByRole('listitem');
    expect(await rows.count()).toBe(3);
    const links = list.locator('.case-row-link');
    expect(await links.allInnerTexts()).toEqual([
      `#${cases['Jonas Berg']!.number} Parcel arrived two weeks late`,
      `#${cases['Marta Lindqvist']!.number} Conditioner jar filled with henna`,
      `#${cases['Priya Raman']!.number} Charged twice for one order`,
    ]);
    expect(await rows.nth(0).innerText()).toMatch(/Overdue by 6 h/);
    expect(await rows.nth(1).innerText()).toMatch(/3 h 5\d min left|4 h left/);
    expect(await rows.nth(2).innerText()).toMatch(/20 h 5\d min left|21 h left/);
    expect(await rows.nth(1).innerText()).toContain('Marta Lindqvist');
    expect(await rows.nth(1).innerText()).toContain('Next: Acknowledge');
    expect(await page.getByText('Keyboard').count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page, 'the inbox');
    await page.screenshot({ path: '/tmp/kept-inbox.png', fullPage: true });

    // j / k move the selection (and focus), the arrows too, / goes to the filters, Enter opens the selected case.
    const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    await page.getByRole('heading', { level: 1, name: 'Cases' }).click(); // focus on nothing in particular
    await page.keyboard.press('j');
    expect(await focused()).toContain('Parcel arrived two weeks late');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    expect(await focused()).toContain('Charged twice');
    await page.keyboard.press('k');
    expect(await focused()).toContain('Conditioner jar');
    expect(await rows.nth(1).getAttribute('class')).toContain('is-selected');
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toContain('Parcel arrived');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toContain('Conditioner jar');
    await page.keyboard.press('/');
    expect(await focused()).toBe('Open');
    await page.getByRole('heading', { level: 1, name: 'Cases' }).click(); // focus on nothing in particular
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/cases/${cases['Marta Lindqvist']!.id}$`));
    await page.getByRole('heading', { level: 1, name: /Conditioner jar filled with henna/ }).waitFor();

    // The filters live in the URL; closed cases have their own empty state.
    await page.goBack();
    await page.getByRole('button', { name: 'Closed', exact: true }).click();
    await page.waitForURL(/\/cases\?status=closed$/);
    await page.getByRole('heading', { name: 'No closed cases yet' }).waitFor();
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('navigation', { name: 'Whose cases' }).getByRole('link', { name: /^Mine/ }).click();
    await page.waitForURL(/\/cases\?owner=mine$/);
    // Every case gets an owner when it opens (issue 17): here the one admin owns them all, so Mine lists them.
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    expect(await page.getByRole('heading', { name: 'No cases match these filters' }).count()).toBe(0);

    // A narrow window stacks each row instead of scrolling sideways.
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await list.waitFor();
    await page.setViewportSize({ width: 390, height: 800 });
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({ path: '/tmp/kept-inbox-narrow.png', fullPage: true });
    await page.context().close();
  });

  it('reports an oops by hand: the clock starts when it happened', async () => {
    const page = await newPage(browser!);
    await signIn(page, kept!.url, admin);
    await page.goto(`${kept!.url}/cases`);
    await page.getByRole('button', { name: 'Report an oops' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Report an oops' });
    await dialog.getByRole('button', { name: 'Report oops' }).click();
    expect(await dialog.getByRole('searchbox', { name: 'Customer' }).getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.innerText()).toContain('Say in a sentence what went wrong');
    await expectNoAxeViolations(page, 'the report form with errors');

    await dialog.getByRole('searchbox', { name: 'Customer' }).fill('Nordmann');
    await dialog.getByRole('button', { name: /Ola Nordmann/ }).click();
    await dialog.getByRole('textbox', { name: 'What went wrong' }).fill('Invoice sent after the cancellation');
    // Escape with a typed draft asks first; "Keep editing" keeps every word.
    await page.keyboard.press('Escape');
    const ask = dialog.getByRole('alert').filter({ hasText: 'Discard what you typed?' });
    await ask.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Keep editing');
    await expectNoAxeViolations(page, 'the report form asking before it discards a draft');
    await ask.getByRole('button', { name: 'Keep editing' }).click();
    expect(await dialog.isVisible()).toBe(true);
    expect(await dialog.getByRole('textbox', { name: 'What went wrong' }).inputValue()).toBe('Invoice sent after the cancellation');
    const twoHoursAgo = await page.evaluate(() => {
      const d = new Date(Date.now() - 2 * 3_600_000);
      const p = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
    });
    await dialog.getByLabel('When it happened').fill(twoHoursAgo);
    await dialog.getByRole('combobox', { name: 'Severity' }).selectOption('high');
    await dialog.getByRole('button', { name: 'Report oops' }).click();
    await page.getByRole('heading', { level: 1, name: /Invoice sent after the cancellation/ }).waitFor();
    const clock = page.getByRole('region', { name: /left$/ });
    expect(await clock.innerText()).toMatch(/2[12] h( \d+ min)? left/);
    expect(await clock.innerText()).toContain('The clock started at the oops');
    await page.context().close();
  });

  it('takes a case through its playbook: in order, from a template, refusing what is out of order, closing once complete', async () => {
    const marta = cases['Marta Lindqvist']!;
    const page = await newPage(browser!);
    await signIn(page, kept!.url, admin);
    await page.goto(`${kept!.url}/cases/${marta.id}`);
    await page.getByRole('heading', { level: 1, name: /Conditioner jar filled with henna/ }).waitFor();
    const step = (title: RegExp) => page.getByRole('region', { name: title });
    const acknowledge = step(/Acknowledge and take responsibility/);
    const apologise = step(/^Step 2: Apologise$/);
    const investigate = step(/Investigate the root cause/);
    const fix = step(/^Step 4: Fix$/);

    // The clock says where it started; the required steps are named before closing.
    expect(await page.getByRole('region', { name: /left$/ }).innerText()).toContain('The clock started at the oops');
    expect(await page.locator('.close-hint').innerText()).toBe('Required first: Acknowledge, Apologise, Fix, Follow up');
    expect(await apologise.innerText()).toContain('Do or skip Acknowledge first.');
    await expectNoAxeViolations(page, 'a new case');
    await page.screenshot({ path: '/tmp/kept-case-new.png', fullPage: true });

    // Closing now is refused by Kept, and the dialog lists what is missing.
    await page.getByRole('button', { name: 'Close case…' }).click();
    const closeDialog = page.getByRole('dialog', { name: `Close case #${marta.number}?` });
    await closeDialog.getByRole('button', { name: 'Close case', exact: true }).click();
    const refusal = closeDialog.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.locator('li').allInnerTexts()).toEqual(['Acknowledge and take responsibility', 'Apologise', 'Fix', 'Follow up']);
    await expectNoAxeViolations(page, 'the close dialog refused');
    await closeDialog.getByRole('button', { name: 'Cancel' }).click();

    // 1. Acknowledge, with a first message to the customer.
    await acknowledge
      .getByLabel('Message to the customer (optional)')
      .fill('Marta, we have your message about the jar and it is ours to fix.');
    await acknowledge.getByRole('button', { name: 'Acknowledge', exact: true }).click();
    await expect.poll(() => acknowledge.innerText(), soon).toContain(`Done by ${admin.name}`);
    // Focus moves on to the next step, not the page body.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent), soon).toBe('Step 2: Apologise');

    // 2. Apologise: a non-apology is refused next to the field; a template fills in the customer.
    const apology = apologise.getByRole('textbox', { name: 'Apology' });
    await apology.fill('We apologise for any inconvenience.');
    await apologise.getByRole('button', { name: 'Send the apology' }).click();
    await expect.poll(() => apology.getAttribute('aria-invalid'), soon).toBe('true');
    expect(await apologise.locator('.field-error').innerText()).toContain('owns the mistake');
    await apologise.getByRole('combobox', { name: 'Start from a template' }).selectOption({ label: 'We got it wrong' });
    const filled = await apology.inputValue();
    expect(filled).toContain('Dear Marta Lindqvist');
    expect(filled).toContain(`We got this wrong: Conditioner jar filled with henna`);
    expect(filled).toContain(`case (#${marta.number})`);
    expect(filled).toContain(admin.name);
    await apology.fill(filled.replace('and I am sorry.', 'and I am sorry. The batch was mixed up at our plant.'));
    await apologise.getByRole('button', { name: 'Send the apology' }).click();
    await expect.poll(() => apologise.innerText(), soon).toContain(`Done by ${admin.name}`);
    const thread = page.getByRole('list', { name: 'Messages, oldest first' });
    expect(await thread.innerText()).toContain('The batch was mixed up at our plant.');

    // A page that believes "investigate" is done (another tab, a stale copy) offers the fix;
    // Kept refuses it out of order, the card says why, and the page reloads the real state.
    await page.route(
      `${kept!.url}/api/v1/cases/${marta.id}`,
      async (route) => {
        const real = await route.fetch();
        const detail = (await real.json()) as { nextStep: string; playbook: { step: string; status: string; at: string | null }[] };
        const stale = {
          ...detail,
          nextStep: 'fix',
          playbook: detail.playbook.map((s) => (s.step === 'investigate' ? { ...s, status: 'done', at: new Date().toISOString() } : s)),
        };
        await route.fulfill({ response: real, json: stale });
      },
      { times: 1 },
    );
    await page.reload();
    await fix.getByRole('textbox', { name: 'What was done' }).fill('Sent a new jar from batch B-43.');
    await fix.getByRole('button', { name: 'Record the fix' }).click();
    const outOfOrder = fix.getByRole('alert');
    await outOfOrder.waitFor();
    expect(await outOfOrder.innerText()).toContain('comes after “investigate”');
    expect(await outOfOrder.innerText()).toContain('Do or skip Investigate first');
    await expect.poll(() => investigate.innerText(), soon).toContain('Next step');
    await page.screenshot({ path: '/tmp/kept-case-refused.png', fullPage: true });

    // 3–7: investigate, fix, skip "ask" with a reason, restitution with its cost, the follow-up.
    await investigate.getByRole('textbox', { name: 'Root cause' }).fill('The filling line mixed henna into batch B-42.');
    await investigate.getByRole('button', { name: 'Record the root cause' }).click();
    await expect.poll(() => investigate.innerText(), soon).toContain(`Done by ${admin.name}`);
    await fix.getByRole('textbox', { name: 'What was done' }).fill('Sent a new jar from batch B-43.');
    await fix.getByRole('button', { name: 'Record the fix' }).click();
    await expect.poll(() => fix.innerText(), soon).toContain(`Done by ${admin.name}`);
    await expect.poll(() => page.locator('.clock-panel-title').innerText(), soon).toMatch(/^Recovered in/);

    const ask = step(/Ask what would make it right/);
    await ask.getByRole('button', { name: /Skip this step/ }).click();
    await ask.getByRole('textbox', { name: /Why skip/ }).fill('She told us on the phone: a new jar is all she wants.');
    await ask.getByRole('button', { name: 'Skip step' }).click();
    await expect.poll(() => ask.innerText(), soon).toContain('Skipped by');

    const restitution = step(/Restitution and a wow/);
    await restitution.getByRole('textbox', { name: 'What the customer gets' }).fill('A new jar, sent express');
    await restitution.getByRole('textbox', { name: 'The wow (optional)' }).fill('A hand-written card and a travel-size bottle');
    await restitution.getByRole('textbox', { name: 'Cost' }).fill('18.50');
    await restitution.getByRole('textbox', { name: 'Currency' }).fill('EUR');
    await restitution.getByRole('button', { name: 'Record the restitution' }).click();
    await expect.poll(() => restitution.innerText(), soon).toContain('€18.50');
    expect(await restitution.innerText()).toMatch(new RegExp(`Approved by\\s+${admin.name}`));

    const followUp = step(/^Step 7: Follow up$/);
    await followUp.getByRole('combobox', { name: 'Survey' }).selectOption({ label: 'After your case (CSAT)' });
    await followUp.getByRole('radio', { name: 'A link you pass on' }).check();
    await followUp.getByRole('button', { name: 'Schedule the follow-up' }).click();
    await expect.poll(() => followUp.innerText(), soon).toContain(`Done by ${admin.name}`);
    expect(await followUp.getByRole('textbox', { name: 'Answer link for the follow-up survey' }).inputValue()).toMatch(/^http/);
    await expectNoAxeViolations(page, 'a case with every step taken');

    // Every required step is done or skipped: the case closes.
    await page.getByRole('button', { name: 'Close case…' }).click();
    await closeDialog.getByRole('textbox', { name: 'Note (optional)' }).fill('Marta is happy with the new jar.');
    await closeDialog.getByRole('button', { name: 'Close case', exact: true }).click();
    await expect.poll(() => page.locator('.closed-note').innerText(), soon).toContain(`Closed by ${admin.name}`);
    await page.screenshot({ path: '/tmp/kept-case-closed.png', fullPage: true });

    await page.setViewportSize({ width: 390, height: 800 });
    expect(await fitsWidth(page)).toBe(true);
    await page.context().close();
  });

  it('changes the recovery settings, with problems shown beside their fields', async () => {
    const page = await newPage(browser!);
    await signIn(page, kept!.url, admin);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Recovery', exact: true }).click();
    await page.waitForURL(/\/settings\/recovery$/);
    await page.getByRole('radio', { name: 'Business hours only' }).check();
    const zone = page.getByRole('combobox', { name: 'Time zone' });
    await zone.fill('Mars/Olympus_Mons');
    await page.getByRole('textbox', { name: 'Opens' }).fill('17:00');
    await page.getByRole('textbox', { name: 'Closes' }).fill('09:00');
    await page.getByRole('button', { name: 'Save settings' }).click();
    const closes = page.getByRole('textbox', { name: 'Closes' });
    await expect.poll(() => closes.getAttribute('aria-invalid'), soon).toBe('true');
    expect(await page.locator('.field-invalid').filter({ has: closes }).innerText()).toContain('later than the opening time');

    // The browser cannot know every time zone Kept accepts: the server's problem lands on the field.
    await page.getByRole('textbox', { name: 'Opens' }).fill('08:30');
    await closes.fill('17:00');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => zone.getAttribute('aria-invalid'), soon).toBe('true');
    expect(await page.locator('.field-invalid').filter({ has: zone }).innerText()).toContain('IANA time zone');
    await expectNoAxeViolations(page, 'the recovery settings with a problem');

    await zone.fill('Europe/Stockholm');
    await page.getByRole('checkbox', { name: 'Saturday' }).check();
    await page.getByRole('textbox', { name: 'Target (hours)' }).fill('8');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.locator('.saved-note').innerText(), soon).toContain('Settings saved');
    const saved = await call<{ targetHours: number; businessHours: { timeZone: string; days: number[]; start: string } | null }>(
      'GET',
      '/api/v1/settings/recovery',
    );
    expect(saved.targetHours).toBe(8);
    expect(saved.businessHours).toMatchObject({ timeZone: 'Europe/Stockholm', days: [1, 2, 3, 4, 5, 6], start: '08:30' });

    // Back to the 24 hours around the clock the other tests expect.
    await page.getByRole('textbox', { name: 'Target (hours)' }).fill('24');
    await page.getByRole('radio', { name: 'Every hour, around the clock' }).check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect
      .poll(async () => (await call<{ businessHours: unknown }>('GET', '/api/v1/settings/recovery')).businessHours, soon)
      .toBeNull();
    await page.context().close();
  });

  it('keeps apology templates: refuses one that does not own the mistake, creates, edits and deletes', async () => {
    const page = await newPage(browser!);
    await signIn(page, kept!.url, admin);
    await page.goto(`${kept!.url}/settings/apology-templates`);
    await page.getByRole('heading', { name: 'We got it wrong' }).waitFor();
    await page.getByRole('button', { name: 'New template' }).click();
    const form = page.getByRole('region', { name: 'New template' });
    await form.getByRole('textbox', { name: 'Name' }).fill('Late parcel');
    const body = form.getByRole('textbox', { name: 'Apology' });
    await body.fill('We apologise for any inconvenience caused by the delay.');
    await form.getByRole('button', { name: 'Create template' }).click();
    await expect.poll(() => body.getAttribute('aria-invalid'), soon).toBe('true');
    expect(await form.locator('.field-error').innerText()).toContain('owns the mistake');

    await body.fill('Dear , your parcel is late because we sent it to the wrong depot. That is our mistake. ');
    await body.focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await form.getByRole('button', { name: '{customerName}' }).click();
    expect(await body.inputValue()).toMatch(/^Dear \{customerName\}, your parcel/);
    await form.getByRole('button', { name: 'Create template' }).click();
    const card = page.getByRole('article', { name: 'Late parcel' });
    await card.waitFor();
    expect(await card.innerText()).toContain('Dear {customerName}, your parcel is late');
    await expectNoAxeViolations(page, 'the apology templates');

    await card.getByRole('button', { name: 'Edit Late parcel' }).click();
    const edit = page.getByRole('region', { name: 'Edit Late parcel' });
    await edit.getByRole('textbox', { name: 'Name' }).fill('Parcel sent to the wrong depot');
    await edit.getByRole('button', { name: 'Save template' }).click();
    const renamed = page.getByRole('article', { name: 'Parcel sent to the wrong depot' });
    await renamed.waitFor();
    await renamed.getByRole('button', { name: 'Delete Parcel sent to the wrong depot' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete template' }).click();
    await renamed.waitFor({ state: 'detached' });
    await page.context().close();
  });

  it('records a cause, lists every customer it touched, and contacts them all with live progress to done', async () => {
    const page = await newPage(browser!);
    await signIn(page, kept!.url, admin);
    await page.getByRole('link', { name: 'Causes', exact: true }).click();
    await page.getByRole('heading', { name: 'No causes yet' }).waitFor();
    await page.getByRole('link', { name: 'New cause' }).first().click();
    await page.getByRole('textbox', { name: 'Title' }).fill('Batch B-42 filled with henna');
    await page.getByRole('textbox', { name: 'Event type' }).fill('order.placed');
    const condition = page.getByRole('listitem', { name: 'Condition 1' });
    await condition.getByRole('textbox', { name: 'Path' }).fill('batch');
    // "at least" compares numbers or dates: Kept refuses a word, and says so beside this condition's value.
    await condition.getByRole('combobox', { name: 'Operator' }).selectOption({ label: 'is at least' });
    const value = condition.getByRole('textbox', { name: 'Value' });
    await value.fill('soon');
    await page.getByRole('button', { name: 'Record cause' }).click();
    await expect.poll(() => value.getAttribute('aria-invalid'), soon).toBe('true');
    expect(await condition.locator('.field-error').innerText()).toContain('needs a number or an ISO date');
    await expectNoAxeViolations(page, 'the cause editor with a problem');

    await condition.getByRole('combobox', { name: 'Operator' }).selectOption({ label: 'is' });
    await value.fill('B-42');
    await page.getByRole('button', { name: 'Record cause' }).click();
    await page.getByRole('heading', { level: 1, name: 'Batch B-42 filled with henna' }).waitFor();
    const causeId = new URL(page.url()).pathname.split('/').at(-1)!;
    expect(await page.locator('.page-description').first().innerText()).toContain('3 customers touched');

    // The three customers of batch B-42, each with their newest case, none linked yet; Ola (B-43) is not among them.
    const affected = page.getByRole('region', { name: 'Customers it touched' });
    await affected.getByRole('link', { name: 'Marta Lindqvist', exact: true }).waitFor();
    const table = await affected.locator('tbody').innerText();
    expect(table).toContain('Jonas Berg');
    expect(table).toContain('Priya Raman');
    expect(table).not.toContain('Ola Nordmann');
    expect(await affected.getByText('Not linked').count()).toBe(3);
    // Marta's case is closed when the playbook test ran first: the outreach then opens her a new one.
    const martaClosed = (await call<{ status: string }>('GET', `/api/v1/cases/${cases['Marta Lindqvist']!.id}`)).status === 'closed';
    expect(await affected.getByRole('link', { name: /Closed case/ }).count()).toBe(martaClosed ? 1 : 0);
    await expectNoAxeViolations(page, 'a cause');

    // Contact everyone: an apology from a template, a confirmation that counts them, then progress to done.
    const panel = page.getByRole('region', { name: 'Contact everyone' });
    await panel.getByRole('combobox', { name: 'Start from a template' }).selectOption({ label: 'We found a problem before you did' });
    expect(await panel.getByRole('textbox', { name: 'Apology' }).inputValue()).toContain('Dear {customerName}');
    await panel.getByRole('button', { name: 'Contact 3 customers…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Send this apology to 3 customers?' });
    await confirm.getByRole('button', { name: 'Contact 3 customers' }).click();
    await confirm.waitFor({ state: 'hidden' });
    const progress = panel.getByRole('progressbar', { name: 'Customers processed' });
    await progress.waitFor();
    await expect.poll(() => progress.getAttribute('aria-valuenow'), { timeout: 30_000 }).toBe('3');
    await expect.poll(() => panel.innerText(), { timeout: 30_000 }).toContain('Everyone was contacted');
    const counts = await panel.locator('.outreach-counts').innerText();
    expect(counts).toMatch(/Processed\s+3 of 3/);
    expect(counts).toMatch(new RegExp(`Cases opened\\s+${martaClosed ? 1 : 0}`));
    expect(counts).toMatch(new RegExp(`Joined open cases\\s+${martaClosed ? 2 : 3}`));
    expect(counts).toMatch(/Apologies sent\s+3/);
    await expect.poll(() => affected.getByText('Linked', { exact: true }).count(), soon).toBe(3);
    await page.screenshot({ path: '/tmp/kept-cause.png', fullPage: true });

    // A reload shows the last outreach, and a second one would find everyone linked already.
    await page.reload();
    await expect.poll(() => panel.innerText(), soon).toContain('Everyone was contacted');
    const runs = await call<{ items: { status: string; apologised: number }[] }>('GET', `/api/v1/causes/${causeId}/outreach`);
    expect(runs.items).toMatchObject([{ status: 'done', apologised: 3 }]);
    await page.context().close();
  });
});
