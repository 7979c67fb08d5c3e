// The obsession score: anonymous answers once a quarter, shown from five answers with a t
// interval, beside the customers' NPS; a "what has to happen" answer becomes an improvement.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { peopleWorld, type StaffMember } from '../../../test/people-kit.ts';
import { manualClock } from '../../domain/core/clock.ts';

let t: TestDatabase;
let w: Awaited<ReturnType<typeof peopleWorld>>;
let staff: StaffMember[];
const clock = manualClock('2026-08-14T10:00:00Z');

beforeAll(async () => {
  t = await createTestDatabase();
  w = await peopleWorld(t.db, { clock });
  const d = await w.department('care');
  staff = [];
  for (const [i, name] of ['Ann', 'Ben', 'Cy', 'Dee', 'Eve', 'Fay'].entries())
    staff.push(await w.person(name, i ? 'agent' : 'manager', [d]));
});
afterAll(() => t.drop());

const report = (q = '') => w.as(staff[0]!, 'GET', `/api/v1/obsession${q}`);

describe('the obsession score', () => {
  it('takes one answer per person per quarter and stores it without the person', async () => {
    const a = await w.as(staff[1]!, 'POST', '/api/v1/obsession/answers', { score: 7, toBeATen: 'Call back when we say we will' });
    expect(a.status).toBe(201);
    expect(a.body).toEqual({ quarter: '2026-Q3' });
    const again = await w.as(staff[1]!, 'POST', '/api/v1/obsession/answers', { score: 9 });
    expect(again.status).toBe(409);
    expect(again.body.error.details.reason).toBe('answered_this_quarter');
    for (const bad of [11, -1, 7.5]) expect((await w.as(staff[2]!, 'POST', '/api/v1/obsession/answers', { score: bad })).status).toBe(400);
    expect((await w.as(w.admin, 'POST', '/api/v1/obsession/answers', { score: 5 })).status).toBe(403);
    const cols = await sql<{
      column_name: string;
    }>`SELECT column_name FROM information_schema.columns WHERE table_name = 'obsession_answers'`.execute(t.db);
    expect(cols.rows.map((c) => c.column_name).sort()).toEqual(['id', 'improvement_id', 'quarter', 'score', 'to_be_a_ten', 'workspace_id']);
    const stored = await t.db.selectFrom('obsession_answers').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.score).toBe(7);
  });

  it('shows n only under five answers, then the mean with its t interval and the words', async () => {
    let r = await report();
    expect(r.body).toMatchObject({
      quarter: '2026-Q3',
      minAnswers: 5,
      staff: { n: 1, shown: false, mean: null, counts: null },
      toBeATen: [],
    });
    expect((await w.as(staff[1]!, 'GET', '/api/v1/obsession')).body.answered).toBe(true);
    expect(r.body.answered).toBe(false);
    for (const [i, s] of [8, 6, 9, 10].entries()) await w.as(staff[i + 2]!, 'POST', '/api/v1/obsession/answers', { score: s });
    r = await report();
    // By hand: 7, 8, 6, 9, 10: mean 8; sd = sqrt((1 + 0 + 4 + 1 + 4) / 4) = 1.5811; t(0.975, 4) = 2.7764;
    // half-width = 2.7764 * 1.5811 / sqrt(5) = 1.9632: 6.037 .. 9.963.
    expect(r.body.staff).toMatchObject({ n: 5, shown: true, mean: 8 });
    expect(r.body.staff.interval.low).toBeCloseTo(6.037, 2);
    expect(r.body.staff.interval.high).toBeCloseTo(9.963, 2);
    expect(r.body.staff.counts[10]).toBe(1);
    expect(r.body.toBeATen).toEqual([{ id: expect.any(String), text: 'Call back when we say we will', improvementId: null }]);
    expect(r.body.customers).toMatchObject({ n: 0, nps: null, minAnswers: 30 });
    // Another quarter starts empty.
    expect((await report('?quarter=2026-Q2')).body.staff.n).toBe(0);
    expect((await report('?quarter=2026-Q5')).status).toBe(400);
  });

  it('turns a “what has to happen” answer into an improvement, once', async () => {
    const id = (await report()).body.toBeATen[0].id as string;
    expect((await w.as(staff[1]!, 'POST', `/api/v1/obsession/answers/${id}/improvement`, { title: 'Call-back promises' })).status).toBe(
      403,
    );
    const made = await w.as(staff[0]!, 'POST', `/api/v1/obsession/answers/${id}/improvement`, { title: 'Call-back promises' });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ title: 'Call-back promises', status: 'planned' });
    expect((await report()).body.toBeATen[0].improvementId).toBe(made.body.id);
    expect((await w.as(staff[0]!, 'POST', `/api/v1/obsession/answers/${id}/improvement`, { title: 'Again' })).status).toBe(409);
  });
});
