import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../domain/core/clock.ts';
import { buildApp, buildToken, buildUser, buildWorkspace, call, type TestApp } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';

let t: TestDatabase;
let app: TestApp;
let ws: { id: string; slug: string };
let adminToken: string;
let managerToken: string;
let agentToken: string;
let admin: Awaited<ReturnType<typeof buildUser>>;
let foreignUser: string;
const clock = manualClock('2026-03-01T09:00:00Z');
const publicUrl = 'https://kept.test';

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db, { clock, config: { publicUrl } });
  ws = await buildWorkspace(t.db);
  admin = await buildUser(t.db, ws.id, { role: 'admin', email: 'boss@example.com' });
  adminToken = await buildToken(t.db, ws.id, 'admin');
  managerToken = await buildToken(t.db, ws.id, 'manager');
  agentToken = await buildToken(t.db, ws.id, 'agent');
  foreignUser = (await buildUser(t.db, (await buildWorkspace(t.db)).id)).id;
});
afterAll(() => t.drop());

async function signIn(email: string, password: string) {
  const r = await call(app, 'POST', '/api/v1/session', { body: { email, password } });
  if (r.status !== 201) return { status: r.status, cookie: '', csrf: '' };
  return { status: r.status, cookie: r.headers.get('set-cookie')!.split(';')[0]!, csrf: r.body.csrfToken as string };
}

/** The secret of the newest mail of this kind to this address, from the queued mail's link. */
async function linkIn(to: string, kind: string) {
  const m = await t.db
    .selectFrom('mails')
    .select(['text', 'subject'])
    .where('to_address', '=', to)
    .where('kind', '=', kind)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const url = /https:\/\/kept\.test\/set-password#token=(\S+)/.exec(m.text);
  expect(url).not.toBeNull();
  return url![1]!;
}

const department = async (key: string) =>
  (await call(app, 'POST', '/api/v1/departments', { token: adminToken, body: { key, name: key, colour: '#1f77b4' } })).body.id as string;

describe('inviting staff', () => {
  it('invites by e-mail: a queued mail carries a one-time link; the person sets a password and signs in', async () => {
    const support = await department('care');
    const r = await call(app, 'POST', '/api/v1/team/invitations', {
      token: adminToken,
      body: { email: 'ann@example.com', name: 'Ann', role: 'agent', departmentIds: [support] },
    });
    expect(r.status).toBe(201);
    expect(r.body.member).toMatchObject({ email: 'ann@example.com', role: 'agent', status: 'invited', departmentIds: [support] });
    expect(r.body.linkExpiresAt).toBe('2026-03-08T09:00:00.000Z');
    expect((await signIn('ann@example.com', 'anything at all')).status).toBe(401);
    const secret = await linkIn('ann@example.com', 'staff_invitation');
    expect((await call(app, 'POST', '/api/v1/password', { body: { token: secret, password: 'short' } })).status).toBe(400);
    expect((await call(app, 'POST', '/api/v1/password', { body: { token: secret, password: 'anns own password' } })).status).toBe(204);
    expect((await signIn('ann@example.com', 'anns own password')).status).toBe(201);
    const again = await call(app, 'POST', '/api/v1/password', { body: { token: secret, password: 'someone elses pw' } });
    expect(again.status).toBe(410);
    expect((await signIn('ann@example.com', 'someone elses pw')).status).toBe(401);
    const team = await call(app, 'GET', '/api/v1/team', { token: agentToken });
    expect(team.body.items.find((m: { email: string }) => m.email === 'ann@example.com').status).toBe('active');
  });

  it('refuses an expired link, a replaced link and a made-up one with 410', async () => {
    await call(app, 'POST', '/api/v1/team/invitations', {
      token: adminToken,
      body: { email: 'bo@example.com', name: 'Bo', role: 'agent' },
    });
    const first = await linkIn('bo@example.com', 'staff_invitation');
    const bo = (await call(app, 'GET', '/api/v1/team', { token: adminToken })).body.items.find(
      (m: { email: string }) => m.email === 'bo@example.com',
    );
    expect((await call(app, 'POST', `/api/v1/team/${bo.id}/invitation`, { token: adminToken })).status).toBe(200);
    const second = await linkIn('bo@example.com', 'staff_invitation');
    expect(second).not.toBe(first);
    expect((await call(app, 'POST', '/api/v1/password', { body: { token: first, password: 'a good password' } })).status).toBe(410);
    clock.advance(7 * 24 * 3600_000 + 1000);
    try {
      expect((await call(app, 'POST', '/api/v1/password', { body: { token: second, password: 'a good password' } })).status).toBe(410);
    } finally {
      clock.advance(-(7 * 24 * 3600_000 + 1000));
    }
    expect((await call(app, 'POST', '/api/v1/password', { body: { token: 'made-up', password: 'a good password' } })).status).toBe(410);
  });

  it('lets no agent invite, answers 409 for a taken e-mail and 400 naming bad fields', async () => {
    const body = { email: 'cy@example.com', name: 'Cy', role: 'agent' };
    expect((await call(app, 'POST', '/api/v1/team/invitations', { token: agentToken, body })).status).toBe(403);
    // A manager's API token is in no department, so it invites nobody.
    const byToken = await call(app, 'POST', '/api/v1/team/invitations', { token: managerToken, body });
    expect([byToken.status, byToken.body.error.details.reason]).toEqual([403, 'not_your_department']);
    const dup = await call(app, 'POST', '/api/v1/team/invitations', { token: adminToken, body: { ...body, email: 'BOSS@example.com' } });
    expect(dup.status).toBe(409);
    const bad = await call(app, 'POST', '/api/v1/team/invitations', {
      token: adminToken,
      body: { email: 'nope', name: ' ', role: 'owner', extra: 1 },
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.details.problems.map((p: { path: string[] }) => p.path[0] ?? '(input)');
    for (const f of ['email', 'name', 'role']) expect(paths).toContain(f);
    const noDept = await call(app, 'POST', '/api/v1/team/invitations', {
      token: adminToken,
      body: { ...body, departmentIds: ['0190a5d0-0000-7000-8000-000000000000'] },
    });
    expect(noDept.status).toBe(400);
    expect(noDept.body.error.details.problems[0].path).toEqual(['departmentIds', 0]);
    const noMail = await t.db.selectFrom('mails').select('id').where('to_address', '=', 'cy@example.com').execute();
    expect(noMail).toEqual([]);
  });
});

describe('a manager', () => {
  it('invites agents into departments they are in, never a manager or an admin, never elsewhere', async () => {
    const [mine, also, other] = [await department('m-mine'), await department('m-also'), await department('m-other')];
    const meg = await buildUser(t.db, ws.id, { role: 'manager' });
    await call(app, 'PATCH', `/api/v1/team/${meg.id}`, { token: adminToken, body: { departmentIds: [mine, also] } });
    const s = await signIn(meg.email, meg.password);
    const invite = (body: object) =>
      call(app, 'POST', '/api/v1/team/invitations', { headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, body });
    const ok = await invite({ email: 'new-agent@example.com', name: 'Nia', role: 'agent', departmentIds: [mine, also] });
    expect(ok.status).toBe(201);
    expect(ok.body.member).toMatchObject({ role: 'agent', status: 'invited', departmentIds: [mine, also] });
    await linkIn('new-agent@example.com', 'staff_invitation');
    const refused = async (body: object, reason: string) => {
      const r = await invite(body);
      expect([r.status, r.body.error.details.reason]).toEqual([403, reason]);
    };
    await refused({ email: 'x1@example.com', name: 'X', role: 'admin', departmentIds: [mine] }, 'agents_only');
    await refused({ email: 'x2@example.com', name: 'X', role: 'manager', departmentIds: [mine] }, 'agents_only');
    await refused({ email: 'x3@example.com', name: 'X', role: 'agent', departmentIds: [mine, other] }, 'not_your_department');
    await refused({ email: 'x4@example.com', name: 'X', role: 'agent' }, 'not_your_department');
    const none = await t.db.selectFrom('users').select('id').where('email', 'like', 'x_@example.com').execute();
    expect(none).toEqual([]);
    // A role change stays with admins.
    const patch = await call(app, 'PATCH', `/api/v1/team/${ok.body.member.id}`, {
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
      body: { role: 'manager' },
    });
    expect(patch.status).toBe(403);
  });

  it('deactivates agents of their departments and mails them new links; not managers, admins or other departments', async () => {
    const [mine, other] = [await department('d-mine'), await department('d-other')];
    const mo = await buildUser(t.db, ws.id, { role: 'manager' });
    const [inMine, inOther, peer] = [
      await buildUser(t.db, ws.id, { role: 'agent' }),
      await buildUser(t.db, ws.id, { role: 'agent' }),
      await buildUser(t.db, ws.id, { role: 'manager' }),
    ];
    for (const [id, deps] of [
      [mo.id, [mine]],
      [inMine.id, [other, mine]],
      [inOther.id, [other]],
      [peer.id, [mine]],
    ] as const)
      await call(app, 'PATCH', `/api/v1/team/${id}`, { token: adminToken, body: { departmentIds: deps } });
    const s = await signIn(mo.email, mo.password);
    const as = { headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } };
    const leave = (id: string) => call(app, 'POST', `/api/v1/team/${id}/deactivation`, as);
    for (const [id, reason] of [
      [inOther.id, 'not_your_department'],
      [peer.id, 'agents_only'],
      [admin.id, 'agents_only'],
    ] as const) {
      const r = await leave(id);
      expect([r.status, r.body.error.details.reason]).toEqual([403, reason]);
    }
    expect((await leave(foreignUser)).status).toBe(404);
    const invited = await call(app, 'POST', '/api/v1/team/invitations', {
      ...as,
      body: { email: 'later@example.com', name: 'Lat', role: 'agent', departmentIds: [mine] },
    });
    expect((await call(app, 'POST', `/api/v1/team/${invited.body.member.id}/invitation`, as)).status).toBe(200);
    const r = await leave(inMine.id);
    expect(r.status).toBe(200);
    const states = (await call(app, 'GET', '/api/v1/team', { token: adminToken })).body.items as { id: string; status: string }[];
    const stateOf = (id: string) => states.find((m) => m.id === id)!.status;
    expect([stateOf(inMine.id), stateOf(inOther.id), stateOf(peer.id)]).toEqual(['deactivated', 'active', 'active']);
  });
});

describe('roles and departments', () => {
  it('changes role and departments; only admins; unknown and foreign ids are 404', async () => {
    const billing = await department('billing');
    const dee = await buildUser(t.db, ws.id, { role: 'agent' });
    const r = await call(app, 'PATCH', `/api/v1/team/${dee.id}`, {
      token: adminToken,
      body: { role: 'manager', departmentIds: [billing] },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ role: 'manager', departmentIds: [billing] });
    expect(
      (await call(app, 'PATCH', `/api/v1/team/${dee.id}`, { token: adminToken, body: { departmentIds: [] } })).body.departmentIds,
    ).toEqual([]);
    expect((await call(app, 'PATCH', `/api/v1/team/${dee.id}`, { token: managerToken, body: { role: 'admin' } })).status).toBe(403);
    expect((await call(app, 'PATCH', `/api/v1/team/${dee.id}`, { token: agentToken, body: { role: 'admin' } })).status).toBe(403);
    expect((await call(app, 'PATCH', `/api/v1/team/${foreignUser}`, { token: adminToken, body: { role: 'agent' } })).status).toBe(404);
    expect((await call(app, 'PATCH', '/api/v1/team/not-an-id', { token: adminToken, body: { role: 'agent' } })).status).toBe(404);
    expect((await call(app, 'PATCH', `/api/v1/team/${dee.id}`, { token: adminToken, body: {} })).status).toBe(400);
    expect((await call(app, 'PATCH', `/api/v1/team/${dee.id}`, { token: adminToken, body: { role: 'boss' } })).status).toBe(400);
  });

  it('keeps the last active admin an admin', async () => {
    const solo = await buildWorkspace(t.db);
    const only = await buildUser(t.db, solo.id, { role: 'admin' });
    const token = await buildToken(t.db, solo.id, 'admin');
    const r = await call(app, 'PATCH', `/api/v1/team/${only.id}`, { token, body: { role: 'agent' } });
    expect(r.status).toBe(409);
    expect((await call(app, 'POST', `/api/v1/team/${only.id}/deactivation`, { token })).status).toBe(409);
  });
});

describe('a leaver', () => {
  it('is deactivated at once: sessions and tokens refused, open cases and promises handed to the department round robin, recorded', async () => {
    const dept = await department('returns');
    const lee = await buildUser(t.db, ws.id, { role: 'admin', email: 'lee@example.com' });
    const mo = await buildUser(t.db, ws.id, { role: 'agent', email: 'mo@example.com' });
    for (const u of [lee.id, mo.id]) await call(app, 'PUT', `/api/v1/departments/${dept}/members/${u}`, { token: adminToken });
    const s = await signIn(lee.email, lee.password);
    const made = await call(app, 'POST', '/api/v1/tokens', {
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
      body: { name: 'lee-script', role: 'agent' },
    });
    expect(made.body.token.createdBy).toBe(lee.id);
    const leesToken = made.body.secret as string;
    expect((await call(app, 'GET', '/api/v1/customers', { token: leesToken })).status).toBe(200); // now cached
    const kase = await call(app, 'POST', '/api/v1/cases', {
      token: adminToken,
      body: { customer: { externalId: 'c-lee', email: 'c@example.com' }, summary: 'Parcel lost', departmentId: dept, ownerId: lee.id },
    });
    expect(kase.status).toBe(201);
    const caseId = kase.body.case.id as string;
    const promise = await call(app, 'POST', '/api/v1/commitments', {
      token: adminToken,
      body: { caseId, what: 'Refund the fee', kind: 'refund', dueAt: '2026-03-03T09:00:00Z', ownerId: lee.id, departmentId: dept },
    });
    expect(promise.status).toBe(201);
    const promiseId = promise.body.commitment.id as string;

    const r = await call(app, 'POST', `/api/v1/team/${lee.id}/deactivation`, { token: adminToken });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      member: { status: 'deactivated' },
      sessionsEnded: 1,
      tokensRevoked: 1,
      cases: [{ caseId, ownerId: mo.id }],
      commitments: [{ commitmentId: promiseId, ownerId: mo.id }],
    });
    expect((await call(app, 'GET', '/api/v1/session', { headers: { cookie: s.cookie } })).status).toBe(401);
    expect((await call(app, 'GET', '/api/v1/customers', { token: leesToken })).status).toBe(401);
    expect((await signIn(lee.email, lee.password)).status).toBe(401);

    const detail = (await call(app, 'GET', `/api/v1/cases/${caseId}`, { token: adminToken })).body;
    expect(detail.ownerId).toBe(mo.id);
    expect(detail.assignments.at(-1)).toMatchObject({ ownerId: mo.id, departmentId: dept, how: 'round_robin' });
    const events = await t.db
      .selectFrom('events')
      .select('data')
      .where('workspace_id', '=', ws.id)
      .where('type', '=', 'case.reassigned')
      .execute();
    expect(events.map((e) => e.data)).toContainEqual(
      expect.objectContaining({ caseId, previousOwnerId: lee.id, ownerId: mo.id, reason: 'owner_deactivated' }),
    );
    const kept = (await call(app, 'GET', `/api/v1/commitments/${promiseId}`, { token: adminToken })).body;
    expect(kept.ownerId).toBe(mo.id);
    expect(kept.history.at(-1)).toMatchObject({ change: 'handed_over' });

    expect((await call(app, 'POST', `/api/v1/team/${lee.id}/deactivation`, { token: adminToken })).status).toBe(409);
    expect((await call(app, 'PATCH', `/api/v1/team/${lee.id}`, { token: adminToken, body: { role: 'agent' } })).status).toBe(409);
  });

  it('is deactivated by an admin (or their manager, above), never themselves; unknown and foreign ids are 404', async () => {
    const pat = await buildUser(t.db, ws.id, { role: 'agent' });
    expect((await call(app, 'POST', `/api/v1/team/${pat.id}/deactivation`, { token: agentToken })).status).toBe(403);
    expect((await call(app, 'POST', `/api/v1/team/${pat.id}/deactivation`, { token: managerToken })).status).toBe(403);
    expect((await call(app, 'POST', `/api/v1/team/${foreignUser}/deactivation`, { token: adminToken })).status).toBe(404);
    expect((await call(app, 'POST', '/api/v1/team/0190a5d0-0000-7000-8000-000000000000/deactivation', { token: adminToken })).status).toBe(
      404,
    );
    const s = await signIn(admin.email, admin.password);
    const self = await call(app, 'POST', `/api/v1/team/${admin.id}/deactivation`, {
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    });
    expect(self.status).toBe(409);
    expect(
      (await call(app, 'GET', '/api/v1/team', { token: adminToken })).body.items.find((m: { id: string }) => m.id === pat.id).status,
    ).toBe('active');
  });
});

describe('passwords', () => {
  it('changes your own password with the current one; your other sessions end, this one stays', async () => {
    const kim = await buildUser(t.db, ws.id, { role: 'agent' });
    const here = await signIn(kim.email, kim.password);
    const there = await signIn(kim.email, kim.password);
    const put = (body: unknown) =>
      call(app, 'PUT', '/api/v1/session/password', { headers: { cookie: here.cookie, 'x-csrf-token': here.csrf }, body });
    const wrong = await put({ currentPassword: 'not it at all', newPassword: 'a brand new password' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.problems[0].path).toEqual(['currentPassword']);
    expect((await put({ currentPassword: kim.password, newPassword: 'short' })).status).toBe(400);
    expect((await put({ currentPassword: kim.password, newPassword: 'a brand new password' })).status).toBe(204);
    expect((await call(app, 'GET', '/api/v1/session', { headers: { cookie: here.cookie } })).status).toBe(200);
    expect((await call(app, 'GET', '/api/v1/session', { headers: { cookie: there.cookie } })).status).toBe(401);
    expect((await signIn(kim.email, kim.password)).status).toBe(401);
    expect((await signIn(kim.email, 'a brand new password')).status).toBe(201);
    expect(
      (
        await call(app, 'PUT', '/api/v1/session/password', {
          token: adminToken,
          body: { currentPassword: 'x', newPassword: 'yyyyyyyyyyyy' },
        })
      ).status,
    ).toBe(403);
  });

  it('resets by mail without telling whether the e-mail has an account', async () => {
    const lou = await buildUser(t.db, ws.id, { role: 'agent', email: 'lou@example.com' });
    const known = await call(app, 'POST', '/api/v1/password/reset', { body: { email: 'LOU@example.com' } });
    const unknown = await call(app, 'POST', '/api/v1/password/reset', { body: { email: 'ghost@example.com' } });
    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(await t.db.selectFrom('mails').select('id').where('to_address', '=', 'ghost@example.com').execute()).toEqual([]);
    expect((await call(app, 'POST', '/api/v1/password/reset', { body: { email: 'not an e-mail' } })).status).toBe(400);
    const secret = await linkIn('lou@example.com', 'staff_reset');
    clock.advance(2 * 3600_000); // a reset link lasts an hour
    try {
      expect((await call(app, 'POST', '/api/v1/password', { body: { token: secret, password: 'lou resets it' } })).status).toBe(410);
    } finally {
      clock.advance(-2 * 3600_000);
    }
    await call(app, 'POST', '/api/v1/password/reset', { body: { email: 'lou@example.com' } });
    const fresh = await linkIn('lou@example.com', 'staff_reset');
    expect((await call(app, 'POST', '/api/v1/password', { body: { token: fresh, password: 'lou resets it' } })).status).toBe(204);
    expect((await signIn(lou.email, lou.password)).status).toBe(401);
    expect((await signIn(lou.email, 'lou resets it')).status).toBe(201);
  });
});
