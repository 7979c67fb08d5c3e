import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, buildToken, buildWorkspace, call, type TestApp } from '../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { checkInput, textProblem } from './input-check.ts';

describe('checkInput', () => {
  it('refuses NUL and lone surrogates in strings and keys, naming where', () => {
    expect(textProblem('fine \uD83D\uDE00 emoji')).toBeUndefined();
    expect(textProblem('a\u0000')).toMatch(/NUL/);
    expect(textProblem('\uD800')).toMatch(/lone/);
    expect(textProblem('x\uDC00y')).toMatch(/lone/);
    expect(() => checkInput({ a: [{ b: 'ok' }, { c: 'x\u0000' }], ['k\uD800']: 1 })).toThrow(
      expect.objectContaining({
        code: 'invalid_input',
        details: {
          problems: [
            { path: ['k\uD800'], message: expect.stringMatching(/its name contains a lone/) },
            { path: ['a', 1, 'c'], message: expect.stringMatching(/NUL/) },
          ],
        },
      }),
    );
  });

  it('walks 100,000 levels of nesting without recursion and refuses past 64', () => {
    let v: unknown = 'x';
    for (let i = 0; i < 100_000; i++) v = [v];
    expect(() => checkInput(v)).toThrow(/nested more than 64 levels/);
    let ok: unknown = 'x';
    for (let i = 0; i < 60; i++) ok = { d: ok };
    expect(() => checkInput(ok)).not.toThrow();
  });
});

let t: TestDatabase;
let app: TestApp;
let admin: string;
let slug: string;
beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db);
  const ws = await buildWorkspace(t.db);
  slug = ws.slug;
  admin = await buildToken(t.db, ws.id, 'admin');
});
afterAll(() => t.drop());

describe('bad input through the app', () => {
  it('answers an empty PATCH with a named 400, not an SQL error', async () => {
    const d = await call(app, 'POST', '/api/v1/departments', { token: admin, body: { key: 'ops', name: 'Ops', colour: '#123456' } });
    const r = await call(app, 'PATCH', `/api/v1/departments/${d.body.id}`, { token: admin, body: {} });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'invalid_input', message: 'Nothing to change: send at least one field' });
  });

  it('answers NUL, a lone surrogate and 3,000 levels of nesting in a body, a query and a public form with 400', async () => {
    const ev = { type: 'order.delivered', customer: { externalId: 'n-1' }, occurredAt: '2026-01-01T00:00:00Z', source: 'shop' };
    for (const data of [{ note: 'a\u0000b' }, { note: 'a\uD800b' }]) {
      const r = await call(app, 'POST', '/api/v1/events', { token: admin, body: { ...ev, data } });
      expect(r.status).toBe(400);
      expect(r.body.error.details.problems[0].path).toEqual(['data', 'note']);
    }
    let deep: unknown = 1;
    for (let i = 0; i < 3000; i++) deep = { d: deep };
    const r = await call(app, 'POST', '/api/v1/events', { token: admin, body: { ...ev, data: deep } });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/nested more than 64 levels/);
    expect((await call(app, 'GET', '/api/v1/customers?q=a%00b', { token: admin })).status).toBe(400);
    const form = await app.request(`/complain/${slug}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'body=broken%00jar&email=a%40example.com&name=A',
    });
    expect(form.status).toBe(400);
  });
});
