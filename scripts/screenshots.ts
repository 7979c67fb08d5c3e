// Screenshots of Kept with the demo loaded, for docs/screenshots/: the inbox, a case, a customer
// and the dashboard, each on a desktop (1280×800) and a phone (390×844).
//   npm run build:web && node bin/run-ts.js scripts/screenshots.ts [--out docs/screenshots]
// Loads `kept demo` into a fresh data directory (Kept stopped, as the demo wants), starts
// `kept start` on it, signs in as the demo's manager in Chromium and writes one PNG per view
// and size. Takes a few minutes: most of it is the demo's months of data.
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';

const run = promisify(execFile);
const repoRoot = resolve(import.meta.dirname, '..');
const outFlag = process.argv.indexOf('--out');
const outDir = resolve(outFlag > 0 ? process.argv[outFlag + 1]! : join(repoRoot, 'docs/screenshots'));
/** The demo's manager: she sees the dashboard and the inbox as a team lead does. */
const manager = 'maya.fischer@kept.local';

const sizes = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;

interface View {
  name: string;
  /** Opens the view on a signed-in page and waits until its content is there. */
  open(page: Page, url: string): Promise<void>;
}

const views: View[] = [
  {
    name: 'inbox',
    async open(page, url) {
      await page.goto(`${url}/cases?owner=all`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.locator('.case-row, tbody tr').first().waitFor();
    },
  },
  {
    name: 'case',
    async open(page, url) {
      // The henna jar: the demo's customer complaint with its steps, cause and messages.
      await page.goto(`${url}/cases/${await hennaCase(page, url)}`);
      await page.getByRole('region', { name: /Acknowledge/ }).waitFor();
    },
  },
  {
    name: 'customer',
    async open(page, url) {
      const c = await page.request.get(`${url}/api/v1/cases/${await hennaCase(page, url)}`);
      await page.goto(`${url}/customers/${((await c.json()) as { customerId: string }).customerId}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.getByRole('heading', { name: /Timeline/ }).waitFor();
    },
  },
  {
    name: 'dashboard',
    async open(page, url) {
      await page.goto(`${url}/dashboard`);
      await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
      await page.waitForLoadState('networkidle');
    },
  },
];

/** The id of the henna jar's case (open or closed), through the API with the page's session. */
async function hennaCase(page: Page, url: string): Promise<string> {
  for (const status of ['open', 'closed']) {
    let cursor: string | null = '';
    while (cursor !== null) {
      const r = await page.request.get(`${url}/api/v1/cases?status=${status}&limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      const body = (await r.json()) as { items: { id: string; title: string }[]; nextCursor: string | null };
      // Marta's own complaint, not one of the batch's proactive cases.
      const found = body.items.find((c) => /henna/i.test(c.title) && !/^Batch/.test(c.title));
      if (found) return found.id;
      cursor = body.nextCursor && encodeURIComponent(body.nextCursor);
    }
  }
  throw new Error('the demo has no henna case');
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? ok(a.port) : fail(new Error('no port'))));
    });
  });
}

async function waitForHealthy(url: string, exited: () => boolean): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (exited()) throw new Error('kept start exited before it was healthy');
    try {
      if ((await fetch(`${url}/healthz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('kept start was not healthy within 180 s');
}

async function signIn(browser: Browser, url: string, password: string, size: keyof typeof sizes): Promise<Page> {
  const context = await browser.newContext({ viewport: sizes[size], locale: 'en-GB', timezoneId: 'Europe/Berlin' });
  const page = await context.newPage();
  await page.goto(`${url}/sign-in`);
  await page.getByLabel('E-mail').fill(manager);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  return page;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kept-screenshots-'));
  const env = { ...process.env, KEPT_DATA_DIR: dataDir, KEPT_LOG_LEVEL: 'warn' };
  let child: ReturnType<typeof spawn> | undefined;
  let browser: Browser | undefined;
  try {
    console.log('Loading the demo…');
    const demo = await run(process.execPath, ['bin/kept.js', 'demo'], { cwd: repoRoot, env, timeout: 900_000 });
    const password = /with the password: (\S+)/.exec(demo.stdout)?.[1];
    if (!password) throw new Error(`no password in the demo's summary:\n${demo.stdout}`);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['bin/kept.js', 'start', '--port', String(port)], { cwd: repoRoot, env, stdio: 'inherit' });
    let gone = false;
    child.once('exit', () => (gone = true));
    await waitForHealthy(url, () => gone);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    await mkdir(outDir, { recursive: true });
    for (const size of Object.keys(sizes) as (keyof typeof sizes)[]) {
      const page = await signIn(browser, url, password, size);
      for (const v of views) {
        await v.open(page, url);
        await page.evaluate(() => document.fonts.ready);
        const file = join(outDir, `${v.name}-${size}.png`);
        // The whole page on a phone would be metres long: the first two screens say enough.
        const clip = { x: 0, y: 0, width: sizes[size].width, height: size === 'phone' ? sizes.phone.height * 2 : 1200 };
        await page.screenshot({ path: file, fullPage: true, clip });
        console.log(`wrote ${file}`);
      }
      await page.context().close();
    }
  } finally {
    await browser?.close();
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
