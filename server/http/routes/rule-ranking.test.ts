// The friction ranking on a small data set with known answers: figures per rule, cost from
// exceptions and restitution, the trend against the previous period, and the drill-down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { learningWorld } from '../../../test/learning-kit.ts';
import { manualClock } from '../../domain/core/clock.ts';

let t: TestDatabase;
let w: Awaited<ReturnType<typeof learningWorld>>;
const clock = manualClock(new Date('2026-03-20T09:00:00Z'));
const period = 'from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z';
let fee: string;
let receipt: string;
let feeCase: { id: string; customerId: string };
const complainers: string[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  w = await learningWorld(t.db, clock);
  const rule = async (name: string) =>
    (await w.as(w.manager, 'POST', '/api/v1/rules', { name, text: `${name}.`, departmentId: w.returns, ownerId: w.boss.id })).body
      .id as string;
  fee = await rule('Restocking fee');
  receipt = await rule('Receipt required');
  await rule('Quiet rule');
  const tag = (ruleId: string, kind: string, id: string) => w.as(w.ana, 'POST', `/api/v1/rules/${ruleId}/friction`, { kind, id });
  for (let i = 0; i < 3; i++) {
    const c = await w.complaint(`Fee complaint ${i}`, {}, { occurredAt: `2026-03-0${i + 2}T10:00:00Z` });
    complainers.push(c.customerId);
    await tag(fee, 'complaint', c.id);
  }
  // The previous period (29 January – 1 March): one fee complaint, two receipt complaints.
  await tag(fee, 'complaint', (await w.complaint('Old fee complaint', {}, { occurredAt: '2026-02-10T10:00:00Z' })).id);
  for (const d of ['2026-02-11', '2026-02-12'])
    await tag(receipt, 'complaint', (await w.complaint('No receipt', {}, { occurredAt: `${d}T10:00:00Z` })).id);
  await tag(receipt, 'answer', (await w.answer(4, 'They wanted a receipt', '2026-03-05T10:00:00Z')).id);
  feeCase = await w.kase('Fee charged on a faulty item');
  await tag(fee, 'case', feeCase.id);
  for (const s of ['acknowledge', 'apologise', 'investigate', 'fix', 'ask'])
    await w.as(w.boss, 'POST', `/api/v1/cases/${feeCase.id}/steps/${s}/skip`, { reason: 'Not needed for this test' });
  const step = await w.as(w.boss, 'POST', `/api/v1/cases/${feeCase.id}/steps`, {
    step: 'restitution',
    what: 'Fee refunded',
    cost: { amount: 40, currency: 'EUR' },
  });
  if (step.status !== 201 && step.status !== 200) throw new Error(`restitution: ${step.status} ${step.text}`);
  await w.as(w.manager, 'PUT', `/api/v1/departments/${w.returns}/exception-budget`, { maxCount: 5, maxAmount: 100, currency: 'EUR' });
  const bend = (amount: number, askApproval = false) =>
    w.as(w.ana, 'POST', `/api/v1/rules/${fee}/exceptions`, {
      caseId: feeCase.id,
      what: 'Waived',
      why: 'Faulty',
      cost: { amount, currency: 'EUR' },
      askApproval,
    });
  expect((await bend(20)).status).toBe(201);
  expect((await bend(500, true)).status).toBe(202); // pending: counted, not costed
});
afterAll(() => t.drop());

describe('the friction ranking', () => {
  it('ranks the worst rule first with its figures, cost and trend against the previous period of the same length', async () => {
    const r = await w.as(w.agentToken, 'GET', `/api/v1/rules/ranking?${period}`);
    expect(r.status).toBe(200);
    expect(r.body.previousFrom).toBe('2026-01-29T00:00:00.000Z');
    expect(r.body.items.map((i: { name: string }) => i.name)).toEqual(['Restocking fee', 'Receipt required']);
    const [first, second] = r.body.items;
    expect(first).toMatchObject({
      ruleId: fee,
      friction: 6,
      figures: { complaints: 3, cases: 1, answers: 0, exceptions: 2, customers: 4, cost: 60 },
      previous: { complaints: 1, friction: 1 },
      trend: 5,
    });
    expect(second).toMatchObject({
      ruleId: receipt,
      friction: 1,
      figures: { answers: 1, complaints: 0, cost: 0 },
      previous: { friction: 2 },
      trend: -1,
    });
  });

  it('drills every figure down to its items', async () => {
    const drill = async (figure: string) => (await w.as(w.agentToken, 'GET', `/api/v1/rules/${fee}/items?${period}&figure=${figure}`)).body;
    const complaints = await drill('complaints');
    expect(complaints.friction.map((f: { customerId: string }) => f.customerId).sort()).toEqual([...complainers].sort());
    const cost = await drill('cost');
    expect(cost.friction).toEqual([expect.objectContaining({ itemId: feeCase.id, restitution: 40 })]);
    expect(cost.exceptions.map((e: { cost: { amount: number } }) => e.cost.amount)).toEqual([20]);
    expect((await drill('exceptions')).exceptions).toHaveLength(2);
    expect((await drill('customers')).customers.sort()).toEqual([...complainers, feeCase.customerId].sort());
  });

  it('refuses a period that ends before it starts', async () => {
    const r = await w.as(w.agentToken, 'GET', '/api/v1/rules/ranking?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z');
    expect(r.status).toBe(400);
    expect((await w.as(w.agentToken, 'GET', `/api/v1/rules/not-a-rule/items?${period}&figure=cost`)).status).toBe(404);
  });
});
