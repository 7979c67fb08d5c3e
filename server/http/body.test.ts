// Bodies read from node's request (body.ts), over a real socket as `kept start` serves them:
// the same named errors as the web Request path that app.request() tests take.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, buildToken, buildWorkspace, event } from '../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { maxBodyBytes } from './body.ts';

let t: TestDatabase;
let server: ServerType;
let port: number;
let token: string;

beforeAll(async () => {
  t = await createTestDatabase();
  const app = buildApp(t.db);
  token = await buildToken(t.db, (await buildWorkspace(t.db)).id);
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await t.drop();
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: any;
}

/** One request; `body` as one piece (Content-Length) or as chunks (Transfer-Encoding: chunked). */
function send(path: string, headers: Record<string, string>, body: string | Buffer | string[]): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode!, headers: res.headers, body: text ? JSON.parse(text) : undefined });
      });
    });
    req.on('error', reject);
    if (Array.isArray(body)) {
      for (const c of body) req.write(c);
      req.end();
    } else {
      req.setHeader('content-length', Buffer.byteLength(body));
      req.end(body);
    }
  });
}

const json = { 'content-type': 'application/json' };
const auth = () => ({ ...json, authorization: `Bearer ${token}` });

describe('bodies read from node’s request', () => {
  it('stores an event, echoes the request id and sets the security headers', async () => {
    const r = await send('/api/v1/events', { ...auth(), 'x-request-id': 'body-test-1' }, JSON.stringify(event()));
    expect(r.status).toBe(201);
    expect(r.body.event.type).toBe('order.delivered');
    expect(r.headers['x-request-id']).toBe('body-test-1');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(r.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(r.headers['content-type']).toMatch(/^application\/json/);
  });

  it('takes a chunked body, and a leading byte order mark, as a web Request would', async () => {
    const text = JSON.stringify({ events: [event({ data: { n: 1 } }), event({ data: { n: 2 } })] });
    const chunked = await send('/api/v1/events', auth(), [text.slice(0, 10), text.slice(10, 50), text.slice(50)]);
    expect(chunked.status).toBe(201);
    expect(chunked.body.stored).toBe(2);
    const bom = await send(
      '/api/v1/events',
      auth(),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(event()))]),
    );
    expect(bom.status).toBe(201);
  });

  it('refuses a body over 1 MiB by its declared length, before asking who sends it (413)', async () => {
    const big = JSON.stringify({ events: [event({ data: { pad: 'x'.repeat(maxBodyBytes) } })] });
    for (const headers of [auth(), json]) {
      const r = await send('/api/v1/events', headers, big);
      expect(r.status).toBe(413);
      expect(r.body.error).toMatchObject({ code: 'payload_too_large', message: expect.stringContaining('1 MiB') });
    }
  });

  it('refuses a chunked body once it passes 1 MiB (413)', async () => {
    const piece = 'x'.repeat(64 * 1024);
    const r = await send('/api/v1/events', auth(), ['{"pad":"', ...Array.from({ length: 17 }, () => piece), '"}']);
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('payload_too_large');
  });

  it('names a wrong content type, malformed JSON and a missing token', async () => {
    const body = JSON.stringify(event());
    const form = await send('/api/v1/events', { ...auth(), 'content-type': 'application/x-www-form-urlencoded' }, body);
    expect(form.status).toBe(415);
    expect(form.body.error.code).toBe('unsupported_media_type');
    const broken = await send('/api/v1/events', auth(), '{"type": "order.delivered",');
    expect(broken.status).toBe(400);
    expect(broken.body.error).toMatchObject({ code: 'invalid_json', message: expect.stringContaining('not valid JSON') });
    const anonymous = await send('/api/v1/events', json, body);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('unauthenticated');
    const invalid = await send('/api/v1/events', auth(), JSON.stringify(event({ occurredAt: 'yesterday' })));
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toMatchObject({ code: 'invalid_input', details: { problems: [{ path: ['occurredAt'] }] } });
  });

  it('answers the public answers endpoint across origins with its named error', async () => {
    const r = await send('/api/public/answers', json, JSON.stringify({ token: 'not-a-link', score: 9 }));
    expect(r.headers['access-control-allow-origin']).toBe('*');
    expect(r.body.error.code).toBeDefined();
    expect(r.status).toBeGreaterThanOrEqual(400);
  });
});
