// The audit log: every successful write by a person or a token is recorded (who, what, when, from
// where), reads and refusals are not; admins read it page by page with filters and export it;
// the database refuses to change it. Retention: its settings' changes are recorded with before
// and after, and the job deletes old events and mails only.
import { parseTrustProxy } from '../../lib/trusted-proxies.ts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, buildToken, buildUser, buildWorkspace, call, event, type TestApp } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { applyRetention } from '../../domain/core/retention.ts';
import { enqueueMail } from '../../storage/mails.ts';

let t: TestDatabase;
let app: TestApp;
let ws: string;
let admin: string;
let agent: string;
let adminUser: { id: string; email: string; password: string };

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db, { config: { trustProxy: parseTrustProxy('true') } });
  ws = (await buildWorkspace(t.db)).id;
  admin = await buildToken(t.db, ws, 'admin');
  agent = await buildToken(t.db, ws, 'agent');
  adminUser = await buildUser(t.db, ws, { role: 'admin' });
});
afterAll(() => t.drop());

const entries = async (query = '') => {
  const r = await call(app, 'GET', `/api/v1/audit${query}`, { token: admin });
  expect(r.status).toBe(200);
  return r.body.items as { action: string; target: string | null; actor: { kind: string; id: string | null }; client: string }[];
};

describe('the audit log', () => {
  it('records successful writes of tokens and people, with the client address, and nothing else', async () => {
    const dep = await call(app, 'POST', '/api/v1/departments', {
      token: agent,
      body: { key: 'audit-dep', name: 'Audit', colour: '#123456' },
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(dep.status).toBe(403); // refused: not recorded
    const made = await call(app, 'POST', '/api/v1/departments', {
      token: admin,
      body: { key: 'audit-dep', name: 'Audit', colour: '#123456' },
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(made.status).toBe(201);
    const changed = await call(app, 'PATCH', `/api/v1/departments/${made.body.id}`, { token: admin, body: { name: 'Audited' } });
    expect(changed.status).toBe(200);
    await call(app, 'GET', '/api/v1/departments', { token: admin }); // a read: not recorded
    await call(app, 'POST', '/api/v1/departments', { token: admin, body: { key: '' } }); // invalid: not recorded

    const s = await call(app, 'POST', '/api/v1/session', { body: { email: adminUser.email, password: adminUser.password } });
    expect(s.status).toBe(201);

    const all = await entries();
    expect(all.map((e) => e.action)).toEqual(['POST /api/v1/session', 'PATCH /api/v1/departments/{id}', 'POST /api/v1/departments']);
    expect(all[2]).toMatchObject({ actor: { kind: 'token', role: 'admin' }, client: '203.0.113.9', target: null });
    expect(all[1]).toMatchObject({ target: `id=${made.body.id}` });
    expect(all[0]).toMatchObject({ actor: { kind: 'user', id: adminUser.id, role: 'admin' } });
  });

  it('is for admins only', async () => {
    expect((await call(app, 'GET', '/api/v1/audit', { token: agent })).status).toBe(403);
    expect((await call(app, 'GET', '/api/v1/audit/export', { token: agent })).status).toBe(403);
  });

  it('filters by actor, action and period, and pages without gaps', async () => {
    for (let i = 0; i < 5; i++)
      await call(app, 'POST', '/api/v1/events', {
        token: admin,
        body: event({ customer: { externalId: `a-${i}` }, occurredAt: new Date().toISOString() }),
      });
    expect(await entries('?action=events')).toHaveLength(5);
    expect(await entries(`?actor=${adminUser.id}`)).toHaveLength(1);
    expect(await entries('?to=2000-01-01T00:00:00Z')).toHaveLength(0);
    expect((await entries(`?from=${new Date(Date.now() - 60_000).toISOString()}`)).length).toBe(8);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r: { body: { items: { id: string }[]; nextCursor: string | null } } = await call(
        app,
        'GET',
        `/api/v1/audit?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        { token: admin },
      );
      seen.push(...r.body.items.map((e) => e.id));
      cursor = r.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
  });

  it('exports as JSON lines and as CSV', async () => {
    const jsonl = await app.request('/api/v1/audit/export?action=departments', { headers: { authorization: `Bearer ${admin}` } });
    expect(jsonl.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = (await jsonl.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.action)).toEqual(['PATCH /api/v1/departments/{id}', 'POST /api/v1/departments']);
    const csv = await app.request('/api/v1/audit/export?format=csv', { headers: { authorization: `Bearer ${admin}` } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const rows = (await csv.text()).trim().split('\r\n');
    expect(rows[0]).toBe('id,at,actorKind,actorId,actorRole,action,target,status,client,requestId,detail');
    expect(rows).toHaveLength(9);
  });

  it('cannot be changed or deleted, even with SQL', async () => {
    await expect(sql`UPDATE audit_log SET action = 'nothing' WHERE workspace_id = ${ws}`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log WHERE workspace_id = ${ws}`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
    expect((await entries()).length).toBe(8);
  });
});

describe('retention', () => {
  it('records its changes with before and after, and the job deletes only what is older', async () => {
    expect((await call(app, 'GET', '/api/v1/settings/retention', { token: admin })).body).toEqual({ eventDays: null, mailDays: null });
    const put = await call(app, 'PUT', '/api/v1/settings/retention', { token: admin, body: { eventDays: 30, mailDays: 90 } });
    expect(put.status).toBe(200);
    const [changed] = await entries('?action=retention');
    expect(changed).toMatchObject({
      action: 'retention.changed',
      detail: { before: { eventDays: null }, after: { eventDays: 30, mailDays: 90 } },
    });

    const now = new Date();
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();
    const r = await call(app, 'POST', '/api/v1/events', {
      token: admin,
      body: { events: [event({ occurredAt: daysAgo(31), data: { old: 1 } }), event({ occurredAt: daysAgo(29), data: { recent: 1 } })] },
    });
    expect(r.status).toBe(201);
    const mail = (daysOld: number, status: 'sent' | 'queued') =>
      t.db.transaction().execute(async (tx) => {
        const id = await enqueueMail(
          tx,
          ws,
          { customerId: null, invitationId: null, kind: 'test', to: 'x@example.com', subject: 's', html: '', text: '', headers: {} },
          new Date(daysAgo(daysOld)),
        );
        await tx.updateTable('mails').set({ status }).where('id', '=', id).execute();
        return id;
      });
    const oldSent = await mail(91, 'sent');
    const oldQueued = await mail(91, 'queued');
    const recentSent = await mail(10, 'sent');

    const run = await applyRetention(t.db, now);
    expect(run).toEqual({ events: 1, mails: 1 });
    const ev = await t.db.selectFrom('events').select('data').where('workspace_id', '=', ws).execute();
    expect(ev.some((e) => 'old' in e.data)).toBe(false);
    expect(ev.some((e) => 'recent' in e.data)).toBe(true);
    const mails = (await t.db.selectFrom('mails').select('id').where('workspace_id', '=', ws).execute()).map((m) => m.id);
    expect(mails).not.toContain(oldSent);
    expect(mails).toEqual(expect.arrayContaining([oldQueued, recentSent]));
    const [applied] = await entries('?action=retention.applied');
    expect(applied).toMatchObject({ actor: { kind: 'system', id: null }, detail: { events: 1, mails: 1 } });
    expect(await applyRetention(t.db, now)).toEqual({ events: 0, mails: 0 });
  });

  it('refuses nonsense and agents', async () => {
    expect((await call(app, 'PUT', '/api/v1/settings/retention', { token: admin, body: { eventDays: 0, mailDays: null } })).status).toBe(
      400,
    );
    expect((await call(app, 'PUT', '/api/v1/settings/retention', { token: agent, body: { eventDays: 5, mailDays: null } })).status).toBe(
      403,
    );
  });
});
