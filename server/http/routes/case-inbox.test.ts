// The inbox in order of urgency: cases whose clock runs by due time (breached first, most
// overdue first, then least time left), then those whose clock stopped; a case whose required
// steps are taken and that waits only for the follow-up answer reads "waiting on the customer".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../domain/core/clock.ts';
import { buildApp, buildToken, buildWorkspace, call, type TestApp } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';

const hour = 3_600_000;
const clock = manualClock('2026-03-02T10:00:00Z');
let t: TestDatabase;
let app: TestApp;
let agent: string;
let surveyId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db, { clock });
  const ws = await buildWorkspace(t.db);
  agent = await buildToken(t.db, ws.id, 'agent');
  const manager = await buildToken(t.db, ws.id, 'manager');
  surveyId = (await call(app, 'POST', '/api/v1/surveys', { token: manager, body: { kind: 'nps', name: 'Follow-up' } })).body.id;
});
afterAll(() => t.drop());

async function openCase(who: string, hoursAgo: number) {
  const r = await call(app, 'POST', '/api/v1/cases', {
    token: agent,
    body: { customer: { externalId: who }, summary: who, occurredAt: new Date(clock.now().getTime() - hoursAgo * hour).toISOString() },
  });
  expect(r.status).toBe(201);
  return r.body.case.id as string;
}
const step = async (id: string, body: unknown) =>
  expect((await call(app, 'POST', `/api/v1/cases/${id}/steps`, { token: agent, body })).status).toBe(201);
const skip = async (id: string, s: string) =>
  expect(
    (await call(app, 'POST', `/api/v1/cases/${id}/steps/${s}/skip`, { token: agent, body: { reason: 'Nothing to find' } })).status,
  ).toBe(200);
const titles = (items: { title: string }[]) => items.map((c) => c.title);

describe('the inbox', () => {
  it('lists breached cases first (most overdue first), then least time left, then cases whose clock stopped; pages keep the order', async () => {
    const recovered = await openCase('recovered long ago', 40);
    for (const s of ['acknowledge', 'apologise']) await step(recovered, { step: s, ...(s === 'apologise' ? { message: 'Sorry' } : {}) });
    await skip(recovered, 'investigate');
    await step(recovered, { step: 'fix', note: 'Sent a new one' });
    await openCase('due in 23 h', 1);
    await openCase('6 h overdue', 30);
    await openCase('2 h overdue', 26);
    const page = await call(app, 'GET', '/api/v1/cases', { token: agent });
    expect(page.status).toBe(200);
    expect(titles(page.body.items)).toEqual(['6 h overdue', '2 h overdue', 'due in 23 h', 'recovered long ago']);
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const r: { body: { items: { title: string }[]; nextCursor: string | null } } = await call(
        app,
        'GET',
        `/api/v1/cases?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { token: agent },
      );
      walked.push(...titles(r.body.items));
      cursor = r.body.nextCursor;
    } while (cursor);
    expect(walked).toEqual(titles(page.body.items));
    expect((await call(app, 'GET', '/api/v1/cases?cursor=bogus', { token: agent })).status).toBe(400);
  });

  it('marks a case waiting on the customer once its required steps are taken and the follow-up is out', async () => {
    const id = await openCase('waiting for the answer', 2);
    await step(id, { step: 'acknowledge' });
    await step(id, { step: 'apologise', message: 'Sorry' });
    await skip(id, 'investigate');
    await step(id, { step: 'fix', note: 'Refunded' });
    let c = (await call(app, 'GET', `/api/v1/cases/${id}`, { token: agent })).body;
    expect(c.state).toBe('open');
    await skip(id, 'ask');
    await skip(id, 'restitution');
    await step(id, { step: 'follow_up', surveyId, sendAt: clock.now().toISOString(), channel: 'link' });
    c = (await call(app, 'GET', `/api/v1/cases/${id}`, { token: agent })).body;
    expect(c).toMatchObject({ status: 'open', state: 'waiting_on_customer' });
    const list = (await call(app, 'GET', '/api/v1/cases', { token: agent })).body.items;
    expect(list.find((x: { id: string }) => x.id === id).state).toBe('waiting_on_customer');
  });
});
