import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildApp, buildToken, buildUser, buildWorkspace, call, type TestApp } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { manualClock } from '../../domain/core/clock.ts';
import { uuidv7 } from '../../lib/ids.ts';
import { enqueueMail } from '../../storage/mails.ts';

let t: TestDatabase;
let app: TestApp;
let manager: string;
let agent: string;
let otherManager: string;
let ws: string;
const ids: string[] = [];
const clock = manualClock('2026-03-02T09:00:00Z');

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db, { clock });
  ws = (await buildWorkspace(t.db)).id;
  manager = await buildToken(t.db, ws, 'manager');
  agent = await buildToken(t.db, ws, 'agent');
  otherManager = await buildToken(t.db, (await buildWorkspace(t.db)).id, 'manager');
  for (let i = 0; i < 5; i++) {
    clock.advance(1000);
    ids.push(
      await enqueueMail(
        t.db,
        ws,
        {
          customerId: null,
          invitationId: null,
          kind: 'survey_invitation',
          to: `m${i}@example.com`,
          subject: `Mail ${i}`,
          html: '<p>hi</p>',
          text: 'hi',
          headers: { 'List-Unsubscribe': '<https://kept.test/u/x>' },
        },
        clock.now(),
      ),
    );
  }
});
afterAll(() => t.drop());

describe('GET /api/v1/mails', () => {
  it('lists the mail newest first, in pages', async () => {
    const first = await call(app, 'GET', '/api/v1/mails?limit=3', { token: manager });
    expect(first.status).toBe(200);
    expect(first.body.items.map((m: { subject: string }) => m.subject)).toEqual(['Mail 4', 'Mail 3', 'Mail 2']);
    expect(first.body.items[0]).toMatchObject({
      id: ids[4],
      to: 'm4@example.com',
      kind: 'survey_invitation',
      status: 'queued',
      attempts: 0,
      lastError: null,
      sentAt: null,
      messageId: null,
      claimedBy: null,
      claimedAt: null,
      resends: [],
      headers: { 'List-Unsubscribe': '<https://kept.test/u/x>' },
      html: '<p>hi</p>',
      text: 'hi',
    });
    const second = await call(app, 'GET', `/api/v1/mails?limit=3&cursor=${first.body.nextCursor}`, { token: manager });
    expect(second.body.items.map((m: { subject: string }) => m.subject)).toEqual(['Mail 1', 'Mail 0']);
    expect(second.body.nextCursor).toBeNull();
  });

  it('is for managers, and only shows their workspace', async () => {
    expect((await call(app, 'GET', '/api/v1/mails', { token: agent })).status).toBe(403);
    expect((await call(app, 'GET', '/api/v1/mails')).status).toBe(401);
    expect((await call(app, 'GET', '/api/v1/mails', { token: otherManager })).body.items).toEqual([]);
  });

  it('refuses a bad cursor or limit', async () => {
    expect((await call(app, 'GET', '/api/v1/mails?cursor=nonsense', { token: manager })).status).toBe(400);
    expect((await call(app, 'GET', '/api/v1/mails?limit=0', { token: manager })).status).toBe(400);
    expect((await call(app, 'GET', '/api/v1/mails?status=sent', { token: manager })).status).toBe(400);
  });
});

describe('GET /api/v1/mails/{id}', () => {
  it('answers one mail of the workspace, 404 otherwise', async () => {
    const r = await call(app, 'GET', `/api/v1/mails/${ids[0]}`, { token: manager });
    expect(r.status).toBe(200);
    expect(r.body.subject).toBe('Mail 0');
    expect((await call(app, 'GET', `/api/v1/mails/${ids[0]}`, { token: otherManager })).status).toBe(404);
    expect((await call(app, 'GET', `/api/v1/mails/${uuidv7()}`, { token: manager })).status).toBe(404);
    expect((await call(app, 'GET', '/api/v1/mails/not-a-uuid', { token: manager })).status).toBe(400);
  });
});

describe('POST /api/v1/mails/{id}/resend', () => {
  const setStatus = (id: string, status: string, error: string | null = null) =>
    sql`UPDATE mails SET status = ${status}, last_error = ${error}, next_attempt_at = NULL WHERE id = ${id}`.execute(t.db);

  it('queues an unknown mail again and records the person who chose to', async () => {
    const user = await buildUser(t.db, ws, { role: 'manager' });
    const signIn = await call(app, 'POST', '/api/v1/session', { body: { email: user.email, password: user.password } });
    const headers = { cookie: signIn.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': signIn.body.csrfToken as string };
    await setStatus(ids[1]!, 'unknown', 'Kept stopped while handing this to the mail server');

    const r = await call(app, 'POST', `/api/v1/mails/${ids[1]}/resend`, { headers });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: ids[1], status: 'queued', attempts: 0, lastError: null });
    expect(r.body.resends).toEqual([
      {
        at: clock.now().toISOString(),
        byUserId: user.id,
        byTokenId: null,
        byName: 'Test User',
        fromStatus: 'unknown',
        fromError: 'Kept stopped while handing this to the mail server',
      },
    ]);
    const listed = await call(app, 'GET', '/api/v1/mails?limit=5', { token: manager });
    expect(listed.body.items.find((m: { id: string }) => m.id === ids[1]).resends).toHaveLength(1);
    expect((await call(app, 'POST', `/api/v1/mails/${ids[1]}/resend`, { headers })).status).toBe(409); // queued already
  });

  it('queues a failed mail again for an API token, recorded as the token', async () => {
    await setStatus(ids[2]!, 'failed', '550 Mailbox unavailable');
    const r = await call(app, 'POST', `/api/v1/mails/${ids[2]}/resend`, { token: manager });
    expect(r.status).toBe(200);
    expect(r.body.resends).toMatchObject([{ byUserId: null, byTokenId: expect.any(String), byName: 'test', fromStatus: 'failed' }]);
  });

  it('refuses a mail that is queued, sending, sent or a preview, and answers what it is', async () => {
    for (const status of ['sent', 'preview', 'queued']) {
      await setStatus(ids[3]!, status);
      const r = await call(app, 'POST', `/api/v1/mails/${ids[3]}/resend`, { token: manager });
      expect(r.status).toBe(409);
      expect(r.body.error).toMatchObject({ code: 'conflict', details: { status } });
    }
  });

  it("is for managers of the mail's own workspace", async () => {
    await setStatus(ids[4]!, 'unknown');
    expect((await call(app, 'POST', `/api/v1/mails/${ids[4]}/resend`, { token: agent })).status).toBe(403);
    expect((await call(app, 'POST', `/api/v1/mails/${ids[4]}/resend`, { token: otherManager })).status).toBe(404);
    expect((await call(app, 'POST', `/api/v1/mails/${uuidv7()}/resend`, { token: manager })).status).toBe(404);
    expect((await call(app, 'GET', `/api/v1/mails/${ids[4]}`, { token: manager })).body.status).toBe('unknown');
  });
});
