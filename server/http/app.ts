// The HTTP application: the staff web app, the REST API, /healthz and /metrics on one port.
// A route is a Request -> Response function, so tests call app.request() with no open port.
import { ping } from '../domain/core/db.ts';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { extname, resolve, sep } from 'node:path';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { KeptError } from '../domain/core/errors.ts';
import { uuidv7 } from '../lib/ids.ts';
import { apiBodyTooLarge, declaredOver, maxBodyBytes, requestHeader } from './body.ts';
import { errorResponse } from './errors.ts';
import { mountComplaintPages } from './complaint-pages.ts';
import { buildOpenApi } from './openapi.ts';
import { redactPath } from './log-redact.ts';
import { mountPublicPages } from './public-pages.ts';
import { mount } from './route.ts';
import { apiRoutes } from './routes/index.ts';
import type { AppEnv, Services } from './services.ts';
import { mountWidget } from './widget-asset.ts';

export { maxBodyBytes };

/** The staff app: its own scripts, styles and API only; no inline script, no plugin, no framing. */
export const staffAppPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; font-src 'self'; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
/** Swagger UI: served files only (its start-up script is /api/docs/assets/docs-init.js); it sets inline styles. */
export const docsPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";
/** JSON and other files: nothing to run. */
const apiPolicy = "default-src 'none'; frame-ancestors 'none'";
const version = '0.1.0';

export function createApp(services: Services) {
  const app = new Hono<AppEnv>();
  const routes = apiRoutes();

  app.use('*', async (c, next) => {
    const given = requestHeader(c, 'x-request-id');
    const requestId = given && /^[\w.:-]{1,100}$/.test(given) ? given : uuidv7();
    const log = services.log.child({ reqId: requestId });
    c.set('services', services);
    c.set('requestId', requestId);
    c.set('log', log);
    const start = performance.now();
    await next();
    setAfter(c, 'X-Request-Id', requestId);
    const ms = performance.now() - start;
    const route = c.req.routePath;
    services.metrics.httpDuration.observe({ method: c.req.method, route, status: String(c.res.status) }, ms / 1000);
    const level = c.res.status >= 500 ? 'error' : 'info';
    if (!(route === '/healthz' || route === '/metrics') || c.res.status >= 400) {
      const url = new URL(c.req.url);
      const path = redactPath(url.pathname + url.search);
      log[level]({ method: c.req.method, path, route, status: c.res.status, ms: Math.round(ms * 10) / 10 }, 'request');
    }
  });
  app.use('*', async (c, next) => {
    await next();
    setAfter(c, 'X-Content-Type-Options', 'nosniff');
    setAfter(c, 'Referrer-Policy', 'same-origin');
    // A response that may be framed by the staff app says so itself (the customer's-eye view).
    if (!c.req.path.startsWith('/api/docs') && !c.res.headers.has('X-Frame-Options')) setAfter(c, 'X-Frame-Options', 'DENY');
    // The customer pages set their own (stricter: no script at all); everything else gets one here.
    if (!c.res.headers.has('Content-Security-Policy')) {
      const html = (c.res.headers.get('Content-Type') ?? '').startsWith('text/html');
      setAfter(c, 'Content-Security-Policy', c.req.path.startsWith('/api/docs') ? docsPolicy : html ? staffAppPolicy : apiPolicy);
    }
  });
  // Customers' browsers call the public endpoints from other sites (the widget): no credentials, any origin.
  app.use('/api/public/*', async (c, next) => {
    if (c.req.method === 'OPTIONS') {
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Methods': 'POST',
        'Access-Control-Allow-Headers': 'Content-Type',
        'Access-Control-Max-Age': '86400',
      });
    }
    await next();
    setAfter(c, 'Access-Control-Allow-Origin', '*');
  });
  const apiBodyLimit = bodyLimit({ maxSize: maxBodyBytes, onError: (c) => errorResponse(c, apiBodyTooLarge()) });
  // A route that takes a raw body (an e-mail) declares its own limit, and mount() applies it.
  const ownLimit = new Set(routes.flatMap((r) => (r.rawBody ? [`${r.method.toUpperCase()} ${r.path}`] : [])));
  app.use('/api/*', async (c, next) => {
    if (ownLimit.has(`${c.req.method} ${c.req.path}`)) return next();
    // A declared length is judged from node's headers, and the body stays unread for the route
    // (body.ts). Without node's request (app.request()), or with a chunked body, Hono's
    // middleware counts the bytes as they arrive.
    const over = declaredOver(c, maxBodyBytes);
    if (over === undefined) return apiBodyLimit(c, next);
    return over ? errorResponse(c, apiBodyTooLarge()) : next();
  });

  app.get('/healthz', async (c) => {
    try {
      await ping(services.db);
      return c.json({ status: 'ok', database: 'ok' });
    } catch (err) {
      c.get('log').warn({ err }, 'health check: database unreachable');
      return c.json({ status: 'unavailable', database: 'unreachable' }, 503);
    }
  });
  app.get('/metrics', async (c) =>
    c.text(await services.metrics.registry.metrics(), 200, { 'Content-Type': services.metrics.registry.contentType }),
  );

  // Built on the first request, not at start: it walks every route's zod schemas (~0.2 s of CPU).
  let openapi: ReturnType<typeof buildOpenApi> | undefined;
  app.get('/api/openapi.json', (c) => c.json((openapi ??= buildOpenApi(routes, version))));
  app.get('/api/docs', (c) => c.html(docsPage));
  app.get('/api/docs/assets/:file', (c) => serveFile(c, inside(swaggerUiDir, c.req.param('file'))));

  mount(app, routes);
  mountWidget(app);
  mountPublicPages(app);
  mountComplaintPages(app);
  app.all('/api/*', (c) => errorResponse(c, new KeptError('not_found', `No endpoint ${c.req.method} ${c.req.path}`)));

  if (services.webRoot) {
    const root = services.webRoot;
    app.get('*', async (c) => {
      const path = c.req.path;
      if (extname(path)) return serveFile(c, inside(root, path), path.startsWith('/assets/'));
      const index = inside(root, 'index.html')!;
      if (!existsSync(index)) return c.html(notBuiltPage, 503);
      return serveFile(c, index); // the web app routes on the client
    });
  }
  app.notFound((c) => errorResponse(c, new KeptError('not_found', `Nothing at ${c.req.path}`)));
  app.onError((err, c) => errorResponse(c, err));
  return app;
}

/**
 * Sets a header on the finished response in place. Hono's c.header() after the handler copies
 * the response, which makes @hono/node-server build a web Response and stream its body out; a
 * response whose headers cannot change (a fetched one) is still copied that way.
 */
function setAfter(c: import('hono').Context, name: string, value: string): void {
  try {
    c.res.headers.set(name, value);
  } catch {
    c.header(name, value);
  }
}

/** A file under `root`, or undefined when the path tries to climb out of it. */
function inside(root: string, path: string): string | undefined {
  const file = resolve(root, '.' + sep + path);
  return file.startsWith(resolve(root) + sep) ? file : undefined;
}

const notBuiltPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Kept</title></head>
<body><main><h1>The web app is not built</h1><p>Run <code>npm run build:web</code> (or <code>npm ci</code>), then reload.
The API is up: see <a href="/api/docs">/api/docs</a>.</p></main></body></html>`;

const swaggerUiDir = createRequire(import.meta.url)
  .resolve('swagger-ui-dist/package.json')
  .replace(/package\.json$/, '');

const docsPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Kept API reference</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/docs-init.js"></script></body></html>`;
const docsInit = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#ui', deepLinking: true });`;

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

/** The content codings an Accept-Encoding header takes (those with q > 0). */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const out = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const coding = name?.trim();
    if (coding && !(q && Number(q.slice(2)) === 0)) out.add(coding === 'x-gzip' ? 'gzip' : coding);
  }
  return out;
}

async function serveFile(c: import('hono').Context, file: string | undefined, immutable = false) {
  if (!file) return errorResponse(c, new KeptError('not_found', `Nothing at ${c.req.path}`));
  if (file.endsWith('docs-init.js')) return c.body(docsInit, 200, { 'Content-Type': types['.js']! });
  try {
    const headers: Record<string, string> = {
      'Content-Type': types[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      Vary: 'Accept-Encoding',
    };
    // The build writes .br and .gz beside the web app's files (web/vite.config.ts): send the best one the browser takes.
    const accepted = acceptedEncodings(c.req.header('accept-encoding'));
    for (const [encoding, suffix] of [
      ['br', '.br'],
      ['gzip', '.gz'],
    ] as const) {
      if (!accepted.has(encoding)) continue;
      const packed = await readFile(file + suffix).catch(() => undefined);
      if (packed) return c.body(packed, 200, { ...headers, 'Content-Encoding': encoding });
    }
    const body = await readFile(file);
    return c.body(body, 200, headers);
  } catch {
    return errorResponse(c, new KeptError('not_found', `Nothing at ${c.req.path}`));
  }
}
