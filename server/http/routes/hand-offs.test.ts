// Internal customers: two departments rate each other's hand-offs; the pair's figure and its
// interval are checked against a computation by hand; bad ratings are refused by name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { peopleWorld, type StaffMember } from '../../../test/people-kit.ts';

let t: TestDatabase;
let w: Awaited<ReturnType<typeof peopleWorld>>;
let support: string;
let warehouse: string;
let sue: StaffMember; // support agent: the internal customer of the warehouse
let wes: StaffMember; // warehouse agent
let wendy: StaffMember; // warehouse manager
let other: Awaited<ReturnType<typeof peopleWorld>>;

beforeAll(async () => {
  t = await createTestDatabase();
  w = await peopleWorld(t.db);
  support = await w.department('support');
  warehouse = await w.department('warehouse');
  sue = await w.person('Sue Support', 'agent', [support]);
  wes = await w.person('Wes Stock', 'agent', [warehouse]);
  wendy = await w.person('Wendy Boss', 'manager', [warehouse]);
  other = await peopleWorld(t.db);
});
afterAll(() => t.drop());

const handOff = async (requesting: string, giving: string, title = 'Check the returned router') => {
  const r = await w.as(sue, 'POST', '/api/v1/hand-offs', { requestingDepartmentId: requesting, givingDepartmentId: giving, title });
  expect(r.status).toBe(201);
  return r.body.id as string;
};
const rate = (who: StaffMember, id: string, rating: unknown, comment?: string) =>
  w.as(who, 'POST', `/api/v1/hand-offs/${id}/rating`, comment === undefined ? { rating } : { rating, comment });
const period = () => {
  const now = Date.now();
  return `from=${new Date(now - 3_600_000).toISOString()}&to=${new Date(now + 3_600_000).toISOString()}`;
};
const mailsTo = async (to: string, kind: string) =>
  (await t.db.selectFrom('mails').select('id').where('to_address', '=', to).where('kind', '=', kind).execute()).length;

describe('internal customers', () => {
  it('a case passed to another department is a hand-off its first department rates', async () => {
    const c = await w.as(w.admin, 'POST', '/api/v1/cases', {
      customer: { externalId: 'rosa' },
      summary: 'Router return',
      departmentId: support,
    });
    expect(c.status).toBe(201);
    const caseId = c.body.case.id as string;
    expect((await w.as(w.admin, 'PATCH', `/api/v1/cases/${caseId}`, { departmentId: warehouse })).status).toBe(200);
    const list = await w.as(sue, 'GET', `/api/v1/hand-offs?state=unrated&departmentId=${support}`);
    const h = list.body.items.find((x: { refId: string }) => x.refId === caseId);
    expect(h).toMatchObject({ kind: 'case', requestingDepartmentId: support, givingDepartmentId: warehouse, rating: null });
    // The warehouse does not rate its own work; support does.
    const refused = await rate(wes, h.id, 5);
    expect(refused.status).toBe(403);
    expect(refused.body.error.details.reason).toBe('not_requesting_department');
    expect((await rate(sue, h.id, 4, 'Quick and clear')).body).toMatchObject({ rating: 4, comment: 'Quick and clear', ratedBy: sue.id });
    expect(h.title).toContain('Router return');
    // Erasing the customer keeps the rating of the departments' work, not the title naming their case.
    expect((await w.as(w.admin, 'DELETE', `/api/v1/customers/${c.body.case.customerId}`)).status).toBe(200);
    expect((await w.as(sue, 'GET', `/api/v1/hand-offs/${h.id}`)).body).toMatchObject({
      title: 'Erased with the customer’s data',
      rating: 4,
    });
  });

  it('refuses a rating outside 1-5, a second rating, and a hand-off of another workspace, storing nothing', async () => {
    const id = await handOff(support, warehouse);
    for (const bad of [0, 6, 3.5, '4', null]) {
      const r = await rate(sue, id, bad);
      expect(r.status, String(bad)).toBe(400);
      expect(r.body.error.code).toBe('invalid_input');
      expect(r.body.error.details.problems[0].path).toEqual(['rating']);
    }
    expect((await w.as(sue, 'GET', `/api/v1/hand-offs/${id}`)).body.rating).toBeNull();
    expect((await rate(sue, id, 3, 'Took two days')).status).toBe(200);
    const twice = await rate(sue, id, 5, 'Changed my mind');
    expect(twice.status).toBe(409);
    expect(twice.body.error.details.reason).toBe('hand_off_rated');
    expect((await w.as(sue, 'GET', `/api/v1/hand-offs/${id}`)).body).toMatchObject({ rating: 3, comment: 'Took two days' });
    const theirs = await other.as(other.admin, 'POST', '/api/v1/hand-offs', {
      requestingDepartmentId: await other.department('a'),
      givingDepartmentId: await other.department('b'),
      title: 'Theirs',
    });
    const foreign = await rate(sue, theirs.body.id, 4);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('not_found');
    expect((await other.as(other.admin, 'GET', `/api/v1/hand-offs/${theirs.body.id}`)).body.rating).toBeNull();
    const same = await w.as(sue, 'POST', '/api/v1/hand-offs', { requestingDepartmentId: support, givingDepartmentId: support, title: 'x' });
    expect(same.status).toBe(400);
  });

  it('a low rating reaches the giving department’s managers, not its agents and not a customer', async () => {
    const before = await mailsTo(wendy.email, 'staff_hand_off_low');
    const id = await handOff(support, warehouse, 'Collect the parcel');
    await rate(sue, id, 1, 'Never collected');
    expect(await mailsTo(wendy.email, 'staff_hand_off_low')).toBe(before + 1);
    expect(await mailsTo(wes.email, 'staff_hand_off_low')).toBe(0);
    const customerMail = await t.db
      .selectFrom('mails')
      .select('id')
      .where('kind', '=', 'staff_hand_off_low')
      .where('customer_id', 'is not', null)
      .execute();
    expect(customerMail).toHaveLength(0);
    const fine = await handOff(support, warehouse);
    await rate(sue, fine, 3);
    expect(await mailsTo(wendy.email, 'staff_hand_off_low')).toBe(before + 1);
  });

  it('the pair’s figure and its interval match a hand computation; the other direction shows n only', async () => {
    // A fresh pair: the warehouse asks, support gives. 40 ratings: 12 fives, 14 fours, 6 threes, 5 twos, 3 ones.
    const ratings = [...Array(12).fill(5), ...Array(14).fill(4), ...Array(6).fill(3), ...Array(5).fill(2), ...Array(3).fill(1)];
    for (const r of ratings) expect((await rate(wes, await handOff(warehouse, support), r, `rated ${r}`)).status).toBe(200);
    const s = await w.as(wes, 'GET', `/api/v1/hand-offs/satisfaction?${period()}`);
    expect(s.status).toBe(200);
    const pair = s.body.pairs.find((p: { requestingDepartmentId: string }) => p.requestingDepartmentId === warehouse);
    expect(pair.givingDepartmentId).toBe(support);
    // By hand, as CSAT: satisfied = ratings 4-5 = 26 of 40 = 65 %.
    // Agresti-Coull: n~ = 40 + 1.96^2 = 43.8416; p~ = (26 + 1.96^2 / 2) / n~ = 27.9208 / 43.8416 = 0.63686;
    // half-width = 1.96 * sqrt(p~ (1 - p~) / n~) = 1.96 * 0.072657 = 0.14241; interval 49.45 .. 77.92 %.
    const nt = 40 + 1.96 ** 2;
    const pt = (26 + 1.96 ** 2 / 2) / nt;
    const half = 1.96 * Math.sqrt((pt * (1 - pt)) / nt);
    expect(pair.current).toMatchObject({ n: 40, enoughData: true, satisfied: 65 });
    expect(pair.current.interval.low).toBeCloseTo(100 * (pt - half), 6);
    expect(pair.current.interval.high).toBeCloseTo(100 * (pt + half), 6);
    expect(pair.current.interval.low).toBeCloseTo(49.45, 2);
    expect(pair.current.interval.high).toBeCloseTo(77.92, 2);
    // Mean = (60 + 56 + 18 + 10 + 3) / 40 = 3.675; sd = 1.24833; t(0.975, 39) = 2.02269;
    // half-width = 2.02269 * 1.24833 / sqrt(40) = 0.39924: 3.2758 .. 4.0742.
    expect(pair.current.mean).toBeCloseTo(3.675, 10);
    expect(pair.current.meanInterval.low).toBeCloseTo(3.2758, 3);
    expect(pair.current.meanInterval.high).toBeCloseTo(4.0742, 3);
    expect(pair.previous.n).toBe(0);
    expect(pair.trend).toEqual({ difference: null, significant: null });
    expect(pair.comments).toHaveLength(5);
    // Support rated the warehouse fewer than 30 times: n, and no figure.
    const back = s.body.pairs.find((p: { requestingDepartmentId: string }) => p.requestingDepartmentId === support);
    expect(back.current).toMatchObject({ n: 4, enoughData: false, satisfied: null, interval: null });
    expect(s.body.minRatings).toBe(30);
  });
});
