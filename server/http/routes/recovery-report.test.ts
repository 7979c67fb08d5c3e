// The recovery report through the API on three cases built the way the product builds them,
// with a fixed clock: one recovered in 2 hours, one in 30 hours (breached by its clock), one
// still within its 24 hours. Counts are exact; every share, median and mean is "not enough data"
// with so few cases (recovery-report-figures.test.ts has the numbers); every figure's drill-down
// lists exactly its cases. Also: bad queries, an empty period, the filters, and access.
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
let managerUserId: string;
let departmentId: string;
const clock = manualClock('2026-03-02T08:00:00Z');
const ids = { fast: '', slow: '', pending: '' };

const post = (path: string, body: unknown, token = agent) => call(app, 'POST', path, { token, body });
const get = (path: string, token = manager) => call(app, 'GET', path, { token });
const at = (iso: string) => clock.set(iso);

async function openCase(name: string, o: { departmentId?: string } = {}) {
  const r = await post('/api/v1/cases', {
    customer: { externalId: name, email: `${name}@example.com`, name },
    summary: `${name}: the parcel went to the wrong address`,
    occurredAt: clock.now().toISOString(),
    ...o,
  });
  expect(r.status, r.text).toBe(201);
  return r.body.case.id as string;
}
async function step(id: string, body: Record<string, unknown>) {
  // A restitution is recorded by a manager (here an integration with a manager's token, naming the approver).
  const r = await post(`/api/v1/cases/${id}/steps`, body, body.step === 'restitution' ? manager : agent);
  expect(r.status, r.text).toBe(201);
}
async function skip(id: string, s: string) {
  const r = await post(`/api/v1/cases/${id}/steps/${s}/skip`, { reason: 'not needed for this case' });
  expect(r.status, r.text).toBe(200);
}
const apology = { step: 'apologise', message: 'We sent your parcel to the wrong address. That was our mistake, and we are sorry.' };

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db, { clock });
  ws = (await buildWorkspace(t.db)).id;
  agent = await buildToken(t.db, ws, 'agent');
  manager = await buildToken(t.db, ws, 'manager');
  managerUserId = (await buildUser(t.db, ws, { role: 'manager' })).id;
  const d = await post('/api/v1/departments', { key: 'delivery', name: 'Delivery', colour: '#336699' }, manager);
  expect(d.status, d.text).toBe(201);
  departmentId = d.body.id;

  // Recovered in 2 hours: acknowledged at 30 min, apology at 1 h, fixed at 2 h; a 25 EUR restitution; closed.
  at('2026-03-02T08:00:00Z');
  ids.fast = await openCase('fast');
  at('2026-03-02T08:30:00Z');
  await step(ids.fast, { step: 'acknowledge' });
  // Recovered in 30 hours: its oops at 09:00, apology at 20 h, fixed at 30 h.
  at('2026-03-02T09:00:00Z');
  ids.slow = await openCase('slow');
  await step(ids.fast, apology);
  at('2026-03-02T10:00:00Z');
  await skip(ids.fast, 'investigate');
  await step(ids.fast, { step: 'fix', note: 'Re-sent by courier' });
  await skip(ids.fast, 'ask');
  await step(ids.fast, {
    step: 'restitution',
    what: 'Shipping refunded',
    cost: { amount: 25, currency: 'EUR' },
    approvedBy: managerUserId,
  });
  await skip(ids.fast, 'follow_up');
  expect((await post(`/api/v1/cases/${ids.fast}/close`, {})).status).toBe(200);
  at('2026-03-02T12:00:00Z');
  await step(ids.slow, { step: 'acknowledge' });
  at('2026-03-03T05:00:00Z');
  await step(ids.slow, apology);
  // Its clock runs out at 09:00 the next day: the clock job records the breach.
  at('2026-03-03T10:00:00Z');
  expect((await advanceCaseClocks({ db: t.db, clock }, [{ workspaceId: ws, caseId: ids.slow }])).fired.map((f) => f.point)).toContain(
    'breach',
  );
  at('2026-03-03T15:00:00Z');
  await skip(ids.slow, 'investigate');
  await step(ids.slow, { step: 'fix', note: 'Collected and re-delivered' });
  // Pending: its oops 10 hours before the report, nothing done yet.
  at('2026-03-04T00:00:00Z');
  ids.pending = await openCase('pending', { departmentId });
  at('2026-03-04T10:00:00Z');
});
afterAll(() => t.drop());

const march = 'from=2026-03-01&to=2026-04-01';
const notEnough = { enoughData: false, value: null, interval: null };

/** Every case a drill-down lists, following nextCursor with pages of `limit`. */
async function drill(url: string, limit = 2) {
  const items: any[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const r = await get(`${url}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(r.status, r.text).toBe(200);
    items.push(...r.body.items);
    cursor = r.body.nextCursor;
    if (!cursor) return items;
  }
  throw new Error('the drill-down did not end');
}
const idsOf = async (url: string) => (await drill(url)).map((c) => c.id);

describe('GET /api/v1/reports/recovery on three cases', () => {
  it('counts the cases opened, recovered, closed, still open and breached', async () => {
    const r = await get(`/api/v1/reports/recovery?${march}`);
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-04-01T00:00:00.000Z',
      asOf: '2026-03-04T10:00:00.000Z',
      departmentId: null,
      origin: null,
    });
    const n = Object.fromEntries(Object.entries(r.body.cases).map(([k, v]: [string, any]) => [k, v.n]));
    expect(n).toEqual({ opened: 3, recovered: 2, closed: 1, open: 2, breached: 1 });
    expect(await idsOf(r.body.cases.opened.drillDown)).toEqual([ids.pending, ids.slow, ids.fast]); // newest oops first
    expect(await idsOf(r.body.cases.recovered.drillDown)).toEqual([ids.slow, ids.fast]);
    expect(await idsOf(r.body.cases.closed.drillDown)).toEqual([ids.fast]);
    expect(await idsOf(r.body.cases.open.drillDown)).toEqual([ids.pending, ids.slow]);
    expect(await idsOf(r.body.cases.breached.drillDown)).toEqual([ids.slow]);
  });

  it('splits recovery within 24 hours into in time, missed and pending; pending is not a miss', async () => {
    const r = await get(`/api/v1/reports/recovery?${march}`);
    // 2 cases with a known outcome: too few for a share.
    expect(r.body.within24h).toMatchObject({ within: 1, missed: 1, pending: 1, n: 2, ...notEnough });
    expect(r.body.withinTarget).toMatchObject({ within: 1, missed: 1, pending: 1, n: 2, ...notEnough });
    expect(r.body.within24h.drillDown.pending).toContain('bucket=pending&');
    const [fast] = await drill(r.body.within24h.drillDown.within);
    expect(fast).toMatchObject({
      id: ids.fast,
      status: 'closed',
      origin: 'manual',
      customer: { name: 'fast', email: 'fast@example.com', externalId: 'fast' },
      oopsAt: '2026-03-02T08:00:00.000Z',
      dueAt: '2026-03-03T08:00:00.000Z',
      recoveredAt: '2026-03-02T10:00:00.000Z',
      closedAt: '2026-03-02T10:00:00.000Z',
      breachedAt: null,
      hoursToRecovery: 2,
      hoursToApology: 1,
      hoursToFix: 2,
      restitution: { amount: 25, currency: 'EUR' },
      followUp: null,
    });
    const [slow] = await drill(r.body.within24h.drillDown.missed);
    expect(slow).toMatchObject({
      id: ids.slow,
      recoveredAt: '2026-03-03T15:00:00.000Z',
      breachedAt: '2026-03-03T10:00:00.000Z',
      hoursToRecovery: 30,
      hoursToApology: 20,
      hoursToFix: 30,
      restitution: null,
    });
    expect(await idsOf(r.body.within24h.drillDown.pending)).toEqual([ids.pending]);
    expect(await idsOf(r.body.withinTarget.drillDown.missed)).toEqual([ids.slow]);
  });

  it('turns a pending case into a miss once its 24 hours have passed unrecovered', async () => {
    at('2026-03-05T00:00:01Z');
    try {
      const r = await get(`/api/v1/reports/recovery?${march}`);
      expect(r.body.within24h).toMatchObject({ within: 1, missed: 2, pending: 0, n: 2 + 1 });
      expect(await idsOf(r.body.within24h.drillDown.missed)).toEqual([ids.pending, ids.slow]);
    } finally {
      at('2026-03-04T10:00:00Z');
    }
  });

  it('gives the times to apology and fix with n, and no median under 30 cases', async () => {
    const r = await get(`/api/v1/reports/recovery?${march}`);
    expect(r.body.timeToApology).toMatchObject({ n: 2, enoughData: false, medianHours: null, p90Hours: null });
    expect(r.body.timeToFix).toMatchObject({ n: 2, enoughData: false, medianHours: null, p90Hours: null });
    expect(await idsOf(r.body.timeToApology.drillDown)).toEqual([ids.slow, ids.fast]);
  });

  it('adds up restitution costs per currency', async () => {
    const r = await get(`/api/v1/reports/recovery?${march}`);
    expect(r.body.restitution).toMatchObject({
      count: 1,
      currencies: [{ currency: 'EUR', count: 1, total: 25, enoughData: false, mean: null }],
    });
    expect(await idsOf(r.body.restitution.currencies[0].drillDown)).toEqual([ids.fast]);
    expect(r.body.restitution.currencies[0].drillDown).toContain('currency=EUR');
  });

  it('has no paradox without follow-up answers, and says so for every kind', async () => {
    const r = await get(`/api/v1/reports/recovery?${march}`);
    expect(r.body.paradox.map((p: any) => p.kind)).toEqual(['nps', 'csat', 'ces']);
    for (const p of r.body.paradox) {
      expect(p.paired).toMatchObject({ n: 0, enoughData: false, before: null, after: null, change: null });
      expect(p.followUp).toMatchObject({ n: 0, ...notEnough });
      expect(p.withoutCase).toMatchObject({ n: 0, ...notEnough, drillDown: null });
      expect(p.comparison).toEqual({ enoughData: false, difference: null, z: null, p: null, significant: null });
    }
  });

  it('filters by department and origin, and the drill-downs keep the filters', async () => {
    const d = await get(`/api/v1/reports/recovery?${march}&departmentId=${departmentId}`);
    expect(d.body.cases.opened.n).toBe(1);
    expect(d.body.within24h).toMatchObject({ within: 0, missed: 0, pending: 1 });
    expect(d.body.cases.opened.drillDown).toContain(`departmentId=${departmentId}`);
    expect(await idsOf(d.body.cases.opened.drillDown)).toEqual([ids.pending]);
    expect((await get(`/api/v1/reports/recovery?${march}&origin=manual`)).body.cases.opened.n).toBe(3);
    const complaints = await get(`/api/v1/reports/recovery?${march}&origin=complaint`);
    expect(complaints.body.cases.opened.n).toBe(0);
    expect(await idsOf(complaints.body.cases.opened.drillDown)).toEqual([]);
  });

  it('takes date-times: cases belong to the period by their oops, from included and to not', async () => {
    const r = await get('/api/v1/reports/recovery?from=2026-03-02T08:00:00Z&to=2026-03-02T10:00:00%2B01:00');
    expect(r.body).toMatchObject({ from: '2026-03-02T08:00:00.000Z', to: '2026-03-02T09:00:00.000Z' });
    expect(r.body.cases.opened.n).toBe(1); // the 08:00 oops; the 09:00 one is at `to`, not included
    expect(await idsOf(r.body.cases.opened.drillDown)).toEqual([ids.fast]);
  });

  it('defaults to the 90 days up to the end of today', async () => {
    const r = await get('/api/v1/reports/recovery');
    expect(r.body).toMatchObject({ from: '2025-12-05T00:00:00.000Z', to: '2026-03-05T00:00:00.000Z' });
    expect(r.body.cases.opened.n).toBe(3);
  });

  it('answers an empty period with zeros and "not enough data", never an error', async () => {
    const r = await get('/api/v1/reports/recovery?from=2020-01-01&to=2020-02-01');
    expect(r.status).toBe(200);
    for (const c of Object.values(r.body.cases) as any[]) expect(c.n).toBe(0);
    for (const s of [r.body.within24h, r.body.withinTarget])
      expect(s).toMatchObject({ within: 0, missed: 0, pending: 0, n: 0, ...notEnough });
    expect(r.body.timeToApology).toMatchObject({ n: 0, enoughData: false, medianHours: null });
    expect(r.body.restitution).toMatchObject({ count: 0, currencies: [] });
    expect(r.body.paradox.every((p: any) => p.paired.n === 0 && p.followUp.n === 0 && p.withoutCase.n === 0)).toBe(true);
    expect(await drill(r.body.cases.opened.drillDown)).toEqual([]);
  });

  it('is for managers', async () => {
    expect((await get(`/api/v1/reports/recovery?${march}`, agent)).status).toBe(403);
    expect((await get(`/api/v1/reports/recovery/cases?bucket=opened`, agent)).status).toBe(403);
    expect((await call(app, 'GET', '/api/v1/reports/recovery')).status).toBe(401);
  });
});

describe('bad queries', () => {
  const bad = async (path: string, field: string) => {
    const r = await get(path);
    expect(r.status, path).toBe(400);
    expect(r.body.error.code).toBe('invalid_input');
    const problem = r.body.error.details.problems.find((p: any) => p.path.join('.') === field);
    expect(problem, `${path}: ${r.text}`).toBeDefined();
    return problem.message as string;
  };

  it('names the field: to before from, a malformed date, an unknown origin', async () => {
    expect(await bad('/api/v1/reports/recovery?from=2026-03-10&to=2026-03-01', 'from')).toMatch(/must be before to/);
    expect(await bad('/api/v1/reports/recovery?from=2026-03-10&to=2026-03-10', 'from')).toMatch(/must be before to/);
    expect(await bad('/api/v1/reports/recovery?from=yesterday', 'from')).toMatch(/must be a date like 2026-01-31/);
    expect(await bad('/api/v1/reports/recovery?to=2026-02-30', 'to')).toMatch(/must be a date like/);
    expect(await bad('/api/v1/reports/recovery?from=2026-03-01T25:00:00Z', 'from')).toMatch(/must be a date like/);
    expect(await bad('/api/v1/reports/recovery?origin=twitter', 'origin')).toBe(
      'must be one of survey, complaint, manual, proactive, commitment, contradiction, basic',
    );
    expect(await bad('/api/v1/reports/recovery?departmentId=not-an-id', 'departmentId')).toBeTruthy();
    expect(await bad(`/api/v1/reports/recovery?departmentId=${managerUserId}`, 'departmentId')).toBe(
      'is not a department of this workspace',
    );
    expect(await bad('/api/v1/reports/recovery?from=2010-01-01&to=2026-01-01', 'to')).toMatch(/at most 3660/);
    expect(await bad('/api/v1/reports/recovery?colour=red', '')).toMatch(/unknown field/);
  });

  it('names the field of a drill-down: bucket, kind, currency, cursor', async () => {
    expect(await bad('/api/v1/reports/recovery/cases', 'bucket')).toMatch(/^is required: one of opened, recovered/);
    expect(await bad('/api/v1/reports/recovery/cases?bucket=late', 'bucket')).toMatch(/^must be one of opened/);
    expect(await bad('/api/v1/reports/recovery/cases?bucket=opened&kind=nps', 'kind')).toMatch(/follow_up/);
    expect(await bad('/api/v1/reports/recovery/cases?bucket=follow_up&kind=xps', 'kind')).toBe('must be nps, csat or ces');
    expect(await bad('/api/v1/reports/recovery/cases?bucket=opened&currency=EUR', 'currency')).toMatch(/restitution/);
    expect(await bad('/api/v1/reports/recovery/cases?bucket=restitution&currency=eur', 'currency')).toMatch(/ISO 4217/);
    expect(await bad('/api/v1/reports/recovery/cases?bucket=opened&cursor=abc', 'cursor')).toMatch(/nextCursor/);
    expect(await bad('/api/v1/reports/recovery/cases?bucket=opened&from=2026-03-10&to=2026-03-01', 'from')).toMatch(/before to/);
  });
});
