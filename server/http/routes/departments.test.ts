import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, buildToken, buildUser, buildWorkspace, call, type TestApp } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';

let t: TestDatabase;
let app: TestApp;
let manager: string;
let agent: string;
let userId: string;
let otherWorkspaceUser: string;

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db);
  const ws = await buildWorkspace(t.db);
  manager = await buildToken(t.db, ws.id, 'manager');
  agent = await buildToken(t.db, ws.id, 'agent');
  userId = (await buildUser(t.db, ws.id)).id;
  otherWorkspaceUser = (await buildUser(t.db, (await buildWorkspace(t.db)).id)).id;
});
afterAll(() => t.drop());

describe('departments', () => {
  it('creates, lists, renames and recolours a department', async () => {
    const made = await call(app, 'POST', '/api/v1/departments', {
      token: manager,
      body: { key: 'billing', name: 'Billing', colour: '#1F77B4' },
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ key: 'billing', name: 'Billing', colour: '#1f77b4', memberIds: [] });
    const patched = await call(app, 'PATCH', `/api/v1/departments/${made.body.id}`, {
      token: manager,
      body: { name: 'Billing & Payments', colour: '#ff7f0e' },
    });
    expect(patched.body).toMatchObject({ name: 'Billing & Payments', colour: '#ff7f0e' });
    const list = await call(app, 'GET', '/api/v1/departments', { token: agent });
    expect(list.body.items.map((d: { key: string }) => d.key)).toContain('billing');
  });

  it('adds and removes members, refusing users of another workspace', async () => {
    const d = (
      await call(app, 'POST', '/api/v1/departments', { token: manager, body: { key: 'helpdesk', name: 'Helpdesk', colour: '#2ca02c' } })
    ).body;
    const added = await call(app, 'PUT', `/api/v1/departments/${d.id}/members/${userId}`, { token: manager });
    expect(added.body.memberIds).toEqual([userId]);
    expect((await call(app, 'PUT', `/api/v1/departments/${d.id}/members/${userId}`, { token: manager })).body.memberIds).toEqual([userId]);
    expect((await call(app, 'PUT', `/api/v1/departments/${d.id}/members/${otherWorkspaceUser}`, { token: manager })).status).toBe(404);
    const removed = await call(app, 'DELETE', `/api/v1/departments/${d.id}/members/${userId}`, { token: manager });
    expect(removed.body.memberIds).toEqual([]);
  });

  it('answers 409 for a key that is taken and 400 naming bad fields', async () => {
    const dup = await call(app, 'POST', '/api/v1/departments', {
      token: manager,
      body: { key: 'billing', name: 'Again', colour: '#000000' },
    });
    expect(dup.status).toBe(409);
    const bad = await call(app, 'POST', '/api/v1/departments', { token: manager, body: { key: 'Has Spaces', name: '', colour: 'blue' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.problems.map((p: { path: string[] }) => p.path[0]).sort()).toEqual(['colour', 'key', 'name']);
  });

  it('lets agents read but not change departments', async () => {
    const r = await call(app, 'POST', '/api/v1/departments', { token: agent, body: { key: 'sales', name: 'Sales', colour: '#9467bd' } });
    expect(r.status).toBe(403);
    expect((await call(app, 'PATCH', '/api/v1/departments/nope', { token: manager, body: { name: 'x' } })).status).toBe(404);
  });
});
