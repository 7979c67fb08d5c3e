// The recovery report over time through the API, on cases built the way the product builds
// them, with a fixed clock: in the week of 2 March one case recovered in 2 hours (with a 25 EUR
// restitution) and one in 30 hours (breached by its clock); in the week of 9 March one still
// within its 24 hours and one with a 10 USD restitution. Each period counts its own cases, its
// drill-downs list exactly them, and a share from fewer than 30 cases is a gap with its n.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, buildToken, buildUser, buildWorkspace, call, type TestApp } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { advanceCaseClocks } from '../../domain/recovery/case-escalation.ts';
import { manualClock } from '../../domain/core/clock.ts';

let t: TestDatabase;
let app: TestApp;
let ws: string;
let agent: string;
let manager: string;
let approver: string;
const clock = manualClock('2026-03-02T08:00:00Z');
const ids = { fast: '', slow: '', pending: '', usd: '' };

const post = (path: string, body: unknown, token = agent) => call(app, 'POST', path, { token, body });
const get = (path: string, token = manager) => call(app, 'GET', path, { token });

async function openCase(name: string) {
  const r = await post('/api/v1/cases', {
    customer: { externalId: name, email: `${name}@example.com` },
    summary: `${name}: the parcel went to the wrong address`,
    occurredAt: clock.now().toISOString(),
  });
  expect(r.status, r.text).toBe(201);
  return r.body.case.id as string;
}
async function skip(id: string, s: string) {
  const r = await post(`/api/v1/cases/${id}/steps/${s}/skip`, { reason: 'not needed for this case' });
  expect(r.status, r.text).toBe(200);
}
async function recover(id: string, cost?: { amount: number; currency: string }) {
  for (const body of [
    { step: 'acknowledge' },
    { step: 'apologise', message: 'We sent your parcel to the wrong address. That was our mistake, and we are sorry.' },
    { step: 'fix', note: 'Re-sent by courier' },
  ]) {
    if (body.step === 'fix') await skip(id, 'investigate');
    const r = await post(`/api/v1/cases/${id}/steps`, body);
    expect(r.status, r.text).toBe(201);
  }
  if (cost) {
    await skip(id, 'ask');
    const r = await post(
      `/api/v1/cases/${id}/steps`,
      { step: 'restitution', what: 'Shipping refunded', cost, approvedBy: approver },
      manager,
    );
    expect(r.status, r.text).toBe(201);
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db, { clock });
  ws = (await buildWorkspace(t.db)).id;
  agent = await buildToken(t.db, ws, 'agent');
  manager = await buildToken(t.db, ws, 'manager');
  approver = (await buildUser(t.db, ws, { role: 'manager' })).id;
  clock.set('2026-03-02T08:00:00Z');
  ids.fast = await openCase('fast');
  ids.slow = await openCase('slow');
  clock.set('2026-03-02T10:00:00Z');
  await recover(ids.fast, { amount: 25, currency: 'EUR' });
  clock.set('2026-03-03T10:00:00Z');
  expect((await advanceCaseClocks({ db: t.db, clock }, [{ workspaceId: ws, caseId: ids.slow }])).fired.map((f) => f.point)).toContain(
    'breach',
  );
  clock.set('2026-03-03T14:00:00Z');
  await recover(ids.slow);
  clock.set('2026-03-09T09:00:00Z');
  ids.usd = await openCase('usd');
  await recover(ids.usd, { amount: 10, currency: 'USD' });
  clock.set('2026-03-10T00:00:00Z');
  ids.pending = await openCase('pending');
  clock.set('2026-03-10T10:00:00Z');
});
afterAll(() => t.drop());

const trend = async (query: string) => {
  const r = await get(`/api/v1/reports/recovery/trend?${query}`);
  expect(r.status, r.text).toBe(200);
  return r.body;
};
async function casesOf(url: string) {
  const r = await get(`${url}&limit=100`);
  expect(r.status, r.text).toBe(200);
  return r.body.items.map((c: { id: string }) => c.id).sort();
}

describe('GET /api/v1/reports/recovery/trend', () => {
  it('gives one point per ISO week, the first and last clipped to the period, with each week’s own cases', async () => {
    const r = await trend('from=2026-03-01&to=2026-03-15&interval=week');
    expect(r.currencies).toEqual(['EUR', 'USD']);
    expect(r.points.map((p: any) => [p.start, p.end])).toEqual([
      ['2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z'],
      ['2026-03-02T00:00:00.000Z', '2026-03-09T00:00:00.000Z'],
      ['2026-03-09T00:00:00.000Z', '2026-03-15T00:00:00.000Z'],
    ]);
    const [empty, first, second] = r.points;
    expect(empty.opened.n).toBe(0);
    expect(empty.within24h).toMatchObject({ n: 0, enoughData: false, value: null, interval: null });
    expect(empty.restitution).toEqual([
      { currency: 'EUR', count: 0, total: 0 },
      { currency: 'USD', count: 0, total: 0 },
    ]);
    expect(first.opened.n).toBe(2);
    expect(first.breached.n).toBe(1);
    // Two cases with a known outcome: a gap with its n, never a point.
    expect(first.within24h).toMatchObject({ within: 1, missed: 1, pending: 0, n: 2, enoughData: false, value: null, interval: null });
    expect(first.restitution).toEqual([
      { currency: 'EUR', count: 1, total: 25 },
      { currency: 'USD', count: 0, total: 0 },
    ]);
    expect(second.within24h).toMatchObject({ within: 1, missed: 0, pending: 1, n: 1 });
    expect(second.breached.n).toBe(0);
    expect(second.restitution[1]).toEqual({ currency: 'USD', count: 1, total: 10 });
  });

  it('lists exactly a period’s cases behind each of its figures', async () => {
    const [, first, second] = (await trend('from=2026-03-01&to=2026-03-15&interval=week')).points;
    expect(await casesOf(first.opened.drillDown)).toEqual([ids.fast, ids.slow].sort());
    expect(await casesOf(first.breached.drillDown)).toEqual([ids.slow]);
    expect(await casesOf(first.within24h.drillDown.missed)).toEqual([ids.slow]);
    expect(await casesOf(second.within24h.drillDown.pending)).toEqual([ids.pending]);
  });

  it('counts by day and by month with the same totals', async () => {
    const byDay = await trend('from=2026-03-01&to=2026-03-15&interval=day');
    expect(byDay.points).toHaveLength(14);
    expect(byDay.points.filter((p: any) => p.opened.n > 0).map((p: any) => [p.start.slice(0, 10), p.opened.n])).toEqual([
      ['2026-03-02', 2],
      ['2026-03-09', 1],
      ['2026-03-10', 1],
    ]);
    const byMonth = await trend('from=2026-02-15&to=2026-04-01&interval=month');
    expect(byMonth.points.map((p: any) => [p.start.slice(0, 10), p.opened.n, p.breached.n])).toEqual([
      ['2026-02-15', 0, 0],
      ['2026-03-01', 4, 1],
    ]);
  });

  it('names the field of a bad query, and is for managers', async () => {
    const bad = async (q: string, field: string) => {
      const r = await get(`/api/v1/reports/recovery/trend?${q}`);
      expect(r.status, r.text).toBe(400);
      expect(r.body.error.details.problems.map((p: { path: string[] }) => p.path.join('.'))).toContain(field);
    };
    await bad('interval=hour', 'interval');
    await bad('from=2025-01-01&to=2026-03-01&interval=day', 'interval');
    await bad('from=2026-03-10&to=2026-03-01', 'from');
    expect((await get('/api/v1/reports/recovery/trend', agent)).status).toBe(403);
  });
});
