// Webhooks in the staff web app: an admin subscribes a receiver, copies the secret shown once,
// an event arrives through the API and the delivery log shows it delivered with its status
// code; the receiver verifies the signature; a redelivery reaches it again with the same id.
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './staff-app.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, verifyAt, type Receiver } from '../test/webhook-receiver.ts';
import { ensureWebBuilt, startKept, type RunningKept } from './kept-process.ts';

const admin = { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada Lovelace' };

let kept: RunningKept | undefined;
let browser: Browser | undefined;
let receiver: Receiver;
let token: string;

async function until(check: () => boolean | Promise<boolean>, what: string) {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function signedInPage(): Promise<Page> {
  const context = await browser!.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(`${kept!.url}/sign-in?next=/settings/webhooks`);
  await page.getByLabel('E-mail').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
  return page;
}

describe('webhooks in the staff web app', () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    receiver = await startReceiver();
    kept = await startKept();
    await kept.cli(['admin', 'create', '--email', admin.email, '--password', admin.password, '--name', admin.name]);
    token = (await kept.cli(['token', 'create', '--name', 'e2e', '--role', 'agent'])).trim();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await kept?.stop();
    await receiver?.close();
  });

  it('subscribes a receiver, shows the secret once, logs the delivery and redelivers it', async () => {
    const page = await signedInPage();
    await page.getByRole('textbox', { name: 'URL' }).fill(`${receiver.url}/crm`);
    await page.getByRole('button', { name: 'case.*' }).click();
    await page.getByRole('textbox', { name: 'Event types' }).fill('case.*, complaint.received');
    await page.getByLabel('Description').fill('CRM sync');
    await page.getByRole('button', { name: 'Create webhook' }).click();
    const secret = await page.getByRole('textbox', { name: 'Signing secret' }).inputValue();
    expect(secret).toMatch(/^whsec_/);
    await expect(page.getByRole('button', { name: /Copy/ }).count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByRole('textbox', { name: 'Signing secret' }).count()).resolves.toBe(0);

    const res = await fetch(`${kept!.url}/api/v1/complaints`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({
        customer: { email: 'ann@example.com', name: 'Ann' },
        subject: 'Wrong product',
        body: 'The jar was full of henna.',
        source: 'shop',
      }),
    });
    expect(res.status).toBe(201);
    await until(() => receiver.received.length >= 2, 'the complaint and its case to arrive');
    const types = receiver.received.map((h) => (verifyAt(secret, h, new Date()) as { type: string }).type).sort();
    expect(types).toEqual(['case.opened', 'complaint.received']);
    // Read the log as the signed-in admin, until the sender has recorded both.
    const delivered = () =>
      page.evaluate(async () => {
        const list = (await (await fetch('/api/v1/webhooks')).json()) as { items: { id: string }[] };
        const log = await fetch(`/api/v1/webhooks/${list.items[0]!.id}/deliveries?status=delivered`);
        return ((await log.json()) as { items: unknown[] }).items.length === 2;
      });
    await until(delivered, 'both deliveries to be recorded');

    await page.getByRole('link', { name: `${receiver.url}/crm` }).click();
    await page.getByRole('heading', { name: 'CRM sync', level: 1 }).waitFor();
    const rows = page.locator('table tbody tr');
    await rows.nth(1).waitFor();
    await expect(rows.count()).resolves.toBe(2);
    await expect(rows.first().textContent()).resolves.toMatch(/Delivered/);
    await expect(rows.first().textContent()).resolves.toContain('200');

    await page
      .getByRole('button', { name: /Redeliver/ })
      .first()
      .click();
    await until(() => receiver.received.length === 3, 'the redelivery');
    expect(new Set(receiver.received.map((h) => h.id)).size).toBe(2);

    await page.getByRole('button', { name: 'Disable' }).click();
    await page.getByText('Disabled', { exact: true }).waitFor();
    await expect(page.getByRole('button', { name: /Redeliver/ }).count()).resolves.toBe(0);
  });
});
