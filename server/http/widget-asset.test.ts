// GET /widget.js: served from the built file with the headers any site needs to load it, and a
// clear 503 when nobody built it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEnv } from './services.ts';
import { mountWidget, widgetFile } from './widget-asset.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kept-widget-asset-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function appServing(file: string) {
  const app = new Hono<AppEnv>();
  mountWidget(app, file);
  return app;
}

describe('GET /widget.js', () => {
  it('serves the built file as JavaScript any origin may load, cached for five minutes', async () => {
    const file = join(dir, 'widget.js');
    await writeFile(file, '"use strict";(()=>{})();');
    const res = await appServing(file).request('/widget.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(await res.text()).toBe('"use strict";(()=>{})();');

    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-z]+-[0-9a-z]+"$/);
    const again = await appServing(file).request('/widget.js', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const stale = await appServing(file).request('/widget.js', { headers: { 'If-None-Match': '"other"' } });
    expect(stale.status).toBe(200);
  });

  it('answers 503 with a named error when widget.js was never built', async () => {
    const res = await appServing(join(dir, 'missing.js')).request('/widget.js');
    expect(res.status).toBe(503);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('unavailable');
    expect(body.error.message).toContain('npm run build:widget');
  });

  it('reads widget/dist/widget.js by default', () => {
    expect(widgetFile.replaceAll('\\', '/')).toMatch(/\/widget\/dist\/widget\.js$/);
  });
});
