import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../storage/database.ts';
import { buildApp, buildToken, buildWorkspace, call, event, servicesOf, type TestApp } from '../../test/factories.ts';
import { createApp } from './app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';

let t: TestDatabase;
let app: TestApp;
let token: string;

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db);
  token = await buildToken(t.db, (await buildWorkspace(t.db)).id);
});
afterAll(() => t.drop());

describe('system endpoints', () => {
  it('answers /healthz with the database status', async () => {
    const r = await call(app, 'GET', '/healthz');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ok', database: 'ok' });
  });

  it('exposes Prometheus metrics that count stored events and requests', async () => {
    await call(app, 'POST', '/api/v1/events', { token, body: event() });
    const r = await call(app, 'GET', '/metrics');
    expect(r.headers.get('content-type')).toMatch(/text\/plain/);
    expect(r.text).toMatch(/^kept_events_stored_total 1$/m);
    expect(r.text).toContain('kept_http_request_duration_seconds_bucket{le="0.001",method="POST",route="/api/v1/events",status="201"}');
  });

  it('gives every answer a request id, keeping a sane one from the caller', async () => {
    expect((await call(app, 'GET', '/healthz', { headers: { 'x-request-id': 'abc-123' } })).headers.get('x-request-id')).toBe('abc-123');
    const made = (await call(app, 'GET', '/healthz', { headers: { 'x-request-id': 'bad id with spaces' } })).headers.get('x-request-id');
    expect(made).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown API paths with the error shape and 404', async () => {
    const r = await call(app, 'GET', '/api/v1/nothing-here', { token });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('not_found');
  });

  it('serves the OpenAPI 3.1 document and a rendered reference', async () => {
    const doc = (await call(app, 'GET', '/api/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/events', '/api/v1/customers/{id}/timeline']));
    expect(doc.components.schemas.EventInput.required).toEqual(expect.arrayContaining(['type', 'customer', 'occurredAt', 'source']));
    const timeline = doc.paths['/api/v1/customers/{id}/timeline'].get;
    expect(timeline.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['id', 'type', 'source', 'from', 'to', 'cursor', 'limit']),
    );
    const html = await call(app, 'GET', '/api/docs');
    expect(html.text).toContain('swagger-ui-bundle.js');
    expect((await call(app, 'GET', '/api/docs/assets/docs-init.js')).text).toContain("url: '/api/openapi.json'");
    expect((await call(app, 'GET', '/api/docs/assets/swagger-ui-bundle.js')).status).toBe(200);
    expect((await call(app, 'GET', '/api/docs/assets/..%2F..%2Fpackage.json')).status).toBe(404);
  });

  it('serves the staff app and the API docs under a strict Content-Security-Policy with no inline script', async () => {
    const root = await mkdtemp(join(tmpdir(), 'kept-web-'));
    await writeFile(join(root, 'index.html'), '<!doctype html><script type="module" src="/assets/app.js"></script>');
    const web = createApp({ ...servicesOf(t.db), webRoot: root });
    const staff = await web.request('/cases/123');
    const policy = staff.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/unsafe-inline[^;]*;.*script|script-src[^;]*unsafe/);
    const docs = await call(app, 'GET', '/api/docs');
    const docsPolicy = docs.headers.get('content-security-policy') ?? '';
    expect(docsPolicy).toMatch(/script-src 'self';/);
    expect(docs.text).not.toMatch(/<script(?![^>]*\bsrc=)/); // every script is a served file
    // The customer pages keep their own policy (no script at all); the API answers get one that runs nothing.
    expect((await call(app, 'GET', '/s/not-a-token')).headers.get('content-security-policy')).toContain("default-src 'none'");
    expect((await call(app, 'GET', '/api/v1/cases', { token })).headers.get('content-security-policy')).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    await rm(root, { recursive: true, force: true });
  });

  it('never answers an unexpected failure with a stack trace', async () => {
    // A database nobody listens on: every query fails with a driver error.
    const { db } = openDatabase({ url: 'postgres://kept:x@127.0.0.1:1/kept', poolSize: 1 });
    const crashing = buildApp(db);
    const r = await call(crashing, 'GET', '/api/v1/customers', { token });
    expect(r.status).toBe(500);
    expect(r.body).toEqual({ error: { code: 'internal', message: expect.any(String) } });
    expect(r.text).not.toMatch(/ECONNREFUSED|at .*\.ts/);
    expect((await call(crashing, 'GET', '/healthz')).status).toBe(503);
    await db.destroy();
  });
});
