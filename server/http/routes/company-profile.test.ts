import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, buildToken, buildWorkspace, call, type TestApp } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { ensureWorkspace } from '../../domain/core/staff.ts';
import { companyVoice, senderOf } from '../../domain/core/company-profile.ts';

let t: TestDatabase;
let app: TestApp;
let admin: string;
let agent: string;
let workspaceName: string;

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db);
  const ws = await buildWorkspace(t.db);
  workspaceName = ws.name;
  admin = await buildToken(t.db, ws.id, 'admin');
  agent = await buildToken(t.db, ws.id, 'agent');
});
afterAll(() => t.drop());

describe('the company profile', () => {
  it('starts from the workspace’s name, unconfirmed, and is never named Kept', async () => {
    const r = await call(app, 'GET', '/api/v1/settings/company', { token: agent });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ companyName: workspaceName, confirmed: false, timeZone: 'UTC', defaultLocale: 'en', poweredBy: false });
    const unnamed = await ensureWorkspace(t.db, 'north-wind');
    expect((await companyVoice(t.db, unnamed.id)).companyName).toBe('North Wind');
  });

  it('saves what an admin gives, with HTML-sensitive and non-ASCII names, and confirms it', async () => {
    const r = await call(app, 'PATCH', '/api/v1/settings/company', {
      token: admin,
      body: { companyName: 'Harbour & Pine Café', brandColour: '#0F5', timeZone: 'Europe/Berlin', senderAddress: 'hi@harbour.example' },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      companyName: 'Harbour & Pine Café',
      brandColour: '#00ff55',
      timeZone: 'Europe/Berlin',
      confirmed: true,
    });
    const cleared = await call(app, 'PATCH', '/api/v1/settings/company', { token: admin, body: { senderAddress: null } });
    expect(cleared.body).toMatchObject({ senderAddress: null, companyName: 'Harbour & Pine Café' });
    expect((await call(app, 'PATCH', '/api/v1/settings/company', { token: agent, body: { companyName: 'X' } })).status).toBe(403);
  });

  it.each([
    [{ logoUrl: 'javascript:alert(1)' }, 'logoUrl', 'invalid_logo_url'],
    [{ logoUrl: 'data:image/png;base64,AAAA' }, 'logoUrl', 'invalid_logo_url'],
    [{ brandColour: 'blue' }, 'brandColour', 'invalid_colour'],
    [{ brandColour: '#12345g' }, 'brandColour', 'invalid_colour'],
    [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone', 'invalid_time_zone'],
    [{ timeZone: '' }, 'timeZone', 'invalid_time_zone'],
    [{ replyTo: 'not an address' }, 'replyTo', 'invalid_reply_to'],
    [{ companyName: '   ' }, 'companyName', 'invalid_company_name'],
  ])('refuses %o by name and stores nothing', async (body, path, reason) => {
    const before = (await call(app, 'GET', '/api/v1/settings/company', { token: admin })).body;
    const r = await call(app, 'PATCH', '/api/v1/settings/company', { token: admin, body: { ...body, signature: 'should not be stored' } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_input');
    expect(r.body.error.details.problems).toContainEqual(expect.objectContaining({ path: [path], reason }));
    expect((await call(app, 'GET', '/api/v1/settings/company', { token: admin })).body).toEqual(before);
  });

  it('sends customer mail from the company, with a quoted display name', () => {
    const v = { companyName: 'Harbour & "Pine"', senderName: null, senderAddress: null, replyTo: 'care@harbour.example' };
    expect(senderOf(v as Parameters<typeof senderOf>[0], 'Kept <kept@localhost>')).toEqual({
      from: '"Harbour & \\"Pine\\"" <kept@localhost>',
      replyTo: 'care@harbour.example',
    });
  });
});
