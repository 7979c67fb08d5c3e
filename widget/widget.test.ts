// widget.js: the build, its size budget, and how it behaves without a browser: it talks to the
// server the contract describes, and nothing it meets (a broken page, a second copy, a refusal)
// makes it throw into the host page. The drawing, the keyboard and axe-core are checked in a real
// Chromium by e2e/widget.e2e.test.ts.
import { readFile } from 'node:fs/promises';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { buildWidget, gzipSize, widgetBudgetBytes, widgetOutFile, type WidgetBuild } from './build.ts';

let built: WidgetBuild;
beforeAll(async () => {
  built = await buildWidget();
});

describe('the widget build', () => {
  it('writes one minified IIFE to widget/dist/widget.js and reports its sizes', async () => {
    const file = await readFile(widgetOutFile, 'utf8');
    expect(file).toBe(built.code);
    expect(built.raw).toBe(Buffer.byteLength(file));
    expect(built.gzip).toBe(gzipSize(file));
    expect(file).toMatch(/^"use strict";\(\(\)=>\{/);
    expect(file.split('\n').filter(Boolean)).toHaveLength(1); // minified
    expect(file).not.toMatch(/sourceMappingURL|import\.meta|require\(/);
  });

  it('stays within the budget: 6 KB gzipped, styles included', () => {
    expect(widgetBudgetBytes).toBe(6144);
    expect(built.code).toContain(':host{all:initial'); // the styles are in the measured file
    expect(built.gzip).toBeLessThanOrEqual(widgetBudgetBytes);
  });

  it('builds the same bytes every time without touching widget/dist when asked not to write', async () => {
    const again = await buildWidget({ write: false });
    expect(again).toEqual(built);
  });
});

/** Runs widget.js in a fresh global scope whose window and document are the given stubs. */
function run(globals: Record<string, unknown>) {
  const sandbox: Record<string, unknown> = { ...globals };
  sandbox.window = sandbox;
  runInNewContext(built.code, sandbox);
  return sandbox;
}

const exploding = new Proxy(
  {},
  {
    get() {
      throw new Error('the page is broken');
    },
  },
);

function fakePage(opts: { fetch: (url: string, init: { body: string }) => Promise<unknown>; dataset?: Record<string, string> }) {
  const appended: unknown[] = [];
  const warn = vi.fn();
  const globals = {
    document: {
      currentScript: {
        src: 'https://kept.example:8443/widget.js?v=1',
        dataset: {
          workspace: 'default',
          survey: '0190c0de-0000-7000-8000-000000000001',
          customer: 'cus_1',
          signature: 'ab'.repeat(32),
          ...opts.dataset,
        },
      },
      readyState: 'complete',
      body: { append: (n: unknown) => appended.push(n) },
      createElement: () => {
        throw new Error('must not draw');
      },
    },
    navigator: { language: 'sv-SE' },
    fetch: vi.fn(opts.fetch),
    console: { warn },
    setTimeout,
    URL,
    JSON,
    Promise,
    Error,
    Number,
    Math,
  };
  return { globals, appended, warn };
}

const jsonResponse = (status: number, body: unknown) => Promise.resolve({ ok: status < 400, status, json: () => Promise.resolve(body) });
const settle = () => new Promise((r) => setTimeout(r, 20));

describe('the widget outside a browser', () => {
  it('swallows a page where every access throws, and defines nothing but window.KeptWidget', () => {
    expect(() => run({ document: exploding })).not.toThrow();
    const before = Object.keys({ document: {}, window: {} });
    const page = fakePage({ fetch: () => new Promise(() => {}) });
    const g = run(page.globals);
    expect(Object.keys(g).filter((k) => !before.includes(k) && !(k in page.globals))).toEqual(['KeptWidget']);
  });

  it('does nothing when loaded a second time', async () => {
    const page = fakePage({ fetch: () => jsonResponse(200, { show: false }) });
    const first = { version: 1 };
    const g = run({ ...page.globals, KeptWidget: first });
    await settle();
    expect(g.KeptWidget).toBe(first);
    expect(page.globals.fetch).not.toHaveBeenCalled();
  });

  it('asks the prompt endpoint of the origin it was loaded from, with the tag’s data and the browser’s language', async () => {
    const page = fakePage({ fetch: () => jsonResponse(200, { show: false, reason: 'contact_rule' }) });
    run(page.globals);
    await settle();
    expect(page.globals.fetch).toHaveBeenCalledTimes(1);
    const [url, init] = page.globals.fetch.mock.calls[0]!;
    expect(url).toBe('https://kept.example:8443/api/public/widget/prompt');
    expect(init).toMatchObject({ method: 'POST', mode: 'cors', credentials: 'omit', headers: { 'Content-Type': 'application/json' } });
    expect(JSON.parse(init.body)).toEqual({
      workspace: 'default',
      surveyId: '0190c0de-0000-7000-8000-000000000001',
      externalId: 'cus_1',
      signature: 'ab'.repeat(32),
      locale: 'sv-SE',
    });
    expect(page.appended).toEqual([]); // show: false draws nothing
    expect(page.warn).not.toHaveBeenCalled();
  });

  it('prefers data-locale, and waits data-delay milliseconds before asking', async () => {
    const page = fakePage({ fetch: () => jsonResponse(200, { show: false }), dataset: { locale: 'fr', delay: '150' } });
    run(page.globals);
    await settle();
    expect(page.globals.fetch).not.toHaveBeenCalled();
    await new Promise((r) => setTimeout(r, 250));
    expect(JSON.parse(page.globals.fetch.mock.calls[0]![1].body).locale).toBe('fr');
  });

  it('turns a refusal or an unreachable server into one console warning, never an exception or a drawing', async () => {
    const refused = fakePage({
      fetch: () => jsonResponse(403, { error: { code: 'forbidden', message: 'The signature does not match this externalId' } }),
    });
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      run(refused.globals);
      const offline = fakePage({ fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
      run(offline.globals);
      const garbage = fakePage({
        fetch: () => Promise.resolve({ ok: false, status: 502, json: () => Promise.reject(new SyntaxError('not JSON')) }),
      });
      run(garbage.globals);
      await settle();
      expect(refused.warn).toHaveBeenCalledWith('Kept widget:', 'The signature does not match this externalId');
      expect(offline.warn).toHaveBeenCalledWith('Kept widget:', 'Could not reach the server. Please try again.');
      expect(garbage.warn).toHaveBeenCalledWith('Kept widget:', 'HTTP 502');
      expect([...refused.appended, ...offline.appended, ...garbage.appended]).toEqual([]);
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('does not throw when the page has no script tag to read its settings from', () => {
    const page = fakePage({ fetch: () => jsonResponse(200, { show: false }) });
    const document = { ...page.globals.document, currentScript: null, querySelector: () => null };
    expect(() => run({ ...page.globals, document })).not.toThrow();
    expect(page.globals.fetch).not.toHaveBeenCalled();
  });
});
