// Commitments through the API with a fixed clock: making one (by a person, on a case, by another
// system), keeping and renegotiating it, the refusals that change nothing, the ledger's filters
// and pages, and what the team achieved for similar promises on a data set with known answers.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, buildToken, buildUser, buildWorkspace, call, type TestApp } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { manualClock } from '../../domain/core/clock.ts';
import { breakDueCommitment } from '../../domain/promises/commitment-outcomes.ts';
import { rate } from '../../domain/promises/commitment-stats.ts';

let t: TestDatabase;
let app: TestApp;
let wsId: string;
let agent: string;
let staff: { cookie: string; csrf: string; userId: string };
let billing: string;
let field: string;
const start = new Date('2026-03-02T09:00:00Z');
const clock = manualClock(start);
const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;
const at = (ms: number) => new Date(ms).toISOString();
let n = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db, { clock });
  wsId = (await buildWorkspace(t.db)).id;
  agent = await buildToken(t.db, wsId, 'agent');
  const manager = await buildToken(t.db, wsId, 'manager');
  const user = await buildUser(t.db, wsId, { role: 'agent', email: 'sam@example.com' });
  const s = await call(app, 'POST', '/api/v1/session', { body: { email: user.email, password: user.password } });
  staff = { cookie: s.headers.get('set-cookie')!.split(';')[0]!, csrf: s.body.csrfToken, userId: user.id };
  const dept = async (key: string) =>
    (await call(app, 'POST', '/api/v1/departments', { token: manager, body: { key, name: key, colour: '#1f77b4' } })).body.id as string;
  billing = await dept('billing');
  field = await dept('field');
});
afterAll(() => t.drop());

const make = (body: Record<string, unknown>, token = agent) => call(app, 'POST', '/api/v1/commitments', { token, body });
const promise = (over: Record<string, unknown> = {}) => {
  n++;
  return make({
    customer: { externalId: `c-${n}`, email: `c${n}@example.com` },
    what: 'Refund the restocking fee',
    kind: 'refund',
    dueAt: at(clock.now().getTime() + 2 * day),
    departmentId: billing,
    ...over,
  });
};
const keep = (id: string, body: unknown = {}) => call(app, 'POST', `/api/v1/commitments/${id}/keep`, { token: agent, body });
const renegotiate = (id: string, newDueAt: number, note = 'The customer asked for Tuesday') =>
  call(app, 'POST', `/api/v1/commitments/${id}/renegotiate`, { token: agent, body: { newDueAt: at(newDueAt), note } });
const get = async (id: string) => (await call(app, 'GET', `/api/v1/commitments/${id}`, { token: agent })).body;
const count = async (table: 'commitments' | 'customers' | 'cases' | 'events') =>
  (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(t.db)).rows[0]!.n;
const clockJob = async (id: string) =>
  (await sql<{ run_at: Date }>`SELECT run_at FROM graphile_worker._private_jobs WHERE key = ${`commitment-clock:${id}`}`.execute(t.db))
    .rows[0];

describe('making a commitment', () => {
  it('records who made it, puts commitment.made on the timeline and schedules its clock at the due time', async () => {
    const due = clock.now().getTime() + 2 * hour;
    const r = await call(app, 'POST', '/api/v1/commitments', {
      headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf },
      body: { customer: { externalId: 'ann', name: 'Ann' }, what: 'Call Ann back', kind: 'callback', dueAt: at(due) },
    });
    expect(r.status).toBe(201);
    expect(r.body.duplicate).toBe(false);
    const c = r.body.commitment;
    expect(c).toMatchObject({
      status: 'open',
      kind: 'callback',
      dueAt: at(due),
      firstDueAt: at(due),
      madeAt: at(clock.now().getTime()),
      ownerId: staff.userId,
      customer: { name: 'Ann', externalId: 'ann' },
      madeBy: { via: 'staff', userId: staff.userId, tokenId: null, source: 'kept' },
    });
    expect((await clockJob(c.id))!.run_at.getTime()).toBe(due);
    const timeline = await call(app, 'GET', `/api/v1/customers/${c.customerId}/timeline?type=commitment.made`, { token: agent });
    expect(timeline.body.items.map((e: any) => e.data)).toEqual([
      expect.objectContaining({ commitmentId: c.id, what: 'Call Ann back', dueAt: at(due) }),
    ]);
    expect((await get(c.id)).history).toEqual([
      expect.objectContaining({ change: 'made', dueAt: at(due), by: { userId: staff.userId, tokenId: null } }),
    ]);
  });

  it('takes the customer from the case it is made on, and counts a retried system request once', async () => {
    const kase = await call(app, 'POST', '/api/v1/cases', {
      token: agent,
      body: { customer: { externalId: 'bea' }, summary: 'Wrong parcel' },
    });
    const first = await make({
      caseId: kase.body.case.id,
      what: 'Send the right parcel',
      kind: 'replacement',
      dueAt: at(clock.now().getTime() + day),
    });
    expect(first.status).toBe(201);
    expect(first.body.commitment).toMatchObject({
      customerId: kase.body.case.customerId,
      caseId: kase.body.case.id,
      madeBy: { via: 'system' },
    });
    const body = {
      customer: { externalId: 'cy' },
      what: 'Refund',
      kind: 'refund',
      dueAt: at(clock.now().getTime() + day),
      source: 'shop',
      idempotencyKey: 'r-1',
    };
    const a = await make(body);
    const b = await make(body);
    expect([a.status, b.status]).toEqual([201, 200]);
    expect(b.body).toMatchObject({ duplicate: true, commitment: { id: a.body.commitment.id, madeBy: { via: 'system', source: 'shop' } } });
  });

  it('refuses a due time in the past, an unknown customer, owner, department or case, and a case of another customer, storing nothing', async () => {
    const before = await Promise.all([count('commitments'), count('customers'), count('events')]);
    const past = await promise({ customer: { externalId: 'new-1' }, dueAt: at(clock.now().getTime() - minute) });
    expect(past.status).toBe(400);
    expect(past.body.error.details.problems).toEqual([{ path: ['dueAt'], message: 'is not in the future' }]);
    const ghost = await promise({ customer: undefined, customerId: '00000000-0000-7000-8000-000000000000' });
    expect(ghost.status).toBe(400);
    expect(ghost.body.error.details.problems).toEqual([{ path: ['customerId'], message: 'no such customer in this workspace' }]);
    const unknown = await promise({
      customer: { externalId: 'new-2' },
      ownerId: '00000000-0000-7000-8000-000000000001',
      departmentId: '00000000-0000-7000-8000-000000000002',
      caseId: '00000000-0000-7000-8000-000000000003',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.problems.map((p: any) => p.path[0])).toEqual(['ownerId', 'departmentId', 'caseId']);
    const kase = await call(app, 'POST', '/api/v1/cases', { token: agent, body: { customer: { externalId: 'dee' }, summary: 'Late' } });
    const other = await promise({ customer: { externalId: 'new-3' }, caseId: kase.body.case.id });
    expect(other.status).toBe(400);
    expect(other.body.error.details.problems).toEqual([{ path: ['caseId'], message: 'is the case of another customer' }]);
    const none = await make({ what: 'x', kind: 'refund', dueAt: at(clock.now().getTime() + day) });
    expect(none.status).toBe(400);
    const before2 = await Promise.all([count('commitments'), count('customers'), count('events')]);
    expect(before2).toEqual([before[0], before[1] + 1, before[2] + 1]); // only the case made for the last check: its customer, case.opened
  });
});

describe('keeping and renegotiating', () => {
  it('keeps an open commitment once, removes its clock, and refuses a second keep without changing anything', async () => {
    const c = (await promise()).body.commitment;
    clock.advance(hour);
    const kept = await keep(c.id, { note: 'Refund sent' });
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject({
      status: 'kept',
      keptAt: at(clock.now().getTime()),
      keptOnTime: true,
      keptBy: { tokenId: expect.any(String) },
    });
    expect(await clockJob(c.id)).toBeUndefined();
    clock.advance(minute);
    const again = await keep(c.id);
    expect(again.status).toBe(409);
    expect(again.body.error.details).toEqual({ status: 'kept', keptAt: kept.body.keptAt });
    expect(await get(c.id)).toEqual(kept.body);
    expect((await renegotiate(c.id, clock.now().getTime() + day)).status).toBe(409);
  });

  it('moves the due time and the clock on renegotiation, keeps the old time in the history, and refuses the past', async () => {
    const c = (await promise()).body.commitment;
    const later = new Date(c.dueAt).getTime() + 3 * day;
    const r = await renegotiate(c.id, later);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'renegotiated', dueAt: at(later), firstDueAt: c.dueAt, renegotiations: 1 });
    expect(r.body.history.map((h: any) => [h.change, h.previousDueAt, h.dueAt])).toEqual([
      ['made', null, c.dueAt],
      ['renegotiated', c.dueAt, at(later)],
    ]);
    expect((await clockJob(c.id))!.run_at.getTime()).toBe(later);

    const past = await renegotiate(c.id, clock.now().getTime() - hour);
    expect(past.status).toBe(400);
    expect(past.body.error.details.problems).toEqual([{ path: ['newDueAt'], message: 'is not in the future' }]);
    expect(await get(c.id)).toEqual(r.body);
    expect((await clockJob(c.id))!.run_at.getTime()).toBe(later);
    expect(
      (await call(app, 'POST', `/api/v1/commitments/${c.id}/renegotiate`, { token: agent, body: { newDueAt: at(later + day) } })).status,
    ).toBe(400);

    // Kept after the first due time, by the one agreed: kept, not on time.
    clock.set(new Date(new Date(c.dueAt).getTime() + day));
    const kept = await keep(c.id);
    expect(kept.body).toMatchObject({ status: 'kept', keptOnTime: false });
    clock.set(start);
  });

  it('refuses to keep a broken commitment, and breaks one found past its due time before its clock ran', async () => {
    const c = (await promise()).body.commitment;
    clock.set(new Date(new Date(c.dueAt).getTime() + minute));
    const cases = await count('cases');
    const late = await keep(c.id);
    expect(late.status).toBe(409);
    expect(late.body.error.details).toMatchObject({ status: 'broken', brokenAt: c.dueAt, caseId: expect.any(String) });
    expect(await count('cases')).toBe(cases + 1);
    const broken = await get(c.id);
    expect(broken).toMatchObject({ status: 'broken', brokenAt: c.dueAt, oopsCaseId: late.body.error.details.caseId });
    const kase = (await call(app, 'GET', `/api/v1/cases/${broken.oopsCaseId}`, { token: agent })).body;
    expect(kase).toMatchObject({ origin: 'commitment', oopsAt: c.dueAt });
    expect(kase.oopses[0]).toMatchObject({ kind: 'commitment', ref: { commitmentId: c.id } });
    expect(kase.oopses[0].summary).toContain('Refund the restocking fee');

    const again = await keep(c.id);
    expect(again.status).toBe(409);
    expect(again.body.error.details.status).toBe('broken');
    expect((await renegotiate(c.id, clock.now().getTime() + day)).status).toBe(409);
    expect(await get(c.id)).toEqual(broken);
    expect(await breakDueCommitment({ db: t.db, clock }, wsId, c.id)).toEqual({ broken: false }); // the clock's job, later: nothing
    expect(await count('cases')).toBe(cases + 1);
    expect((await call(app, 'POST', '/api/v1/commitments/not-an-id/keep', { token: agent, body: {} })).status).toBe(404);
    clock.set(start);
  });
});

describe('the ledger', () => {
  it('filters by status, customer, case, department, owner, kind and due time, and pages by due time both ways', async () => {
    clock.set(new Date(start.getTime() + 400 * day));
    const t0 = clock.now().getTime();
    const made = [];
    for (let i = 1; i <= 5; i++) {
      made.push(
        (
          await promise({
            kind: 'visit',
            dueAt: at(t0 + i * hour),
            departmentId: i % 2 ? field : billing,
            customer: { externalId: 'ledger' },
          })
        ).body.commitment,
      );
    }
    const list = (q: string) => call(app, 'GET', `/api/v1/commitments?kind=visit&${q}`, { token: agent }).then((r) => r.body);
    const ids = (page: { items: { id: string }[] }) => page.items.map((c) => c.id);
    const first = await list('limit=2');
    expect(ids(first)).toEqual([made[0].id, made[1].id]);
    expect(ids(await list(`limit=2&cursor=${first.nextCursor}`))).toEqual([made[2].id, made[3].id]);
    expect(ids(await list('order=desc&limit=2'))).toEqual([made[4].id, made[3].id]);
    expect(ids(await list(`departmentId=${field}`))).toEqual([made[0].id, made[2].id, made[4].id]);
    expect(ids(await list(`dueAfter=${at(t0 + 2 * hour)}&dueBefore=${at(t0 + 4 * hour)}`))).toEqual([made[1].id, made[2].id]);
    expect(ids(await list(`customerId=${made[0].customerId}`))).toHaveLength(5);
    await keep(made[0].id);
    expect(ids(await list('status=kept'))).toEqual([made[0].id]);
    expect(ids(await list('status=open,renegotiated'))).toHaveLength(4);
    expect((await list(`ownerId=${staff.userId}`)).items).toEqual([]);
    const kase = await call(app, 'POST', '/api/v1/cases', {
      token: agent,
      body: { customer: { externalId: 'ledger' }, summary: 'Missed visit' },
    });
    const onCase = (await make({ caseId: kase.body.case.id, what: 'Visit again', kind: 'visit', dueAt: at(t0 + day) })).body.commitment;
    expect(ids(await list(`caseId=${kase.body.case.id}`))).toEqual([onCase.id]);
    expect((await call(app, 'GET', '/api/v1/commitments?status=late', { token: agent })).status).toBe(400);
    expect((await call(app, 'GET', '/api/v1/commitments?cursor=nonsense', { token: agent })).status).toBe(400);
    clock.set(start);
  });
});

describe('what the team achieved for similar promises', () => {
  it('gives the exact n, median, p90, kept-on-time rate and suggestion of a known data set, and warns a promise made too soon', async () => {
    // 40 refunds by billing, made an hour apart: 33 kept on time after 1.5 h ... 33.5 h; 3 renegotiated
    // (first due 24 h, agreed 48 h) and kept after 34.5, 35.5 and 36.5 h; 4 broken at 48 h.
    const s = start.getTime() + 600 * day;
    const actions: { at: number; run: () => Promise<unknown> }[] = [];
    for (let i = 1; i <= 40; i++) {
      const madeAt = s + i * hour;
      const renegotiated = i >= 34 && i <= 36;
      let id = '';
      actions.push({
        at: madeAt,
        run: async () => {
          const r = await make({
            customer: { externalId: `refund-${i}` },
            what: `Refund ${i}`,
            kind: 'refund',
            departmentId: billing,
            dueAt: at(madeAt + (renegotiated ? 24 : 48) * hour),
          });
          id = r.body.commitment.id;
        },
      });
      if (renegotiated) actions.push({ at: madeAt + 12 * hour, run: () => renegotiate(id, madeAt + 48 * hour) });
      if (i <= 36) actions.push({ at: madeAt + (i + 0.5) * hour, run: () => keep(id) });
      else actions.push({ at: madeAt + 48 * hour, run: () => breakDueCommitment({ db: t.db, clock }, wsId, id) });
    }
    // Not similar: another kind, another team, still open, or due before the 180-day window.
    actions.push({
      at: s - 200 * day,
      run: async () => keep((await promise({ kind: 'refund', dueAt: at(s - 199 * day) })).body.commitment.id),
    });
    actions.push({
      at: s,
      run: async () => keep((await promise({ kind: 'refund', departmentId: field, dueAt: at(s + 3 * hour) })).body.commitment.id),
    });
    actions.push({ at: s, run: () => promise({ kind: 'callback', dueAt: at(s + 3 * hour) }) });
    actions.push({ at: s + 99 * hour, run: () => promise({ kind: 'refund', dueAt: at(s + 200 * hour) }) });
    for (const a of actions.sort((x, y) => x.at - y.at)) {
      clock.set(new Date(a.at));
      await a.run();
    }
    clock.set(new Date(s + 100 * hour));
    const now = clock.now().getTime();

    const r = await call(app, 'GET', `/api/v1/commitments/suggestion?kind=refund&departmentId=${billing}`, { token: agent });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      kind: 'refund',
      departmentId: billing,
      from: at(now - 180 * day),
      to: at(now),
      n: 40,
      keptOnTime: 33,
      keptAfterRenegotiation: 3,
      broken: 4,
      enoughData: true,
      keptOnTimeRate: rate(33, 40),
      medianMs: 20.5 * hour,
      p90Ms: 36.5 * hour,
      suggestedWithinMs: 37 * hour,
      suggestedDueAt: at(now + 37 * hour),
      reason: null,
    });
    expect(r.body.keptOnTimeRate).toEqual({ value: 82.5, low: expect.closeTo(68.0497079456, 8), high: expect.closeTo(91.2546970031, 8) });

    const everyTeam = (await call(app, 'GET', '/api/v1/commitments/suggestion?kind=refund', { token: agent })).body;
    expect(everyTeam).toMatchObject({ departmentId: null, n: 41, keptOnTime: 34, medianMs: 20.5 * hour }); // and field's refund, kept at once
    const callback = (await call(app, 'GET', '/api/v1/commitments/suggestion?kind=callback', { token: agent })).body;
    expect(callback).toMatchObject({ enoughData: false, reason: 'not_enough_data', medianMs: null, p90Ms: null, keptOnTimeRate: null });

    const soon = await make({
      customer: { externalId: 'eve' },
      what: 'Refund Eve',
      kind: 'refund',
      departmentId: billing,
      dueAt: at(now + day),
    });
    expect(soon.status).toBe(201);
    expect(soon.body.warnings).toEqual([{ code: 'sooner_than_usual', message: expect.stringContaining('only within 1 day 12 h 30 min') }]);
    expect(soon.body.suggestion.suggestedWithinMs).toBe(37 * hour);
    const fine = await make({
      customer: { externalId: 'eve' },
      what: 'Refund Eve again',
      kind: 'refund',
      departmentId: billing,
      dueAt: at(now + 2 * day),
    });
    expect(fine.body.warnings).toEqual([]);

    const stats = (await call(app, 'GET', '/api/v1/commitments/stats', { token: agent })).body;
    const team = stats.departments.find((d: any) => d.departmentId === billing);
    expect(team.kinds.find((k: any) => k.kind === 'refund')).toMatchObject({
      n: 40,
      keptOnTime: 33,
      keptAfterRenegotiation: 3,
      broken: 4,
      keptOnTimeRate: rate(33, 40),
    });
    expect((await call(app, 'GET', '/api/v1/commitments/kinds', { token: agent })).body.items[0]).toEqual({
      kind: 'refund',
      commitments: expect.any(Number),
    });
  });
});
