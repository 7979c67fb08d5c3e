import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../domain/core/clock.ts';
import { buildApp, buildToken, buildUser, buildWorkspace, call, type TestApp } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { parseTrustProxy } from '../../lib/trusted-proxies.ts';

let t: TestDatabase;
let app: TestApp;
let ws: { id: string; slug: string };
let admin: { email: string; password: string };
let agent: { email: string; password: string };
const clock = manualClock('2026-03-01T09:00:00Z');

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db, { clock, config: { sessionHours: 12 } });
  ws = await buildWorkspace(t.db);
  admin = await buildUser(t.db, ws.id, { role: 'admin', email: 'boss@example.com' });
  agent = await buildUser(t.db, ws.id, { role: 'agent', email: 'agent@example.com' });
});
afterAll(() => t.drop());

async function signIn(who: { email: string; password: string }) {
  const r = await call(app, 'POST', '/api/v1/session', { body: { email: who.email, password: who.password } });
  expect(r.status).toBe(201);
  const cookie = r.headers.get('set-cookie')!;
  return { cookie: cookie.split(';')[0]!, csrf: r.body.csrfToken as string, setCookie: cookie, body: r.body };
}

describe('staff sign-in', () => {
  it('sets an HttpOnly, SameSite session cookie and answers who signed in', async () => {
    const s = await signIn(admin);
    expect(s.setCookie).toMatch(/HttpOnly/i);
    expect(s.setCookie).toMatch(/SameSite=Lax/i);
    expect(s.body.user).toMatchObject({ email: 'boss@example.com', role: 'admin' });
    expect(s.body.workspace.slug).toBe(ws.slug);
    const me = await call(app, 'GET', '/api/v1/session', { headers: { cookie: s.cookie } });
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe('boss@example.com');
  });

  it('stores only a hash of the session id', async () => {
    const s = await signIn(admin);
    const secret = decodeURIComponent(s.cookie.split('=')[1]!).split('.')[1]!;
    const rows = await t.db.selectFrom('sessions').select('id_hash').execute();
    expect(rows.some((r) => r.id_hash.toString('base64url') === secret || r.id_hash.toString() === secret)).toBe(false);
  });

  it('refuses a wrong password and an unknown e-mail with the same message', async () => {
    const wrong = await call(app, 'POST', '/api/v1/session', { body: { email: admin.email, password: 'nope nope nope' } });
    const unknown = await call(app, 'POST', '/api/v1/session', { body: { email: 'ghost@example.com', password: 'nope nope nope' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
  });

  it('validates the sign-in body by field', async () => {
    const r = await call(app, 'POST', '/api/v1/session', { body: { email: 'not-an-email', password: '' } });
    expect(r.status).toBe(400);
    expect(r.body.error.details.problems.map((p: { path: string[] }) => p.path[0]).sort()).toEqual(['email', 'password']);
  });

  it('rate-limits repeated attempts on one e-mail with 429 and Retry-After', async () => {
    let last;
    for (let i = 0; i < 11; i++) {
      last = await call(app, 'POST', '/api/v1/session', { body: { email: 'target@example.com', password: 'guess ' + i } });
    }
    expect(last!.status).toBe(429);
    expect(last!.body.error.code).toBe('rate_limited');
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('refuses an expired session with 401 and deletes it', async () => {
    const s = await signIn(agent);
    clock.advance(13 * 3600_000);
    const r = await call(app, 'GET', '/api/v1/customers', { headers: { cookie: s.cookie } });
    expect(r.status).toBe(401);
    expect(r.body.error).toMatchObject({ code: 'unauthenticated', details: { reason: 'session_expired' } });
    clock.advance(-13 * 3600_000);
    expect((await call(app, 'GET', '/api/v1/customers', { headers: { cookie: s.cookie } })).status).toBe(401);
  });

  it('extends a session that is in use', async () => {
    const s = await signIn(agent);
    for (let i = 0; i < 3; i++) {
      clock.advance(8 * 3600_000);
      expect((await call(app, 'GET', '/api/v1/customers', { headers: { cookie: s.cookie } })).status).toBe(200);
    }
  });

  it('signs out, after which the cookie no longer works', async () => {
    const s = await signIn(agent);
    expect((await call(app, 'DELETE', '/api/v1/session', { headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } })).status).toBe(204);
    expect((await call(app, 'GET', '/api/v1/session', { headers: { cookie: s.cookie } })).status).toBe(401);
  });
});

describe('CSRF protection on cookie-authenticated writes', () => {
  it('refuses a write without the CSRF header and accepts it with the header', async () => {
    const s = await signIn(admin);
    const body = { key: 'csrf-test', name: 'CSRF', colour: '#123456' };
    const without = await call(app, 'POST', '/api/v1/departments', { headers: { cookie: s.cookie }, body });
    expect(without.status).toBe(403);
    expect(without.body.error.code).toBe('forbidden');
    const wrong = await call(app, 'POST', '/api/v1/departments', { headers: { cookie: s.cookie, 'x-csrf-token': 'x' }, body });
    expect(wrong.status).toBe(403);
    const ok = await call(app, 'POST', '/api/v1/departments', { headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, body });
    expect(ok.status).toBe(201);
  });

  it('does not ask API-token requests for a CSRF token', async () => {
    const token = await buildToken(t.db, ws.id, 'manager');
    const r = await call(app, 'POST', '/api/v1/departments', { token, body: { key: 'via-token', name: 'Token', colour: '#654321' } });
    expect(r.status).toBe(201);
  });
});

describe('roles', () => {
  it('lets only admins create API tokens and users', async () => {
    const s = await signIn(agent);
    const h = { cookie: s.cookie, 'x-csrf-token': s.csrf };
    const r = await call(app, 'POST', '/api/v1/tokens', { headers: h, body: { name: 'x', role: 'agent' } });
    expect(r.status).toBe(403);
    expect(r.body.error.message).toMatch(/admin/);
    const a = await signIn(admin);
    const made = await call(app, 'POST', '/api/v1/tokens', {
      headers: { cookie: a.cookie, 'x-csrf-token': a.csrf },
      body: { name: 'CRM', role: 'agent' },
    });
    expect(made.status).toBe(201);
    expect(made.body.secret).toMatch(/^kept_/);
    const list = await call(app, 'GET', '/api/v1/tokens', { headers: { cookie: a.cookie } });
    expect(JSON.stringify(list.body)).not.toContain(made.body.secret);
    const useIt = await call(app, 'GET', '/api/v1/customers', { token: made.body.secret });
    expect(useIt.status).toBe(200);
    await call(app, 'DELETE', `/api/v1/tokens/${made.body.token.id}`, { headers: { cookie: a.cookie, 'x-csrf-token': a.csrf } });
    expect((await call(app, 'GET', '/api/v1/customers', { token: made.body.secret })).status).toBe(401);
  });

  it('keeps session-only endpoints away from API tokens', async () => {
    const token = await buildToken(t.db, ws.id, 'admin');
    expect((await call(app, 'GET', '/api/v1/session', { token })).status).toBe(403);
  });

  it('answers 409 for a second user with the same e-mail (any case)', async () => {
    const a = await signIn(admin);
    const r = await call(app, 'POST', '/api/v1/users', {
      headers: { cookie: a.cookie, 'x-csrf-token': a.csrf },
      body: { email: 'AGENT@example.com', name: 'Dup', role: 'agent', password: 'long enough password' },
    });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('conflict');
  });
});

describe('sign-in rate limit behind a trusted proxy', () => {
  it('counts the right-most untrusted X-Forwarded-For entry, so spoofed left-most entries do not reset it', async () => {
    const behind = buildApp(t.db, { config: { trustProxy: parseTrustProxy('10.0.0.0/8') } });
    const env = { incoming: { socket: { remoteAddress: '10.0.0.2' } } };
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      const res = await behind.request(
        '/api/v1/session',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `192.0.2.${i}, 198.51.100.77, 10.9.9.9` },
          body: JSON.stringify({ email: `nobody-${i}@example.com`, password: 'wrong password here' }),
        },
        env,
      );
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
    // Another client behind the same proxy is not affected.
    const other = await behind.request(
      '/api/v1/session',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.78' },
        body: JSON.stringify({ email: 'nobody@example.com', password: 'wrong password here' }),
      },
      env,
    );
    expect(other.status).toBe(401);
  });
});
