// The survey widget on a customer's site: a plain shop page on another origin loads
// `<script src="{kept}/widget.js" ...>` for a signed-in customer; the prompt appears in its
// shadow root without taking the page's focus; the customer answers with the keyboard alone; the
// thank-you is announced; axe-core finds nothing wrong, inside the shadow root included; and the
// answer is on the customer's timeline. Runs a real `kept start` and a real Chromium.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { AxeResults } from 'axe-core';
import type { Browser, Locator, Page } from 'playwright-core';
import { expectNoAxeViolations, launchChromium, signInThroughApi } from './staff-app.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWidget } from '../widget/build.ts';
import { repoRoot, startKept, type RunningKept } from './kept-process.ts';

const admin = { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada Lovelace' };
const brand = '#0e7490';

let kept: RunningKept | undefined;
let browser: Browser | undefined;
let shop: Server | undefined;
let shopUrl = '';
let surveyId = '';
let widgetSecret = '';
let staff: Record<string, string> = {};
const pages = new Map<string, string>();

async function api<T = any>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${kept!.url}${path}`, { method, headers: staff, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await res.json();
  expect(res.ok, `${method} ${path}: ${JSON.stringify(json)}`).toBe(true);
  return json as T;
}

/** What the site's own backend does: HMAC-SHA256 of the externalId with the workspace's widget secret, in hex. */
const sign = (externalId: string, secret = widgetSecret) => createHmac('sha256', secret).update(externalId).digest('hex');

/**
 * A shop page for one signed-in customer, with styles that would wreck the widget if they
 * reached it (serif 32px red text, yellow hidden buttons). `twice` includes the tag twice.
 */
function shopPage(externalId: string, opts: { signature?: string; twice?: boolean } = {}): string {
  const tag =
    `<script src="${kept!.url}/widget.js" data-workspace="default" data-survey="${surveyId}" data-customer="${externalId}" ` +
    `data-signature="${opts.signature ?? sign(externalId)}" data-locale="en-GB" async></script>`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme shop</title>
<style>
  body { font: 32px/2 Georgia, serif; color: rgb(160, 0, 0); background: #fff; }
  * { letter-spacing: 3px; }
  body > :not(header):not(main) { position: static !important; opacity: 0.4 !important; }
  button { background: yellow !important; display: none !important; }
  aside, form, p { border: 5px dashed green; }
</style></head>
<body><header><h1>Acme shop</h1></header>
<main><p id="copy">Your parcel is on its way.</p><a href="/orders">Your orders</a></main>
${tag}${opts.twice ? tag : ''}</body></html>`;
  const path = `/shop/${encodeURIComponent(externalId)}`;
  pages.set(path, html);
  return shopUrl + path;
}

interface Visit {
  page: Page;
  widget: Locator;
  errors: string[];
  warnings: string[];
}

async function visit(url: string, viewport = { width: 1280, height: 800 }): Promise<Visit> {
  const context = await browser!.newContext({ viewport, locale: 'en-GB' });
  const page = await context.newPage();
  const errors: string[] = [];
  const warnings: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
  });
  const prompted = page.waitForResponse((r) => r.url().endsWith('/api/public/widget/prompt') && r.request().method() === 'POST');
  await page.goto(url);
  await prompted;
  return { page, widget: page.locator('kept-widget'), errors, warnings };
}

/** Where the keyboard focus is, looking into the widget's shadow root. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const d = (globalThis as any).document;
    const el = d.activeElement;
    const inner = el && el.shadowRoot ? el.shadowRoot.activeElement : null;
    const f = inner ?? el;
    return {
      tag: String(el?.tagName ?? '').toLowerCase(),
      role: f?.getAttribute?.('role') ?? null,
      text: String(f?.textContent ?? '').trim(),
      label: f?.getAttribute?.('aria-label') ?? null,
      innerTag: inner ? String(inner.tagName).toLowerCase() : null,
    };
  });

/** Presses Tab until the focus is inside the widget; the page's own link comes first. */
async function tabIntoWidget(page: Page) {
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Tab');
    if ((await focused(page)).tag === 'kept-widget') return;
  }
  throw new Error('Tab never reached the widget');
}

const checkedScores = (widget: Locator) => widget.getByRole('radio', { checked: true }).allInnerTexts();

async function customerTimeline(externalId: string) {
  const found = await api<{ items: { id: string; externalId: string | null }[] }>(
    'GET',
    `/api/v1/customers?q=${encodeURIComponent(externalId)}`,
  );
  const customer = found.items.find((c) => c.externalId === externalId);
  expect(customer, `customer ${externalId}`).toBeDefined();
  const timeline = await api<{ items: { type: string; source: string; data: Record<string, unknown> }[] }>(
    'GET',
    `/api/v1/customers/${customer!.id}/timeline`,
  );
  return timeline.items;
}

describe('the survey widget on a customer’s site', () => {
  beforeAll(async () => {
    const built = await buildWidget(); // the current source, as `npm run build:widget` makes it
    expect(built.gzip).toBeLessThanOrEqual(6144);
    kept = await startKept();
    await kept.cli(['admin', 'create', '--email', admin.email, '--password', admin.password, '--name', admin.name]);
    staff = await signInThroughApi(kept.url, admin);
    surveyId = (
      await api<{ id: string }>('POST', '/api/v1/surveys', { kind: 'nps', name: 'Shop NPS', brand: { name: 'Acme', colour: brand } })
    ).id;
    widgetSecret = (await api<{ widgetSecret?: string }>('GET', '/api/v1/settings/signals')).widgetSecret!;
    expect(widgetSecret).toEqual(expect.any(String));

    shop = createServer((req, res) => {
      const html = pages.get(new URL(req.url ?? '/', 'http://shop').pathname);
      res.writeHead(html ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(html ?? 'not found');
    });
    await new Promise<void>((resolve) => shop!.listen(0, '127.0.0.1', resolve));
    // localhost, not 127.0.0.1: another origin than Kept's, so every call is a real CORS request.
    shopUrl = `http://localhost:${(shop.address() as AddressInfo).port}`;

    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => (shop ? shop.close(r) : r(undefined)));
    await kept?.stop();
  });

  it('serves widget.js to any site', async () => {
    const res = await fetch(`${kept!.url}/widget.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
  });

  it('is answered with the keyboard alone, announces the thank-you, passes axe, and lands on the timeline', async () => {
    const externalId = 'shop-cus-1001';
    const { page, widget, errors } = await visit(shopPage(externalId, { twice: true }));
    const group = widget.getByRole('radiogroup', { name: /recommend/i });
    await group.waitFor();

    // One card although the tag is there twice; the page keeps its focus; no style crosses the shadow boundary.
    expect(await widget.count()).toBe(1);
    expect(await page.evaluate(() => (globalThis as any).document.activeElement.tagName)).toBe('BODY');
    expect(await page.evaluate(() => Object.keys(globalThis).filter((k) => k.startsWith('Kept')))).toEqual(['KeptWidget']);
    const question = await widget.locator('#q').evaluate((el) => {
      const s = (globalThis as any).getComputedStyle(el);
      return { color: s.color, font: s.fontFamily, size: s.fontSize, spacing: s.letterSpacing, border: s.borderTopStyle };
    });
    expect(question.color).toBe('rgb(26, 26, 26)');
    expect(question.font).not.toContain('Georgia');
    expect(question.size).toBe('14px');
    expect(question.spacing).toBe('normal');
    expect(question.border).toBe('none');
    const host = await widget.evaluate((el) => {
      const s = (globalThis as any).getComputedStyle(el);
      return { position: s.position, opacity: s.opacity };
    });
    expect(host).toEqual({ position: 'fixed', opacity: '1' });
    expect(await widget.getByRole('radio', { name: '10' }).isVisible()).toBe(true); // the page hides every button of its own
    expect(await page.locator('#copy').evaluate((el) => (globalThis as any).getComputedStyle(el).fontSize)).toBe('32px');

    // The scale: 0-10 as radios, the anchors as text, a dismiss button named by the survey's texts.
    expect(await widget.getByRole('radio').allInnerTexts()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    const card = await widget.locator('aside').innerText();
    expect(card).toContain('Not at all likely');
    expect(card).not.toMatch(/promoter|detractor|passive/i);
    expect(await widget.getByRole('button', { name: 'Not now' }).count()).toBe(1);
    expect(await widget.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
    await page.screenshot({ path: '/tmp/kept-widget.png' });
    await expectNoAxeViolations(page, 'the shop page with the widget');

    // Tab: the page's link, then the widget's scale (one tab stop), at its first score.
    await tabIntoWidget(page);
    expect(await focused(page)).toMatchObject({ role: 'radio', text: '0' });
    for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowRight');
    expect(await focused(page)).toMatchObject({ role: 'radio', text: '8' });
    expect(await checkedScores(widget)).toEqual([]); // moving does not choose
    await page.keyboard.press(' ');
    expect(await checkedScores(widget)).toEqual(['8']);
    await page.keyboard.press('End');
    expect(await focused(page)).toMatchObject({ text: '10' });
    await page.keyboard.press('ArrowRight'); // wraps around
    expect(await focused(page)).toMatchObject({ text: '0' });
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await focused(page)).toMatchObject({ text: '9' });
    await page.keyboard.press('Enter');
    expect(await checkedScores(widget)).toEqual(['9']);

    // The reason appears once a score is chosen; Tab reaches it, then Send.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ innerTag: 'textarea' });
    expect(await widget.getByRole('textbox', { name: /main reason/i }).count()).toBe(1);
    await page.keyboard.type('Fast delivery, friendly driver');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ innerTag: 'button', text: 'Send' });
    await expectNoAxeViolations(page, 'the widget with a score chosen');
    await page.keyboard.press('Enter');

    const status = widget.getByRole('status');
    await status.filter({ hasText: 'Thank you' }).waitFor();
    expect(await status.getAttribute('aria-live')).toBe('polite');
    expect(await status.innerText()).toMatch(/^Thank you! Your answer helps .+ do better\.$/);
    expect(await widget.getByRole('radiogroup').count()).toBe(0); // the form is gone
    expect(await focused(page)).toMatchObject({ label: 'Not now' }); // focus stays in the card
    await page.screenshot({ path: '/tmp/kept-widget-thanks.png' });
    await expectNoAxeViolations(page, 'the widget’s thank-you');

    await page.keyboard.press('Escape');
    await widget.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    await page.context().close();

    // The answer is on the customer's timeline.
    const events = await customerTimeline(externalId);
    const created = events.find((e) => e.type === 'response.created');
    expect(created, JSON.stringify(events.map((e) => e.type))).toBeDefined();
    expect(created!.data).toMatchObject({ score: 9, channel: 'widget', handPicked: false });
    expect(JSON.stringify(created!.data)).toContain('Fast delivery, friendly driver');

    // The customer answered: the next page view shows nothing.
    const again = await visit(shopPage(externalId));
    await again.page.waitForLoadState('networkidle');
    expect(await again.widget.count()).toBe(0);
    expect(again.errors).toEqual([]);
    await again.page.context().close();

    // Staff see it in the dashboard: one NPS answer (not enough for a figure), and behind the count, the answer itself.
    const office = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    const desk = await office.newPage();
    await desk.goto(`${kept!.url}/sign-in`);
    await desk.getByLabel('E-mail').fill(admin.email);
    await desk.getByLabel('Password').fill(admin.password);
    await desk.getByRole('button', { name: 'Sign in' }).click();
    await desk.getByRole('link', { name: 'Dashboard' }).click();
    const nps = desk.getByRole('region', { name: 'NPS', exact: true });
    await nps.getByText('Not enough data').waitFor();
    await nps.getByRole('button', { name: /show the 1 NPS answers/ }).click();
    const dialog = desk.getByRole('dialog', { name: /NPS answers/ });
    await dialog.getByText('Fast delivery, friendly driver').waitFor();
    await office.close();
  });

  it('shows the server’s error in the card and lets the customer try again', async () => {
    const { page, widget, errors } = await visit(shopPage('shop-cus-1002'));
    await widget.getByRole('radiogroup').waitFor();
    const refuse = (route: import('playwright-core').Route) =>
      route.request().method() === 'POST'
        ? route.fulfill({
            status: 429,
            headers: { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'application/json' },
            body: JSON.stringify({ error: { code: 'rate_limited', message: 'Too many answers from this address; wait a minute' } }),
          })
        : route.continue();
    await page.route('**/api/public/answers', refuse);

    await tabIntoWidget(page);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await widget.getByRole('button', { name: 'Send' }).click();
    const status = widget.getByRole('status');
    await status.filter({ hasText: 'Too many answers' }).waitFor();
    expect(await widget.getByRole('radiogroup').count()).toBe(1); // the answer is still there to send again
    expect(await widget.getByRole('button', { name: 'Send' }).isEnabled()).toBe(true);
    await expectNoAxeViolations(page, 'the widget showing an error');
    await page.screenshot({ path: '/tmp/kept-widget-error.png' });

    await page.unroute('**/api/public/answers', refuse);
    await widget.getByRole('button', { name: 'Send' }).click();
    await status.filter({ hasText: 'Thank you' }).waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
    expect((await customerTimeline('shop-cus-1002')).find((e) => e.type === 'response.created')?.data).toMatchObject({ score: 10 });
  });

  it('fits a phone’s screen, and is dismissed with Escape or its button, storing nothing', async () => {
    const { page, widget, errors } = await visit(shopPage('shop-cus-1003'), { width: 360, height: 640 });
    await widget.getByRole('radiogroup').waitFor();
    await widget.getByRole('radio', { name: '5' }).click();
    const box = (await widget.locator('aside').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    expect(box.y).toBeGreaterThanOrEqual(0);
    for (const radio of await widget.getByRole('radio').all()) {
      const r = (await radio.boundingBox())!;
      expect(Math.min(r.width, r.height), 'a score is at least 24 px square').toBeGreaterThanOrEqual(24);
    }
    await page.screenshot({ path: '/tmp/kept-widget-phone.png' });
    await expectNoAxeViolations(page, 'the widget on a phone');
    await tabIntoWidget(page);
    await page.keyboard.press('Escape');
    await widget.waitFor({ state: 'detached' });

    await page.reload();
    await widget.getByRole('radiogroup').waitFor(); // the open invitation is offered again
    await widget.getByRole('button', { name: 'Not now' }).click();
    await widget.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    await page.context().close();
    expect((await customerTimeline('shop-cus-1003')).map((e) => e.type)).not.toContain('response.created');
  });

  it('draws nothing and throws nothing for a forged identity', async () => {
    const { page, widget, errors, warnings } = await visit(
      shopPage('shop-cus-1004', { signature: sign('shop-cus-1004', 'not the secret') }),
    );
    await page.waitForLoadState('networkidle');
    expect(await widget.count()).toBe(0);
    expect(errors).toEqual([]);
    expect(warnings.join('\n')).toMatch(/Kept widget: The signature does not match/);
    await page.context().close();
  });

  it('has an answer page that works without JavaScript, by keyboard, and passes axe', async () => {
    const invitation = await api<{ url: string }>('POST', `/api/v1/surveys/${surveyId}/invitations`, {
      customer: { externalId: 'mail-cus-2001', email: 'mail-cus-2001@example.com', name: 'Nadia' },
      channel: 'link',
      locale: 'fr',
    });
    const url = invitation.url.replace(/^https?:\/\/[^/]+/, kept!.url);

    // axe needs its own script in the page; the page's CSP forbids scripts, so this context bypasses it.
    const checking = await browser!.newContext({ bypassCSP: true, viewport: { width: 375, height: 740 } });
    const form = await checking.newPage();
    await form.goto(url);
    expect(await form.locator('html').getAttribute('lang')).toBe('fr');
    await form.addScriptTag({ path: join(repoRoot, 'node_modules/axe-core/axe.min.js') });
    const results = await form.evaluate(() => (globalThis as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run());
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await checking.close();

    const noJs = await browser!.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 740 } });
    const page = await noJs.newPage();
    await page.goto(url);
    expect(await page.locator('script').count()).toBe(0);
    // Keyboard only: Tab to the scale, arrows to a score, Tab to the reason, Tab to submit, Enter.
    for (let i = 0; i < 20 && (await page.evaluate(() => (globalThis as any).document.activeElement?.name)) !== 'score'; i++) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('ArrowRight'); // radios: the arrow checks the next one
    const chosen = await page.evaluate(() => (globalThis as any).document.querySelector('input[name=score]:checked')?.value);
    expect(chosen).toEqual(expect.any(String));
    await page.keyboard.press('Tab');
    await page.keyboard.type('Livraison rapide');
    await page.keyboard.press('Tab');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await expect.poll(() => page.locator('h1').innerText()).toMatch(/merci/i);
    await noJs.close();
    const answered = (await customerTimeline('mail-cus-2001')).find((e) => e.type === 'response.created');
    expect(answered?.data).toMatchObject({ score: Number(chosen), reason: 'Livraison rapide', channel: 'link', handPicked: true });
  });
});
