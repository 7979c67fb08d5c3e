// GET /widget.js: the survey widget customers' sites load with one script tag, built by
// `npm run build:widget` (widget/build.ts) into widget/dist/widget.js. Any site may load it, so it
// is sent with CORS and CORP headers that allow every origin, and cached for five minutes so a new
// build reaches sites soon.
import { stat, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Context, Hono } from 'hono';
import { KeptError } from '../domain/core/errors.ts';
import { errorResponse } from './errors.ts';
import type { AppEnv } from './services.ts';

export const widgetFile = fileURLToPath(new URL('../../widget/dist/widget.js', import.meta.url));

const headers = {
  'Access-Control-Allow-Origin': '*',
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

/** Serves GET /widget.js from `file` (widget/dist/widget.js unless a test gives another). */
export function mountWidget(app: Hono<AppEnv>, file: string = widgetFile): void {
  app.get('/widget.js', (c) => serveWidget(c, file));
}

async function serveWidget(c: Context<AppEnv>, file: string): Promise<Response> {
  let body: Buffer;
  let etag: string;
  try {
    const info = await stat(file);
    etag = `"${info.size.toString(36)}-${Math.trunc(info.mtimeMs).toString(36)}"`;
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, { ...headers, ETag: etag });
    body = await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    for (const [k, v] of Object.entries(headers)) c.header(k, v);
    return errorResponse(c, new KeptError('unavailable', 'widget.js is not built: run `npm run build:widget` (or `npm ci`) and retry'));
  }
  return c.body(new Uint8Array(body), 200, {
    ...headers,
    'Content-Type': 'text/javascript; charset=utf-8',
    'Cache-Control': 'public, max-age=300',
    ETag: etag,
  });
}
