// A case waiting on the customer closes itself: when the follow-up answer arrives, or after the
// workspace's waiting days without one; each close is recorded with its reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitingCloseDays } from '../../../contract/case-clock.ts';
import { buildApp, buildToken, buildWorkspace, call, type TestApp } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { manualClock } from '../core/clock.ts';
import { closeWaitingCases } from './waiting-cases.ts';

const day = 86_400_000;
const clock = manualClock('2026-03-02T10:00:00Z');
let t: TestDatabase;
let app: TestApp;
let agent: string;
let admin: string;
let surveyId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db, { clock });
  const ws = await buildWorkspace(t.db);
  agent = await buildToken(t.db, ws.id, 'agent');
  admin = await buildToken(t.db, ws.id, 'admin');
  surveyId = (await call(app, 'POST', '/api/v1/surveys', { token: admin, body: { kind: 'nps', name: 'Follow-up' } })).body.id;
});
afterAll(() => t.drop());

const sweep = () => closeWaitingCases({ db: t.db, clock });
const getCase = async (id: string) => (await call(app, 'GET', `/api/v1/cases/${id}`, { token: agent })).body;
const step = async (id: string, body: Record<string, unknown>) => {
  const r = await call(app, 'POST', `/api/v1/cases/${id}/steps`, { token: agent, body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
};
const skip = async (id: string, s: string) =>
  expect((await call(app, 'POST', `/api/v1/cases/${id}/steps/${s}/skip`, { token: agent, body: { reason: 'Not needed' } })).status).toBe(
    200,
  );

/** A case with every required step but the follow-up taken, then the follow-up sent by link; answers its id and answer token. */
async function waitingCase(who: string): Promise<{ id: string; token: string; customerId: string }> {
  const r = await call(app, 'POST', '/api/v1/cases', { token: agent, body: { customer: { externalId: who }, summary: `${who}'s parcel` } });
  expect(r.status).toBe(201);
  const id = r.body.case.id as string;
  await step(id, { step: 'acknowledge' });
  await step(id, { step: 'apologise', message: 'We are sorry: the parcel was ours to get right.' });
  await skip(id, 'investigate');
  await step(id, { step: 'fix', note: 'Sent a new one' });
  await skip(id, 'ask');
  await skip(id, 'restitution');
  const detail = await step(id, { step: 'follow_up', surveyId, sendAt: clock.now().toISOString(), channel: 'link' });
  const follow = detail.playbook.find((s: { step: string }) => s.step === 'follow_up').data;
  return { id, token: (follow.url as string).split('/s/')[1]!, customerId: r.body.case.customerId };
}

const closedEvent = async (customerId: string) =>
  (await call(app, 'GET', `/api/v1/customers/${customerId}/timeline?type=case.closed`, { token: agent })).body.items[0];

describe('cases waiting on the customer', () => {
  it('close themselves when the follow-up answer arrives, recorded with the answer', async () => {
    const c = await waitingCase('answers');
    expect(await getCase(c.id)).toMatchObject({ status: 'open', state: 'waiting_on_customer' });
    expect(await sweep()).toEqual({ follow_up_answered: 0, no_answer: 0 }); // nothing to close yet
    expect((await getCase(c.id)).status).toBe('open');

    const answered = await call(app, 'POST', '/api/public/answers', { body: { token: c.token, score: 9, reason: 'Sorted quickly' } });
    expect(answered.status).toBe(201);
    expect(await sweep()).toEqual({ follow_up_answered: 1, no_answer: 0 });
    const after = await getCase(c.id);
    expect(after).toMatchObject({ status: 'closed', state: 'closed' });
    expect(await closedEvent(c.customerId)).toMatchObject({
      type: 'case.closed',
      data: { reason: 'follow_up_answered', score: 9, byUserId: null, recovered: true },
    });
    expect(await sweep()).toEqual({ follow_up_answered: 0, no_answer: 0 }); // once
  });

  it('close themselves after the waiting days without an answer (a setting, 14 by default), recorded', async () => {
    const settings = (await call(app, 'GET', '/api/v1/settings/recovery', { token: admin })).body;
    expect(settings.waitingCloseDays).toBe(waitingCloseDays);
    const c = await waitingCase('silent');
    clock.advance((waitingCloseDays - 1) * day);
    expect((await sweep()).no_answer).toBe(0);
    expect((await getCase(c.id)).state).toBe('waiting_on_customer');
    clock.advance(day);
    expect((await sweep()).no_answer).toBe(1);
    expect((await getCase(c.id)).status).toBe('closed');
    expect(await closedEvent(c.customerId)).toMatchObject({ data: { reason: 'no_answer', waitedDays: waitingCloseDays, score: null } });
  });

  it('follow the workspace’s own number of days, kept when a change leaves it out', async () => {
    const settings = (await call(app, 'GET', '/api/v1/settings/recovery', { token: admin })).body;
    let r = await call(app, 'PUT', '/api/v1/settings/recovery', { token: admin, body: { ...settings, waitingCloseDays: 3 } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.waitingCloseDays).toBe(3);
    const { waitingCloseDays: _left, ...withoutIt } = r.body;
    r = await call(app, 'PUT', '/api/v1/settings/recovery', { token: admin, body: withoutIt });
    expect(r.body.waitingCloseDays).toBe(3);
    r = await call(app, 'PUT', '/api/v1/settings/recovery', { token: admin, body: { ...settings, waitingCloseDays: 0 } });
    expect(r.status).toBe(400);
    expect(r.body.error.details.problems[0].path).toEqual(['waitingCloseDays']);

    const c = await waitingCase('three days');
    clock.advance(3 * day);
    expect((await sweep()).no_answer).toBe(1);
    expect(await closedEvent(c.customerId)).toMatchObject({ data: { reason: 'no_answer', waitedDays: 3 } });
  });
});
