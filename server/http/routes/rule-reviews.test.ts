// The dumb-rule story through the API: a restocking-fee rule collects five complaints and three
// front-line exceptions (one over budget, approved by a manager), rises to the top of the
// ranking, is reviewed with its evidence, changed by its owner, and each of the five
// complainers gets exactly one "you said, we did" message through the outbox, in their language.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { learningWorld, signIn, type Person } from '../../../test/learning-kit.ts';
import { manualClock } from '../../domain/core/clock.ts';

let t: TestDatabase;
let w: Awaited<ReturnType<typeof learningWorld>>;
let admin: Person;
const clock = manualClock(new Date('2026-04-14T09:00:00Z'));
const day = 86_400_000;
let fee: string;
let other: string;
const complainers: { customerId: string; id: string; locale: string; words: string }[] = [];
const mails = async () =>
  (
    await sql<{
      to_address: string;
      subject: string;
      text: string;
    }>`SELECT to_address, subject, text FROM mails WHERE kind = 'you_said_we_did' ORDER BY to_address`.execute(t.db)
  ).rows;

beforeAll(async () => {
  t = await createTestDatabase();
  w = await learningWorld(t.db, clock);
  admin = await signIn(w.app, t.db, w.wsId, 'admin', 'root');
  const rule = async (name: string, phrases: string[] = []) =>
    (await w.as(w.manager, 'POST', '/api/v1/rules', { name, text: `${name}: 15 %.`, departmentId: w.returns, ownerId: w.boss.id, phrases }))
      .body.id as string;
  fee = await rule('Restocking fee', ['restocking fee', 'frais de restockage', 'Wiedereinlagerungsgebühr']);
  other = await rule('Receipt required');
  const said = [
    ['en', 'A restocking fee for a box I never opened? Outrageous.'],
    ['fr', 'Des frais de restockage pour un colis fermé, sérieusement ?'],
    ['de', 'Eine Wiedereinlagerungsgebühr für ein ungeöffnetes Paket!'],
    ['en', 'Your restocking fee cost you a customer.'],
    ['en', 'The restocking fee is hidden in the small print.'],
  ];
  for (const [locale, words] of said) {
    const c = await w.complaint(words!, { locale }, { occurredAt: new Date(clock.now().getTime() - day).toISOString() });
    complainers.push({ customerId: c.customerId, id: c.id, locale: locale!, words: words! });
    const suggested = (await w.as(w.ana, 'GET', `/api/v1/rules/suggestions?kind=complaint&id=${c.id}`)).body.items;
    expect(suggested.map((s: { ruleId: string }) => s.ruleId)).toEqual([fee]);
    expect((await w.as(w.ana, 'POST', `/api/v1/rules/${fee}/friction`, { kind: 'complaint', id: c.id, suggested: true })).status).toBe(201);
  }
  await w.as(w.ana, 'POST', `/api/v1/rules/${other}/friction`, { kind: 'complaint', id: (await w.complaint('No receipt, no refund?')).id });
  await w.as(w.manager, 'PUT', `/api/v1/departments/${w.returns}/exception-budget`, { maxCount: 2, maxAmount: 100, currency: 'EUR' });
  const k = await w.kase('Restocking fee dispute');
  const bend = (askApproval: boolean) =>
    w.as(w.ana, 'POST', `/api/v1/rules/${fee}/exceptions`, {
      caseId: k.id,
      what: 'Waived the fee',
      why: 'Unopened',
      cost: { amount: 12.5, currency: 'EUR' },
      askApproval,
    });
  expect((await bend(false)).status).toBe(201);
  expect((await bend(false)).status).toBe(201);
  expect((await bend(false)).body.error.details.reason).toBe('over_budget');
  const third = await bend(true);
  expect(third.status).toBe(202);
  expect((await w.as(w.boss, 'POST', `/api/v1/rule-exceptions/${third.body.id}/approve`, {})).body.status).toBe('approved');
});
afterAll(() => t.drop());

describe('the dumb-rule story', () => {
  it('the rule rises to the top of the ranking', async () => {
    const from = new Date(clock.now().getTime() - 7 * day).toISOString();
    const to = new Date(clock.now().getTime() + day).toISOString();
    const r = (await w.as(w.agentToken, 'GET', `/api/v1/rules/ranking?from=${from}&to=${to}`)).body;
    expect(r.items[0]).toMatchObject({
      ruleId: fee,
      friction: 8,
      figures: { complaints: 5, exceptions: 3, customers: 6, cost: 37.5 },
      trend: 8,
    });
    expect(r.items[1].ruleId).toBe(other);
  });

  it('goes to review with its owner and a due date; the evidence holds the customers’ own words and the cost; overdue shows to admins', async () => {
    const bad = await w.as(w.manager, 'POST', `/api/v1/rules/${fee}/review`, {
      dueAt: new Date(clock.now().getTime() - day).toISOString(),
    });
    expect(bad.status).toBe(400);
    const opened = await w.as(w.manager, 'POST', `/api/v1/rules/${fee}/review`, {
      dueAt: new Date(clock.now().getTime() + 7 * day).toISOString(),
    });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ ownerId: w.boss.id, status: 'open', overdue: false });
    expect(
      (await w.as(w.manager, 'POST', `/api/v1/rules/${fee}/review`, { dueAt: new Date(clock.now().getTime() + day).toISOString() })).body
        .error.details.reason,
    ).toBe('review_open');
    expect((await w.as(w.agentToken, 'GET', `/api/v1/rules/${fee}`)).body.status).toBe('under_review');
    const ev = (await w.as(w.ana, 'GET', `/api/v1/rules/${fee}/review`)).body;
    expect(ev.friction.map((f: { words: string }) => f.words).sort()).toEqual(complainers.map((c) => c.words).sort());
    expect(ev).toMatchObject({ customers: 6, cost: 37.5 });
    expect(ev.exceptions).toHaveLength(3);

    expect((await w.as(admin, 'GET', '/api/v1/rule-reviews?overdue=true')).body.items).toEqual([]);
    clock.advance(8 * day);
    const overdue = await w.as(admin, 'GET', '/api/v1/rule-reviews?overdue=true');
    expect(overdue.body.items).toEqual([expect.objectContaining({ ruleId: fee, ruleName: 'Restocking fee', overdue: true })]);
    expect((await w.as(w.boss, 'GET', '/api/v1/rule-reviews?overdue=true')).status).toBe(403);
  });

  it('refuses a close without a reason, a change without text, and a close by someone who is not the owner: nothing changes', async () => {
    const close = (who: Person, body: unknown) => w.as(who, 'POST', `/api/v1/rules/${fee}/review/close`, body);
    const noReason = await close(w.boss, { outcome: 'trash' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.reason).toBe('reason_required');
    expect((await close(w.boss, { outcome: 'keep', reason: '   ' })).body.error.details.reason).toBe('reason_required');
    expect((await close(w.boss, { outcome: 'change', reason: 'Too harsh' })).body.error.details.reason).toBe('new_text_required');
    const notOwner = await close(w.ana, { outcome: 'trash', reason: 'I hate it' });
    expect(notOwner.status).toBe(403);
    expect(notOwner.body.error.details.reason).toBe('not_the_owner');
    expect((await w.as(w.agentToken, 'GET', `/api/v1/rules/${fee}`)).body).toMatchObject({ status: 'under_review', version: 1 });
    expect((await w.as(w.ana, 'GET', `/api/v1/rules/${fee}/review`)).body.review.status).toBe('open');
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM improvements`.execute(t.db)).rows[0]!.n).toBe(0);
  });

  it('is changed by its owner: a new version, and an improvement holding the five complaints', async () => {
    const closed = await w.as(w.boss, 'POST', `/api/v1/rules/${fee}/review/close`, {
      outcome: 'change',
      reason: 'Five complaints and three exceptions in a week: the fee costs more than it earns',
      newText: 'Unopened items are returned free; opened items cost a 5 % restocking fee.',
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', outcome: 'change', closedBy: w.boss.id });
    const rule = (await w.as(w.agentToken, 'GET', `/api/v1/rules/${fee}`)).body;
    expect(rule).toMatchObject({
      status: 'changed',
      version: 2,
      text: 'Unopened items are returned free; opened items cost a 5 % restocking fee.',
    });
    expect(rule.versions.map((v: { version: number; reason: string | null }) => [v.version, !!v.reason])).toEqual([
      [1, false],
      [2, true],
    ]);
    const imp = (await w.as(w.agentToken, 'GET', `/api/v1/improvements/${closed.body.improvementId}`)).body;
    expect(imp).toMatchObject({ status: 'planned', ruleId: fee, counts: { raised: 5, told: 0, bounced: 0 } });
  });

  it('tells each of the five complainers exactly once, in their language, quoting them', async () => {
    const id = (await w.as(w.ana, 'GET', `/api/v1/rules/${fee}/review`)).body.review.improvementId;
    const done = await w.as(w.manager, 'POST', `/api/v1/improvements/${id}/done`);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', counts: { raised: 5, told: 5, bounced: 0, notTold: 0 } });
    const again = await w.as(w.manager, 'POST', `/api/v1/improvements/${id}/done`);
    expect(again.body.error.details.reason).toBe('improvement_done');
    const sent = await mails();
    expect(sent).toHaveLength(5);
    expect(new Set(sent.map((m) => m.to_address)).size).toBe(5);
    const fr = complainers.find((c) => c.locale === 'fr')!;
    const frMail = sent.find((m) => m.text.includes(fr.words))!;
    expect(frMail.subject).toMatch(/^Vous l’avez dit, nous l’avons fait/);
    expect(frMail.text).toContain('désormais : Unopened items are returned free');
    const deMail = sent.find((m) => m.text.includes(complainers.find((c) => c.locale === 'de')!.words))!;
    expect(deMail.subject).toMatch(/^Sie haben es gesagt/);
    // The notices' primary key refuses a second one for the same customer, whatever the caller.
    const dup = sql`INSERT INTO improvement_notices (workspace_id, improvement_id, customer_id, locale, status, at)
      VALUES (${w.wsId}, ${id}, ${fr.customerId}, 'fr', 'passed', now())`.execute(t.db);
    await expect(dup).rejects.toThrow(/duplicate key/);
  });

  it('records an improvement by hand with feedback of this workspace only', async () => {
    const foreign = await learningWorld(t.db, clock);
    const theirs = await foreign.complaint('Not yours');
    const before = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM improvements`.execute(t.db)).rows[0]!.n;
    const bad = await w.as(w.manager, 'POST', '/api/v1/improvements', { title: 'X', feedback: [{ kind: 'complaint', id: theirs.id }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toMatchObject({ reason: 'unknown_item', problems: [{ path: ['feedback', 0, 'id'] }] });
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM improvements`.execute(t.db)).rows[0]!.n).toBe(before);
    const a = await w.answer(2, 'Opening hours are too short');
    const ok = await w.as(w.manager, 'POST', '/api/v1/improvements', {
      title: 'Open until 20:00',
      toldText: { en: 'We now open until 20:00.' },
      feedback: [{ kind: 'answer', id: a.id }],
    });
    expect(ok.body).toMatchObject({ counts: { raised: 1 }, feedback: [{ kind: 'answer', words: 'Opening hours are too short' }] });
  });
});
