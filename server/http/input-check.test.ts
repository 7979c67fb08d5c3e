import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, buildToken, buildWorkspace, call, type TestApp } from '../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { checkInput, jsonMayHoldBadText, textProblem } from './input-check.ts';

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

  it('finds the same problems whichever walk first sees them: own keys only, __proto__ included, arrays, keys', () => {
    const parsed = JSON.parse('{"ok":[1,"two",{"three":null}],"__proto__":"a\\u0000"}') as unknown;
    expect(() => checkInput(parsed)).toThrow(
      expect.objectContaining({ details: { problems: [{ path: ['__proto__'], message: expect.stringMatching(/NUL/) }] } }),
    );
    const inherited = Object.create({ bad: 'x\u0000' }) as Record<string, unknown>;
    inherited.fine = 'y';
    expect(() => checkInput(inherited)).not.toThrow(); // as Object.entries: own keys only
    expect(() => checkInput([['a', ['b', { 'k\u0000': 1 }]]])).toThrow(
      expect.objectContaining({ details: { problems: [{ path: [0, 1, 1, 'k\u0000'], message: expect.stringMatching(/its name/) }] } }),
    );
    const batch = { events: Array.from({ length: 1000 }, (_, i) => ({ type: 't', data: { i, s: `é ${i} \uD83D\uDE00` } })) };
    expect(() => checkInput(batch)).not.toThrow();
  });

  it('tells JSON texts that may hold a NUL or a lone surrogate from those that cannot', () => {
    for (const text of ['"a\\u0000"', '"\\ud800"', '"\\uDFFF"', '"\\uDbff\\uDc00"', '"\\\\u0000"'])
      expect(jsonMayHoldBadText(text), text).toBe(true); // the last two are false alarms: a pair, an escaped backslash
    for (const text of ['"plain é \uD83D\uDE00"', '"\\u00e9\\u0041"', '"\\ud7ff\\ue000"', '{"a":"\\\\"}'])
      expect(jsonMayHoldBadText(text), text).toBe(false);
  });

  it('checks only the depth when the texts are known clean (the caller’s word is taken)', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 65; i++) deep = { d: deep };
    expect(() => checkInput(deep, 'body', [], { textsChecked: true })).toThrow(/nested more than 64 levels/);
    expect(() => checkInput({ a: 'x\u0000' }, 'body', [], { textsChecked: true })).not.toThrow(); // the caller's word is taken
    expect(() => checkInput({ a: 'x\u0000', deep }, 'body', [], { textsChecked: true })).toThrow(/nested more than 64/);
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

  it('stores what only looks like a bad escape, and what UTF-8 decoding made of an encoded surrogate; refuses a lone one however written', async () => {
    const post = (body: string | Uint8Array<ArrayBuffer>) =>
      app.request('/api/v1/events', {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body,
      });
    const ev = (note: string) =>
      `{"type":"order.delivered","customer":{"externalId":"esc-1"},"occurredAt":"2026-01-01T00:00:00Z","source":"shop","data":{"note":"${note}"}}`;
    const stored = async (res: Response) => {
      expect(res.status).toBe(201);
      const { event } = (await res.json()) as { event: { data: { note: string } } };
      return event.data.note;
    };
    expect(await stored(await post(ev('\\\\u0000')))).toBe('\\u0000'); // an escaped backslash, then "u0000"
    expect(await stored(await post(ev('\\ud83d\\ude00')))).toBe('\uD83D\uDE00'); // a pair of escapes is one character
    // CESU-8: a surrogate encoded on its own in UTF-8 bytes. Decoding makes it U+FFFD, never a lone surrogate.
    const [head, tail] = ev('@').split('@') as [string, string];
    const bytes = new Uint8Array(Buffer.concat([Buffer.from(head), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(tail)]));
    const note = await stored(await post(bytes));
    expect(textProblem(note)).toBeUndefined();
    expect(note).toContain('\uFFFD');
    for (const bad of ['\\uD800', '\\udc00x', 'a\\u0000']) expect((await post(ev(bad))).status, bad).toBe(400);
  });
});
