// The playbook through the API with a fixed clock: steps in order, each once, skips with a
// reason, an apology that owns the mistake, a restitution with its cost and approver, a follow-up
// re-survey that skips the contact rule, closing only with the required steps, reassignment.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, buildToken, buildUser, buildWorkspace, call, type TestApp } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import type { StepInput } from '../../../contract/playbook.ts';
import { manualClock } from '../../domain/core/clock.ts';
import { takeStep } from '../../domain/recovery/case-actions.ts';
import { createSettingsCache } from '../../domain/signals/signal-settings.ts';

let t: TestDatabase;
let app: TestApp;
let agent: string;
let manager: string;
let managerUserId: string;
let agentUserId: string;
let wsId: string;
let surveyId: string;
const clock = manualClock('2026-03-02T10:00:00Z');
const hour = 3_600_000;
let n = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db, { clock });
  const ws = await buildWorkspace(t.db);
  wsId = ws.id;
  agent = await buildToken(t.db, ws.id, 'agent');
  manager = await buildToken(t.db, ws.id, 'manager');
  managerUserId = (await buildUser(t.db, ws.id, { role: 'manager', email: 'mia@example.com' })).id;
  agentUserId = (await buildUser(t.db, ws.id, { role: 'agent', email: 'al@example.com' })).id;
  const s = await call(app, 'POST', '/api/v1/surveys', { token: manager, body: { kind: 'nps', name: 'Follow-up' } });
  expect(s.status).toBe(201);
  surveyId = s.body.id;
});
afterAll(() => t.drop());

/** A fresh customer's case, its oops an hour ago. */
async function openCase(summary = 'Wrong product delivered: henna instead of conditioner') {
  n++;
  const r = await call(app, 'POST', '/api/v1/cases', {
    token: agent,
    body: {
      customer: { externalId: `c-${n}`, email: `c${n}@example.com`, name: `Customer ${n}` },
      summary,
      occurredAt: new Date(clock.now().getTime() - hour).toISOString(),
    },
  });
  expect(r.status).toBe(201);
  return r.body.case.id as string;
}
const step = (id: string, body: unknown, token = agent) => call(app, 'POST', `/api/v1/cases/${id}/steps`, { token, body });
const skip = (id: string, s: string, reason?: string) =>
  call(app, 'POST', `/api/v1/cases/${id}/steps/${s}/skip`, { token: agent, body: reason === undefined ? {} : { reason } });
const detail = async (id: string) => (await call(app, 'GET', `/api/v1/cases/${id}`, { token: agent })).body;
const mailsTo = async (to: string) =>
  (
    await sql<{
      kind: string;
      subject: string;
      text: string;
    }>`SELECT kind, subject, text FROM mails WHERE to_address = ${to} ORDER BY created_at`.execute(t.db)
  ).rows;
const stepOf = (d: { playbook: { step: string }[] }, s: string) => d.playbook.find((p) => p.step === s) as any;

describe('the playbook', () => {
  it('takes the seven steps in order, recovers at the fix and closes, everything on the timeline', async () => {
    const id = await openCase();
    const who = (await detail(id)).customer.email as string;
    let r = await step(id, { step: 'acknowledge', note: 'Called her', message: 'Hello {customerName}, this is on us and I am on it.' });
    expect(r.status).toBe(201);
    expect(r.body.nextStep).toBe('apologise');
    const apology = 'Dear {customerName}, we sent you henna instead of conditioner (case #{caseNumber}). That was our mistake. — {company}';
    r = await step(id, { step: 'apologise', message: apology });
    expect(r.status).toBe(201);
    const sentApology = stepOf(r.body, 'apologise').data.message as string;
    expect(sentApology).toContain(`Dear Customer ${n}, we sent you henna`);
    expect(sentApology).toContain(`case #${r.body.number}`);
    expect(sentApology).not.toContain('{');
    const mails = await mailsTo(who);
    expect(mails.map((m) => m.kind)).toEqual(['case_message', 'case_message']);
    expect(mails[1]!.text).toContain(sentApology);
    expect(mails[1]!.text).toMatch(/Follow your case, or reply to this mail: http\S+\/c\/[\w-]+\.[\w-]+/);
    expect(r.body.messages).toHaveLength(2);

    r = await step(id, { step: 'investigate', rootCause: 'Batch B-42 was filled from the wrong tank' });
    expect(r.status).toBe(201);
    clock.advance(10 * 60_000);
    r = await step(id, { step: 'fix', note: 'Replacement sent by courier' });
    expect(r.body.recoveredAt).toBe(clock.now().toISOString());
    const job = await sql`SELECT 1 FROM graphile_worker._private_jobs WHERE key = ${`case-clock:${id}`}`.execute(t.db);
    expect(job.rows).toHaveLength(0); // the clock stopped

    r = await step(id, { step: 'ask', question: 'What would make this right?', answer: 'A refund and the right conditioner' });
    expect(r.status).toBe(201);
    r = await step(
      id,
      {
        step: 'restitution',
        what: 'A full refund and the right conditioner',
        wow: 'A hand-written note and a year of free shipping',
        cost: { amount: 42.5, currency: 'EUR' },
        approvedBy: managerUserId,
      },
      manager,
    );
    expect(r.status).toBe(201);
    expect(stepOf(r.body, 'restitution')).toMatchObject({
      status: 'done',
      cost: { amount: 42.5, currency: 'EUR' },
      approvedBy: { id: managerUserId },
      data: { what: 'A full refund and the right conditioner', wow: 'A hand-written note and a year of free shipping' },
    });

    // The customer was just invited to a survey by hand: the contact rule would hold a survey back, not a case's follow-up.
    const hand = await call(app, 'POST', `/api/v1/surveys/${surveyId}/invitations`, {
      token: agent,
      body: { customerId: r.body.customerId, channel: 'link' },
    });
    expect(hand.status).toBe(201);
    r = await step(id, { step: 'follow_up', surveyId, sendAt: clock.now().toISOString(), channel: 'link' });
    expect(r.status).toBe(201);
    const follow = stepOf(r.body, 'follow_up').data;
    expect(follow).toMatchObject({ status: 'sent', response: null });
    const token = (follow.url as string).split('/s/')[1];
    const answered = await call(app, 'POST', '/api/public/answers', { body: { token, score: 10, reason: 'You made it right' } });
    expect(answered.status).toBe(201);
    expect(stepOf(await detail(id), 'follow_up').data.response).toMatchObject({ score: 10 });

    r = await call(app, 'POST', `/api/v1/cases/${id}/close`, { token: agent, body: { note: 'She is happy' } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'closed', nextStep: null });
    const types = (
      await sql<{ type: string }>`SELECT type FROM events WHERE data->>'caseId' = ${id} ORDER BY occurred_at, type`.execute(t.db)
    ).rows.map((e) => e.type);
    expect(types.filter((x) => x === 'case.step_completed')).toHaveLength(7);
    expect(types).toEqual(expect.arrayContaining(['case.opened', 'case.message_sent', 'case.recovered', 'case.closed']));
  });

  it('refuses a step out of order, naming the missing steps, and changes nothing', async () => {
    const id = await openCase();
    const r = await step(id, { step: 'fix', note: 'Sent a new one' });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({
      code: 'conflict',
      details: { step: 'fix', reason: 'out_of_order', missing: ['acknowledge', 'apologise', 'investigate'] },
    });
    expect((await detail(id)).playbook.every((p: { status: string }) => p.status === 'pending')).toBe(true);
  });

  it('refuses the same step twice', async () => {
    const id = await openCase();
    expect((await step(id, { step: 'acknowledge' })).status).toBe(201);
    const r = await step(id, { step: 'acknowledge' });
    expect(r.status).toBe(409);
    expect(r.body.error.details).toMatchObject({ reason: 'already_taken' });
  });

  it('refuses an apology that does not own the mistake, and sends nothing', async () => {
    const id = await openCase();
    await step(id, { step: 'acknowledge' });
    const r = await step(id, { step: 'apologise', message: 'We apologise for any inconvenience caused.' });
    expect(r.status).toBe(400);
    expect(r.body.error.details.problems[0]).toMatchObject({ path: ['message'] });
    expect(r.body.error.details.problems[0].message).toContain('any inconvenience');
    const d = await detail(id);
    expect(stepOf(d, 'apologise').status).toBe('pending');
    expect(d.messages).toHaveLength(0);
  });

  it('skips a step only with a reason, and a skip counts toward recovery', async () => {
    const id = await openCase();
    await step(id, { step: 'acknowledge' });
    expect((await skip(id, 'apologise')).status).toBe(400);
    expect((await skip(id, 'apologise', '')).status).toBe(400);
    expect((await skip(id, 'unknown-step', 'because')).status).toBe(400);
    expect((await skip(id, 'fix', 'not needed yet')).status).toBe(409);
    let r = await skip(id, 'apologise', 'The customer asked us not to write');
    expect(r.status).toBe(200);
    expect(stepOf(r.body, 'apologise')).toMatchObject({ status: 'skipped', skipReason: 'The customer asked us not to write' });
    await skip(id, 'investigate', 'Known carrier delay');
    r = await step(id, { step: 'fix', note: 'Re-sent' });
    expect(r.body.recoveredAt).not.toBeNull();
  });

  it('takes a restitution only from its approver: a manager in person, or a manager’s token naming one; checks its cost', async () => {
    const id = await openCase();
    for (const s of ['acknowledge', 'apologise', 'investigate', 'fix', 'ask']) await skip(id, s, 'not for this test');
    const base = { step: 'restitution', what: 'A refund', cost: { amount: 10, currency: 'EUR' } };
    // An agent cannot record a manager's approval that never happened.
    let r = await step(id, { ...base, approvedBy: managerUserId });
    expect(r.status).toBe(403);
    expect(r.body.error).toMatchObject({ code: 'forbidden', details: { problems: [{ path: ['approvedBy'] }] } });
    r = await step(id, base, manager);
    expect(r.status).toBe(400);
    expect(r.body.error.details.problems[0].path).toEqual(['approvedBy']);
    r = await step(id, { ...base, approvedBy: agentUserId }, manager);
    expect(r.body.error.details.problems[0]).toMatchObject({ path: ['approvedBy'], message: 'must be a manager or admin' });
    r = await step(id, { ...base, cost: { amount: -1, currency: 'eur' }, approvedBy: managerUserId }, manager);
    expect(r.status).toBe(400);
    expect(r.body.error.details.problems.map((p: { path: string[] }) => p.path.join('.')).sort()).toEqual(['cost.amount', 'cost.currency']);
    expect(stepOf(await detail(id), 'restitution').status).toBe('pending');

    // People: an agent in person is refused; a manager may not name another manager; a manager records their own approval.
    const deps = { db: t.db, clock, settings: createSettingsCache(t.db, clock), publicUrl: 'http://kept.test' };
    const person = (userId: string, role: 'agent' | 'manager') => ({ workspaceId: wsId, role, kind: 'user' as const, userId });
    const otherManager = (await buildUser(t.db, wsId, { role: 'manager' })).id;
    await expect(
      takeStep(deps, person(agentUserId, 'agent'), id, { ...base, approvedBy: managerUserId } as StepInput),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      takeStep(deps, person(otherManager, 'manager'), id, { ...base, approvedBy: managerUserId } as StepInput),
    ).rejects.toMatchObject({
      code: 'forbidden',
      message: 'You can record only your own approval',
    });
    expect(stepOf(await detail(id), 'restitution').status).toBe('pending');
    await takeStep(deps, person(otherManager, 'manager'), id, base as StepInput);
    expect(stepOf(await detail(id), 'restitution')).toMatchObject({ status: 'done', approvedBy: { id: otherManager } });
  });

  it('refuses a follow-up to an unknown survey, naming surveyId', async () => {
    const id = await openCase();
    for (const s of ['acknowledge', 'apologise', 'investigate', 'fix', 'ask', 'restitution']) await skip(id, s, 'not for this test');
    const r = await step(id, { step: 'follow_up', surveyId: '00000000-0000-7000-8000-000000000000' });
    expect(r.status).toBe(400);
    expect(r.body.error.details.problems[0].path).toEqual(['surveyId']);
    expect(stepOf(await detail(id), 'follow_up').status).toBe('pending');
  });

  it('schedules the follow-up the workspace’s follow-up days after the fix by default', async () => {
    const id = await openCase();
    for (const s of ['acknowledge', 'apologise', 'investigate']) await skip(id, s, 'not for this test');
    await step(id, { step: 'fix', note: 'done' });
    const fixedAt = clock.now().getTime();
    for (const s of ['ask', 'restitution']) await skip(id, s, 'not for this test');
    const r = await step(id, { step: 'follow_up', surveyId });
    expect(stepOf(r.body, 'follow_up').data).toMatchObject({
      status: 'scheduled',
      sendAt: new Date(fixedAt + 3 * 24 * hour).toISOString(),
    });
  });

  it('closes only once the required steps are done or skipped, naming what is missing', async () => {
    const id = await openCase();
    await step(id, { step: 'acknowledge' });
    let r = await call(app, 'POST', `/api/v1/cases/${id}/close`, { token: agent, body: {} });
    expect(r.status).toBe(409);
    expect(r.body.error.details).toEqual({ reason: 'required_steps', missing: ['apologise', 'fix', 'follow_up'] });
    expect((await detail(id)).status).toBe('open');
    const s = (await call(app, 'GET', '/api/v1/settings/recovery', { token: agent })).body;
    r = await call(app, 'PUT', '/api/v1/settings/recovery', { token: manager, body: { ...s, requiredSteps: ['acknowledge'] } });
    expect(r.status).toBe(200);
    r = await call(app, 'POST', `/api/v1/cases/${id}/close`, { token: agent, body: {} });
    expect(r.status).toBe(200);
    expect((await step(id, { step: 'apologise', message: 'We got it wrong.' })).status).toBe(409);
    await call(app, 'PUT', '/api/v1/settings/recovery', { token: manager, body: s });
  });

  it('records a reassignment and refuses an unknown owner', async () => {
    const id = await openCase();
    let r = await call(app, 'PATCH', `/api/v1/cases/${id}`, { token: agent, body: { ownerId: managerUserId, severity: 'high' } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ownerId: managerUserId, severity: 'high' });
    expect(r.body.assignments.map((a: { how: string }) => a.how)).toEqual(['unassigned', 'reassigned']);
    r = await call(app, 'PATCH', `/api/v1/cases/${id}`, { token: agent, body: { ownerId: '00000000-0000-7000-8000-000000000000' } });
    expect(r.status).toBe(400);
    expect(r.body.error.details.problems[0].path).toEqual(['ownerId']);
    expect((await call(app, 'PATCH', `/api/v1/cases/${id}`, { token: agent, body: {} })).status).toBe(400);
    const mine = await call(app, 'GET', `/api/v1/cases?customerId=${(await detail(id)).customerId}`, { token: agent });
    expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual([id]);
  });

  it('writes to the customer and lists the thread', async () => {
    const id = await openCase();
    const r = await call(app, 'POST', `/api/v1/cases/${id}/messages`, { token: agent, body: { body: 'Your parcel left today.' } });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ direction: 'to_customer', body: 'Your parcel left today.' });
    expect(r.body.mailId).not.toBeNull();
    const list = await call(app, 'GET', `/api/v1/cases/${id}/messages`, { token: agent });
    expect(list.body.items.map((m: { body: string }) => m.body)).toEqual(['Your parcel left today.']);
    expect((await call(app, 'POST', `/api/v1/cases/${id}/messages`, { token: agent, body: { body: ' ' } })).status).toBe(400);
    expect((await call(app, 'GET', '/api/v1/cases/not-a-case/messages', { token: agent })).status).toBe(404);
  });
});

describe('recovery settings and apology templates', () => {
  it('refuses settings that do not parse, naming each field', async () => {
    const s = (await call(app, 'GET', '/api/v1/settings/recovery', { token: agent })).body;
    expect(s).toMatchObject({
      targetHours: 24,
      businessHours: null,
      followUpDays: 3,
      requiredSteps: ['acknowledge', 'apologise', 'fix', 'follow_up'],
    });
    const r = await call(app, 'PUT', '/api/v1/settings/recovery', {
      token: manager,
      body: {
        ...s,
        targetHours: 0,
        businessHours: { timeZone: 'Mars/Olympus', days: [1], start: '17:00', end: '09:00' },
        requiredSteps: ['fix', 'fix'],
      },
    });
    expect(r.status).toBe(400);
    const paths = r.body.error.details.problems.map((p: { path: (string | number)[] }) => p.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['targetHours', 'businessHours.timeZone', 'businessHours.end', 'requiredSteps']));
    expect((await call(app, 'PUT', '/api/v1/settings/recovery', { token: agent, body: s })).status).toBe(403);
  });

  it('starts with built-in templates that own the mistake, and refuses one that does not', async () => {
    const list = await call(app, 'GET', '/api/v1/apology-templates', { token: agent });
    expect(list.body.items).toHaveLength(3);
    let r = await call(app, 'POST', '/api/v1/apology-templates', {
      token: manager,
      body: { name: 'Bland', body: 'We are sorry if you feel let down and apologise for any inconvenience.' },
    });
    expect(r.status).toBe(400);
    r = await call(app, 'POST', '/api/v1/apology-templates', {
      token: manager,
      body: { name: 'Late parcel', body: 'Your parcel is late because we shipped it late. I am sorry.' },
    });
    expect(r.status).toBe(201);
    const id = r.body.id;
    r = await call(app, 'PATCH', `/api/v1/apology-templates/${id}`, { token: manager, body: { name: 'Late parcel (ours)' } });
    expect(r.body.name).toBe('Late parcel (ours)');
    expect((await call(app, 'DELETE', `/api/v1/apology-templates/${id}`, { token: manager })).status).toBe(204);
    expect((await call(app, 'DELETE', `/api/v1/apology-templates/${id}`, { token: manager })).status).toBe(404);
    expect((await call(app, 'GET', '/api/v1/apology-templates', { token: agent })).body.items).toHaveLength(3);
  });
});
