// The register of rules, friction tagged to them (and suggested from the customer's words), and
// exceptions within a budget, through the API on a real database with a fixed clock.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { learningWorld } from '../../../test/learning-kit.ts';
import { manualClock } from '../../domain/core/clock.ts';

let t: TestDatabase;
let w: Awaited<ReturnType<typeof learningWorld>>;
const clock = manualClock(new Date('2026-03-10T09:00:00Z'));
const count = async (table: string) =>
  (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(t.db)).rows[0]!.n;

beforeAll(async () => {
  t = await createTestDatabase();
  w = await learningWorld(t.db, clock);
});
afterAll(() => t.drop());

const restockingFee = {
  name: 'Restocking fee',
  text: 'Returns of opened items cost a 15 % restocking fee.',
  why: 'Opened items are sold again at a loss.',
  phrases: ['restocking fee', 'frais de restockage', 'Wiedereinlagerungsgebühr'],
};
const newRule = async (over: Record<string, unknown> = {}) => {
  const r = await w.as(w.manager, 'POST', '/api/v1/rules', { ...restockingFee, departmentId: w.returns, ownerId: w.boss.id, ...over });
  expect(r.status).toBe(201);
  return r.body as { id: string };
};

describe('the register of rules', () => {
  it('adds a rule in force at version 1 with its history, lists it and changes its metadata', async () => {
    const rule = await newRule({ name: 'Receipt required' });
    const got = (await w.as(w.agentToken, 'GET', `/api/v1/rules/${rule.id}`)).body;
    expect(got).toMatchObject({ name: 'Receipt required', status: 'in_force', version: 1, departmentId: w.returns, ownerId: w.boss.id });
    expect(got.versions).toEqual([expect.objectContaining({ version: 1, text: restockingFee.text, reason: null })]);
    const patched = await w.as(w.manager, 'PATCH', `/api/v1/rules/${rule.id}`, { why: 'Fraud', phrases: ['receipt'] });
    expect(patched.body).toMatchObject({ why: 'Fraud', phrases: ['receipt'], version: 1 });
    const list = (await w.as(w.agentToken, 'GET', '/api/v1/rules?status=in_force')).body.items.map((r: { name: string }) => r.name);
    expect(list).toContain('Receipt required');
  });

  it('refuses a second rule of the same name, an unknown owner, an agent adding one, and a text change by PATCH', async () => {
    await newRule({ name: 'Thirty days' });
    const before = await count('rules');
    expect((await w.as(w.manager, 'POST', '/api/v1/rules', { ...restockingFee, name: 'thirty DAYS' })).body.error.details.reason).toBe(
      'rule_name_taken',
    );
    const badOwner = await w.as(w.manager, 'POST', '/api/v1/rules', {
      ...restockingFee,
      name: 'X',
      ownerId: '01900000-0000-7000-8000-000000000000',
    });
    expect(badOwner.status).toBe(400);
    expect(badOwner.body.error.details.problems[0].path).toEqual(['ownerId']);
    expect((await w.as(w.agentToken, 'POST', '/api/v1/rules', { ...restockingFee, name: 'Y' })).status).toBe(403);
    const r = (await w.as(w.agentToken, 'GET', '/api/v1/rules')).body.items[0];
    expect((await w.as(w.manager, 'PATCH', `/api/v1/rules/${r.id}`, { text: 'new' })).status).toBe(400);
    expect(await count('rules')).toBe(before);
  });
});

describe('friction tagged to a rule', () => {
  it('tags a complaint, a case and an answer once each, with the customer’s words', async () => {
    const rule = await newRule({ name: 'Restocking fee A' });
    const c = await w.complaint('Why do I pay a restocking fee on an unopened box?');
    const k = await w.kase('Charged a restocking fee twice');
    const a = await w.answer(3, 'The restocking fee is a rip-off');
    const tag = (kind: string, id: string, who: unknown = w.ana) =>
      w.as(who as never, 'POST', `/api/v1/rules/${rule.id}/friction`, { kind, id });
    const first = await tag('complaint', c.id);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ kind: 'complaint', itemId: c.id, customerId: c.customerId, taggedBy: w.ana.id, suggested: false });
    expect(first.body.words).toContain('restocking fee on an unopened box');
    expect((await tag('case', k.id)).body.words).toBe('Charged a restocking fee twice');
    expect((await tag('answer', a.id, w.agentToken)).body).toMatchObject({ words: 'The restocking fee is a rip-off', taggedBy: null });
    const again = await tag('complaint', c.id);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, duplicate: true });
    expect(
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM rule_friction WHERE rule_id = ${rule.id}`.execute(t.db)).rows[0]!.n,
    ).toBe(3);
  });

  it('refuses a made-up item and an item of another workspace, and a rule of another workspace: named errors, nothing stored', async () => {
    const rule = await newRule({ name: 'Restocking fee B' });
    const other = await learningWorld(t.db, clock);
    const foreignComplaint = await other.complaint('restocking fee!');
    const foreignRule = (await other.as(other.manager, 'POST', '/api/v1/rules', { ...restockingFee })).body;
    const mine = await w.complaint('restocking fee again');
    const before = await count('rule_friction');
    const madeUp = await w.as(w.ana, 'POST', `/api/v1/rules/${rule.id}/friction`, {
      kind: 'case',
      id: '01900000-0000-7000-8000-000000000000',
    });
    expect(madeUp.status).toBe(400);
    expect(madeUp.body.error.details.reason).toBe('unknown_item');
    const foreign = await w.as(w.ana, 'POST', `/api/v1/rules/${rule.id}/friction`, { kind: 'complaint', id: foreignComplaint.id });
    expect(foreign.body.error.details.reason).toBe('unknown_item');
    // A complaint's id used as an answer's is not an answer.
    expect((await w.as(w.ana, 'POST', `/api/v1/rules/${rule.id}/friction`, { kind: 'answer', id: mine.id })).status).toBe(400);
    const foreignRuleTag = await w.as(w.ana, 'POST', `/api/v1/rules/${foreignRule.id}/friction`, { kind: 'complaint', id: mine.id });
    expect(foreignRuleTag.status).toBe(404);
    expect(foreignRuleTag.body.error.code).toBe('not_found');
    expect(await count('rule_friction')).toBe(before);
  });

  it('suggests the rule when the customer’s words contain one of its phrases, in French or German too, and a person confirms it', async () => {
    const rule = await newRule({
      name: 'Restocking fee C',
      phrases: ['frais de restockage', 'Wiedereinlagerungsgebühr', 'restocking fee'],
    });
    const fr = await w.complaint('Les FRAIS de re-stockage… non: les frais de restockage sont injustes !');
    const de = await w.complaint('Eine Wiedereinlagerungsgebuhr? Wirklich?');
    const none = await w.complaint('The parcel was late');
    const suggest = async (id: string) => (await w.as(w.ana, 'GET', `/api/v1/rules/suggestions?kind=complaint&id=${id}`)).body.items;
    expect((await suggest(fr.id)).find((s: { ruleId: string }) => s.ruleId === rule.id)).toEqual({
      ruleId: rule.id,
      name: 'Restocking fee C',
      matched: ['frais de restockage'],
    });
    expect((await suggest(de.id)).map((s: { ruleId: string }) => s.ruleId)).toContain(rule.id);
    expect(await suggest(none.id)).toEqual([]);
    expect(await count('rule_friction')).toBeGreaterThan(0);
    const confirmed = await w.as(w.ana, 'POST', `/api/v1/rules/${rule.id}/friction`, { kind: 'complaint', id: fr.id, suggested: true });
    expect(confirmed.body.suggested).toBe(true);
  });
});

describe('exceptions within a budget', () => {
  const bend = (who: typeof w.ana, ruleId: string, caseId: string, amount: number, askApproval?: boolean) =>
    w.as(who, 'POST', `/api/v1/rules/${ruleId}/exceptions`, {
      caseId,
      what: 'Waived the restocking fee',
      why: 'Loyal customer, box unopened',
      cost: { amount, currency: 'EUR' },
      ...(askApproval === undefined ? {} : { askApproval }),
    });

  it('records exceptions inside the agent’s monthly budget without approval, on the case’s timeline', async () => {
    const rule = await newRule({ name: 'Restocking fee D' });
    await w.as(w.manager, 'PUT', `/api/v1/departments/${w.returns}/exception-budget`, { maxCount: 2, maxAmount: 50, currency: 'EUR' });
    const k = await w.kase('Restocking fee on a gift');
    const e = await bend(w.ana, rule.id, k.id, 20);
    expect(e.status).toBe(201);
    expect(e.body).toMatchObject({
      status: 'within_budget',
      agentId: w.ana.id,
      customerId: k.customerId,
      departmentId: w.returns,
      approvedBy: null,
    });
    const timeline = await w.as(w.agentToken, 'GET', `/api/v1/customers/${k.customerId}/timeline`);
    const ev = timeline.body.items.find((x: { type: string }) => x.type === 'case.exception_recorded');
    expect(ev.data).toMatchObject({
      caseId: k.id,
      exceptionId: e.body.id,
      ruleName: 'Restocking fee D',
      what: 'Waived the restocking fee',
    });
  });

  it('over budget: refused without askApproval (nothing stored); pending with it; an agent cannot approve; a manager approves in their session', async () => {
    const rule = await newRule({ name: 'Restocking fee E' });
    await w.as(w.manager, 'PUT', `/api/v1/departments/${w.returns}/exception-budget`, { maxCount: 1, maxAmount: 30, currency: 'EUR' });
    const k = await w.kase('Restocking fee on a broken kettle');
    expect((await bend(w.ben, rule.id, k.id, 25)).body.status).toBe('within_budget');
    const before = await count('rule_exceptions');
    const refused = await bend(w.ben, rule.id, k.id, 10);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toMatchObject({ reason: 'over_budget', used: { count: 1, amount: 25 } });
    expect(await count('rule_exceptions')).toBe(before);

    const pending = await bend(w.ben, rule.id, k.id, 10, true);
    expect(pending.status).toBe(202);
    expect(pending.body.status).toBe('pending');
    const approve = (who: unknown, body: unknown = {}) =>
      w.as(who as never, 'POST', `/api/v1/rule-exceptions/${pending.body.id}/approve`, body);
    const byAgent = await approve(w.ana);
    expect(byAgent.status).toBe(403);
    expect(byAgent.body.error.details.reason).toBe('not_a_manager');
    // An API token, even a manager's, is not a person in their own session.
    expect((await approve(w.manager)).status).toBe(403);
    // The approver is never taken from the body.
    expect((await approve(w.ana, { approvedBy: w.boss.id })).status).toBe(400);
    const still = (await w.as(w.agentToken, 'GET', `/api/v1/rule-exceptions?status=pending&ruleId=${rule.id}`)).body.items;
    expect(still.map((e: { id: string }) => e.id)).toEqual([pending.body.id]);

    const ok = await approve(w.boss, { note: 'Fine this once' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'approved', approvedBy: w.boss.id, approvalNote: 'Fine this once' });
    expect((await approve(w.boss)).body.error.details.reason).toBe('not_pending');
    const types = (await w.as(w.agentToken, 'GET', `/api/v1/customers/${k.customerId}/timeline`)).body.items.map(
      (x: { type: string }) => x.type,
    );
    expect(types).toEqual(expect.arrayContaining(['case.exception_recorded', 'case.exception_requested', 'case.exception_approved']));
  });

  it('a manager cannot approve their own exception; a made-up case is a named error', async () => {
    const rule = await newRule({ name: 'Restocking fee F' });
    const k = await w.kase('Restocking fee, third time');
    const mine = await bend(w.boss, rule.id, k.id, 1000, true);
    expect(mine.body.status).toBe('pending');
    expect((await w.as(w.boss, 'POST', `/api/v1/rule-exceptions/${mine.body.id}/approve`, {})).body.error.details.reason).toBe(
      'own_exception',
    );
    const before = await count('rule_exceptions');
    const bad = await bend(w.ana, rule.id, '01900000-0000-7000-8000-000000000000', 1);
    expect(bad.body.error.details.reason).toBe('unknown_item');
    expect(await count('rule_exceptions')).toBe(before);
  });
});
