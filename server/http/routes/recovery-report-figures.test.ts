// The recovery report's numbers, on enough cases for every figure (30 or more), built through
// the API with a fixed clock: 30 cases recovered in 2 hours, 10 in 25 to 34 hours, 2 pending;
// restitutions in EUR and USD; a follow-up re-survey answered on each recovered case; answers
// from before the oops; and 100 answers of customers who never had a case. Expected values are
// worked out by hand in the comments (the formulas are in scores.test.ts and recovery-report.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, buildToken, buildUser, buildWorkspace, call, type TestApp } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { manualClock } from '../../domain/core/clock.ts';

let t: TestDatabase;
let app: TestApp;
let agent: string;
let manager: string;
let managerUserId: string;
let surveyId: string;
const clock = manualClock('2026-02-15T09:00:00Z');
const hour = 3_600_000;
const slow: string[] = [];
const fast: string[] = [];
const pending: string[] = [];

const post = (path: string, body: unknown, token = agent) => call(app, 'POST', path, { token, body });
const get = (path: string) => call(app, 'GET', path, { token: manager });
const iso = (ms: number) => new Date(ms).toISOString();
const apology = 'We sent your parcel to the wrong address. That was our mistake, and we are sorry.';

async function ok(r: Promise<{ status: number; text: string; body: any }>, status = 201) {
  const x = await r;
  expect(x.status, x.text).toBe(status);
  return x.body;
}
const openCase = async (name: string) =>
  (
    await ok(
      post('/api/v1/cases', {
        customer: { externalId: name, email: `${name}@example.com`, name },
        summary: 'Wrong address',
        occurredAt: clock.now().toISOString(),
      }),
    )
  ).case.id as string;
// A restitution is recorded by a manager (here an integration with a manager's token, naming the approver).
const step = (id: string, body: Record<string, unknown>) =>
  ok(post(`/api/v1/cases/${id}/steps`, body, body.step === 'restitution' ? manager : agent));
const skip = (id: string, s: string) => ok(post(`/api/v1/cases/${id}/steps/${s}/skip`, { reason: 'not needed here' }), 200);

/**
 * A recovered case: oops at `oops`, acknowledged 30 min later, apology after `apologyH` hours, fixed
 * after `fixH`; then a restitution (or none), a follow-up answered an hour after the fix with `score`.
 */
interface Plan {
  name: string;
  oops: number;
  apologyH: number;
  fixH: number;
  cost?: { amount: number; currency: string };
  score: number;
}

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db, { clock });
  const ws = (await buildWorkspace(t.db)).id;
  agent = await buildToken(t.db, ws, 'agent');
  manager = await buildToken(t.db, ws, 'manager');
  managerUserId = (await buildUser(t.db, ws, { role: 'manager' })).id;
  surveyId = (await ok(post('/api/v1/surveys', { kind: 'nps', name: 'Relationship' }, manager))).id;

  // A case in February: before the period, but its customer has had a problem.
  await openCase('february');

  const plans: Plan[] = [];
  // Slow: oops on 2 March from 00:00 hourly; apology at 20 h; fixed at 25 + j hours (25..34).
  for (let j = 0; j < 10; j++) {
    const cost = j === 0 ? { amount: 10, currency: 'USD' } : j === 1 ? { amount: 15.5, currency: 'USD' } : undefined;
    plans.push({ name: `slow-${j}`, oops: Date.parse('2026-03-02T00:00:00Z') + j * hour, apologyH: 20, fixH: 25 + j, cost, score: 0 });
  }
  // Fast: oops from 4 March every 2 hours; apology at 1 h, fixed at 2 h; 15 restitutions of 20 EUR, 15 of 30 EUR.
  for (let k = 0; k < 30; k++) {
    const cost = { amount: k < 15 ? 20 : 30, currency: 'EUR' };
    plans.push({ name: `fast-${k}`, oops: Date.parse('2026-03-04T00:00:00Z') + 2 * k * hour, apologyH: 1, fixH: 2, cost, score: 0 });
  }
  // Follow-up answers: every other customer a promoter (10), the rest passives (8).
  plans.forEach((p, i) => (p.score = i % 2 === 0 ? 10 : 8));

  // Every action of every case, run in time order so the clock only moves forward.
  const actions: { at: number; run: () => Promise<unknown> }[] = [];
  for (const p of plans) {
    const ref = { id: '' };
    const list = p.name.startsWith('slow') ? slow : fast;
    actions.push({ at: p.oops, run: async () => list.push((ref.id = await openCase(p.name))) });
    actions.push({ at: p.oops + hour / 2, run: () => step(ref.id, { step: 'acknowledge' }) });
    actions.push({ at: p.oops + p.apologyH * hour, run: () => step(ref.id, { step: 'apologise', message: apology }) });
    const fixed = p.oops + p.fixH * hour;
    const follow = { token: '' };
    actions.push({
      at: fixed,
      run: async () => {
        await skip(ref.id, 'investigate');
        await step(ref.id, { step: 'fix', note: 'Re-delivered' });
        await skip(ref.id, 'ask');
        if (p.cost) await step(ref.id, { step: 'restitution', what: 'Refund', cost: p.cost, approvedBy: managerUserId });
        else await skip(ref.id, 'restitution');
        const d = await step(ref.id, { step: 'follow_up', surveyId, sendAt: clock.now().toISOString(), channel: 'link' });
        follow.token = (d.playbook.find((s: any) => s.step === 'follow_up').data.url as string).split('/s/')[1]!;
      },
    });
    actions.push({ at: fixed + hour, run: () => ok(post('/api/public/answers', { token: follow.token, score: p.score })) });
  }
  // Pending: oopses on 31 March at 12:00 and 15:00, nothing done; the report is made at 23:45.
  for (const [i, h] of [12, 15].entries())
    actions.push({ at: Date.parse(`2026-03-31T${h}:00:00Z`), run: async () => pending.push(await openCase(`pending-${i}`)) });
  actions.sort((a, b) => a.at - b.at);
  for (const a of actions) {
    clock.set(iso(a.at));
    await a.run();
  }
  clock.set('2026-03-31T23:45:00Z');

  // Answers outside the follow-ups, imported with their times.
  const answer = (name: string, score: number, answeredAt: string) => ({
    surveyId,
    customer: { externalId: name, email: `${name}@example.com`, name },
    score,
    answeredAt,
  });
  const responses = [
    // Before the oops: an old 0 in January and the latest, an 8, in February, for each recovered customer.
    ...plans.flatMap((p) => [answer(p.name, 0, '2026-01-05T10:00:00Z'), answer(p.name, 8, '2026-02-10T10:00:00Z')]),
    // Customers with a case answer in March too: not "without a case".
    ...plans.map((p) => answer(p.name, 0, '2026-03-20T10:00:00Z')),
    answer('february', 0, '2026-03-10T12:00:00Z'),
    // Customers without a case: 40 promoters (10), 30 passives (8), 30 detractors (3); 10 detractors answer at 23:30 on 31 March.
    ...Array.from({ length: 100 }, (_, i) =>
      answer(`never-${i}`, i < 40 ? 10 : i < 70 ? 8 : 3, i >= 90 ? '2026-03-31T23:30:00Z' : '2026-03-10T12:00:00Z'),
    ),
  ];
  await ok(post('/api/v1/responses', { responses }, manager)); // importing needs a manager
}, 240_000);
afterAll(() => t.drop());

const march = 'from=2026-03-01&to=2026-04-01';

async function drill(url: string) {
  const items: any[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const r = await get(`${url}&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(r.status, r.text).toBe(200);
    items.push(...r.body.items);
    cursor = r.body.nextCursor;
    if (!cursor) return items;
  }
  throw new Error('the drill-down did not end');
}

describe('the recovery report’s figures on 42 cases', () => {
  it('counts the cases', async () => {
    const r = await get(`/api/v1/reports/recovery?${march}`);
    expect(r.status, r.text).toBe(200);
    const n = Object.fromEntries(Object.entries(r.body.cases).map(([k, v]: [string, any]) => [k, v.n]));
    expect(n).toEqual({ opened: 42, recovered: 40, closed: 0, open: 42, breached: 0 });
  });

  it('gives the share recovered within 24 hours and within the target, with the Wilson interval', async () => {
    const r = await get(`/api/v1/reports/recovery?${march}`);
    // 30 in time, 10 late, 2 pending (left out): 30 / 40 = 75 %, Wilson [59.81, 85.81]
    const share = { within: 30, missed: 10, pending: 2, n: 40, enoughData: true, value: 75, interval: { low: 59.81, high: 85.81 } };
    expect(r.body.within24h).toMatchObject(share);
    // The default target is 24 calendar hours: the same cases.
    expect(r.body.withinTarget).toMatchObject(share);
    expect((await drill(r.body.within24h.drillDown.within)).map((c) => c.id).sort()).toEqual([...fast].sort());
    const late = await drill(r.body.within24h.drillDown.missed);
    expect(late.map((c) => c.id)).toEqual([...slow].reverse());
    expect(late.map((c) => c.hoursToRecovery)).toEqual([34, 33, 32, 31, 30, 29, 28, 27, 26, 25]);
    expect((await drill(r.body.within24h.drillDown.pending)).map((c) => c.id)).toEqual([...pending].reverse());
  });

  it('gives median and p90 of the hours to the apology and to the fix', async () => {
    const r = await get(`/api/v1/reports/recovery?${march}`);
    // Apologies: 30 after 1 h, 10 after 20 h. Sorted, the median sits between the 20th and 21st (both 1)
    // and p90 at 0.9 * 39 = 35.1, between the 36th and 37th (both 20).
    expect(r.body.timeToApology).toMatchObject({ n: 40, enoughData: true, medianHours: 1, p90Hours: 20 });
    // Fixes: 30 after 2 h, then 25..34 h. p90 = 30 + 0.1 * (31 - 30) = 30.1
    expect(r.body.timeToFix).toMatchObject({ n: 40, enoughData: true, medianHours: 2, p90Hours: 30.1 });
    expect(await drill(r.body.timeToFix.drillDown)).toHaveLength(40);
  });

  it('gives restitution costs per currency, with the mean and its t interval from 30', async () => {
    const r = await get(`/api/v1/reports/recovery?${march}`);
    // EUR: 15 x 20 and 15 x 30: total 750, mean 25, sd = sqrt(30 * 25 / 29) = 5.0855,
    // half-width t(0.975, 29) 2.045230 * 5.0855 / sqrt(30) = 1.8990 -> [23.10, 26.90]
    expect(r.body.restitution).toMatchObject({
      count: 32,
      currencies: [
        { currency: 'EUR', count: 30, total: 750, enoughData: true, mean: { value: 25, interval: { low: 23.1, high: 26.9 } } },
        { currency: 'USD', count: 2, total: 25.5, enoughData: false, mean: null },
      ],
    });
    const usd = await drill(r.body.restitution.currencies[1].drillDown);
    expect(usd.map((c) => c.restitution)).toEqual([
      { amount: 15.5, currency: 'USD' },
      { amount: 10, currency: 'USD' },
    ]);
    expect(await drill(r.body.restitution.drillDown)).toHaveLength(32);
  });

  it('measures the service-recovery paradox: before against after, paired, and follow-ups against customers without a case', async () => {
    const r = await get(`/api/v1/reports/recovery?${march}`);
    const nps = r.body.paradox.find((p: any) => p.kind === 'nps');
    // Paired: all 40 gave 8 before (the February answer, not January's 0); after, 20 gave 10 and 20 gave 8.
    // before 8 [8, 8]; after 9, sd sqrt(40 / 39) = 1.0127, t(0.975, 39) = 2.0227 -> 9 -/+ 0.3239;
    // change +1 [0.68, 1.32], t = 1 / (1.0127 / sqrt(40)) = 6.245, p = 2.366e-7
    expect(nps.paired).toMatchObject({
      n: 40,
      enoughData: true,
      before: { value: 8, interval: { low: 8, high: 8 } },
      after: { value: 9, interval: { low: 8.68, high: 9.32 } },
      change: { value: 1, interval: { low: 0.68, high: 1.32 }, t: 6.245, p: 2.366e-7, significant: true },
    });
    // Follow-ups: 20 promoters, 20 passives: NPS 50; n' = 43, p' = 20.75 / 43, d' = 0.75 / 43, NPS' = 0.465116,
    // SE = sqrt((0.5 - 0.216333) / 43) = 0.081222 -> [30.59, 62.43]
    expect(nps.followUp).toMatchObject({
      n: 40,
      enoughData: true,
      value: 50,
      interval: { low: 30.59, high: 62.43 },
      positive: 20,
      negative: 0,
    });
    // Without a case: 40 / 30 / 30 -> NPS 10 [-6.27, 25.69]; the March answers of customers with a case
    // (including February's) are not in it, nor are the follow-ups.
    expect(nps.withoutCase).toMatchObject({
      n: 100,
      enoughData: true,
      value: 10,
      interval: { low: -6.27, high: 25.69 },
      positive: 40,
      negative: 30,
      drillDown: null,
    });
    // z = (0.465116 - 0.097087) / sqrt(0.081222^2 + 0.081536^2) = 3.1978, p = 0.001385
    expect(nps.comparison).toEqual({ enoughData: true, difference: 40, z: 3.1978, p: 0.001385, significant: true });
    const paired = await drill(nps.paired.drillDown);
    expect(paired).toHaveLength(40);
    expect(paired.every((c) => c.followUp.kind === 'nps' && c.followUp.scoreBefore === 8)).toBe(true);
    expect(paired.filter((c) => c.followUp.score === 10)).toHaveLength(20);
    expect(await drill(nps.followUp.drillDown)).toHaveLength(40);
    // No CSAT or CES follow-ups.
    expect(r.body.paradox.find((p: any) => p.kind === 'csat')).toMatchObject({ paired: { n: 0 }, followUp: { n: 0 } });
    // By the severity of the oops: the same 40 follow-ups, split by their case's severity (low to critical);
    // each part is compared with the same customers without a case.
    const bySeverity = r.body.paradoxBySeverity.filter((p: any) => p.kind === 'nps');
    expect(bySeverity.reduce((n: number, p: any) => n + p.followUp.n, 0)).toBe(40);
    const order = ['low', 'normal', 'high', 'critical'];
    expect(bySeverity.map((p: any) => order.indexOf(p.severity))).toEqual(
      [...bySeverity.map((p: any) => order.indexOf(p.severity))].sort(),
    );
    if (bySeverity.length === 1) {
      expect(bySeverity[0].followUp).toMatchObject({ n: 40, value: 50, interval: { low: 30.59, high: 62.43 } });
      expect(bySeverity[0].comparison).toEqual(nps.comparison);
    }
    expect(r.body.paradoxBySeverity.every((p: any) => p.kind === 'nps')).toBe(true);
  });

  it('reads customers without a case to the minute when the period does not end at midnight', async () => {
    // The 10 detractors who answered at 23:30 on 31 March fall after `to`: 40 / 30 / 20 of 90 -> NPS 22.22 [5.57, 37.44]
    const r = await get('/api/v1/reports/recovery?from=2026-03-01&to=2026-03-31T23:00:00Z');
    const nps = r.body.paradox.find((p: any) => p.kind === 'nps');
    expect(nps.withoutCase).toMatchObject({ n: 90, value: 22.22, interval: { low: 5.57, high: 37.44 }, negative: 20 });
    expect(nps.comparison).toMatchObject({ difference: 27.78, z: 2.1757, p: 0.02958 });
    // And from mid-day: the answers of 10 March at 12:00 are in, from 12:00 on.
    const late = await get('/api/v1/reports/recovery?from=2026-03-10T12:00:00Z&to=2026-04-01');
    expect(late.body.paradox[0].withoutCase.n).toBe(100);
    const after = await get('/api/v1/reports/recovery?from=2026-03-10T12:00:01Z&to=2026-04-01');
    expect(after.body.paradox[0].withoutCase.n).toBe(10);
  });
});
