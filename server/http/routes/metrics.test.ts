import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, buildToken, buildWorkspace, call, type TestApp } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { manualClock } from '../../domain/core/clock.ts';
import { uuidv7 } from '../../lib/ids.ts';
import { trendPeriods } from '../../domain/signals/metrics.ts';
import { compareScores, scoreFromCounts } from '../../domain/signals/scores.ts';
import type { Db } from '../../storage/database.ts';
import { rebuildRollups } from '../../storage/rollup-rebuild.ts';

let t: TestDatabase;
let app: TestApp;
let token: string;
let ws: string;
const clock = manualClock('2026-03-15T12:00:00Z');
const ids = { dept: '', otherDept: '', npsA: '', npsB: '', csat: '', ces: '' };
const customers: Record<string, string> = {};

/** Test data, inserted with SQL the way the answer path stores it, then rolled up by a rebuild. */
class Fixture {
  readonly db: Db;
  readonly ws: string;
  constructor(db: Db, ws: string) {
    this.db = db;
    this.ws = ws;
  }
  async department(key: string) {
    const id = uuidv7();
    await sql`INSERT INTO departments (workspace_id, id, key, name, colour, created_at)
              VALUES (${this.ws}, ${id}, ${key}, ${key}, '#336699', now())`.execute(this.db);
    return id;
  }
  async survey(kind: string, name: string, departmentId: string | null = null) {
    const id = uuidv7();
    await sql`INSERT INTO surveys (workspace_id, id, kind, name, department_id, created_at, updated_at)
              VALUES (${this.ws}, ${id}, ${kind}, ${name}, ${departmentId}, now(), now())`.execute(this.db);
    return id;
  }
  async customer(externalId: string, attributes: Record<string, unknown>) {
    const id = uuidv7();
    await sql`INSERT INTO customers (workspace_id, id, external_id, email, name, attributes, created_at, updated_at)
              VALUES (${this.ws}, ${id}, ${externalId}, ${`${externalId}@example.com`}, ${`Customer ${externalId}`},
                      ${JSON.stringify(attributes)}::jsonb, now(), now())`.execute(this.db);
    return id;
  }
  async invitation(surveyId: string, customerId: string, o: { sentAt: string; handPicked?: boolean; status?: string }) {
    const id = uuidv7();
    const status = o.status ?? 'sent';
    await sql`INSERT INTO invitations (workspace_id, id, survey_id, customer_id, channel, origin, hand_picked, status,
                suppressed_reason, send_at, sent_at, created_at)
              VALUES (${this.ws}, ${id}, ${surveyId}, ${customerId}, 'link', ${o.handPicked ? 'hand' : 'sample'}, ${o.handPicked ?? false},
                ${status}, ${status === 'suppressed' ? 'contact_rule' : null}, ${o.sentAt}, ${status === 'sent' ? o.sentAt : null}, ${o.sentAt})`.execute(
      this.db,
    );
    return id;
  }
  /** One answer; its segment is the customer's attributes as strings, as segmentOf() makes them. */
  async answer(
    surveyId: string,
    kind: string,
    customerId: string,
    score: number,
    at: string,
    o: { handPicked?: boolean; invitationId?: string; reason?: string; segment?: Record<string, string> } = {},
  ) {
    const id = uuidv7(Date.parse(at));
    await sql`INSERT INTO responses (workspace_id, id, survey_id, customer_id, invitation_id, kind, score, reason, answers, channel,
                hand_picked, segment, answered_at, received_at, updated_at, source)
              VALUES (${this.ws}, ${id}, ${surveyId}, ${customerId}, ${o.invitationId ?? null}, ${kind}, ${score}, ${o.reason ?? null},
                '{}', ${o.invitationId ? 'link' : 'import'}, ${o.handPicked ?? false}, ${JSON.stringify(o.segment ?? {})}::jsonb, ${at}, ${at}, ${at},
                ${o.invitationId ? 'kept' : 'import'})`.execute(this.db);
    return id;
  }
}

/** A histogram counts[score] from a list of scores. */
const histogram = (scores: number[]) => {
  const h = new Array<number>(11).fill(0);
  for (const s of scores) h[s]!++;
  return h;
};
const round2 = (x: number) => Math.round(x * 100) / 100;

// Survey A (NPS, department D), March 2026: gold customers 25 promoters, 10 passives, 5 detractors;
// basic customers 15 promoters, 20 passives, 25 detractors: 40 / 30 / 30 in all.
const goldScores = [...Array(25).fill(10), ...Array(10).fill(8), ...Array(5).fill(2)] as number[];
const basicScores = [...Array(15).fill(9), ...Array(20).fill(7), ...Array.from({ length: 25 }, (_, i) => i % 7)] as number[];
// Survey A, February 2026 (a customer without attributes): 60 / 20 / 20.
const febScores = [...Array(60).fill(10), ...Array(20).fill(7), ...Array(20).fill(0)] as number[];
const csatScores = [...Array(50).fill(5), ...Array(30).fill(4), ...Array(10).fill(3), ...Array(5).fill(2), ...Array(5).fill(1)] as number[];
const cesScores = [1, 2, 3, 4, 5, 6, 7].flatMap((s, i) => Array([5, 5, 10, 20, 30, 20, 10][i]).fill(s)) as number[];
/** Even answers on Monday 2 March, odd ones on Tuesday 3 March. */
const marchDay = (i: number) =>
  `2026-03-0${2 + (i % 2)}T${String(8 + (i % 10)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00.000Z`;

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db, { clock });
  ws = (await buildWorkspace(t.db)).id;
  token = await buildToken(t.db, ws);
  const f = new Fixture(t.db, ws);
  ids.dept = await f.department('delivery');
  ids.otherDept = await f.department('billing');
  ids.npsA = await f.survey('nps', 'After delivery', ids.dept);
  ids.npsB = await f.survey('nps', 'Relationship');
  ids.csat = await f.survey('csat', 'Support CSAT');
  ids.ces = await f.survey('ces', 'Checkout CES');
  const gold = [],
    basic = [],
    platinum = [];
  for (let i = 0; i < 40; i++) gold.push(await f.customer(`g${i}`, { plan: 'gold', region: 'north' }));
  for (let i = 0; i < 60; i++) basic.push(await f.customer(`b${i}`, { plan: 'basic', region: 'south' }));
  for (let i = 0; i < 5; i++) platinum.push(await f.customer(`p${i}`, { plan: 'platinum', seats: 3 }));
  const nobody = await f.customer('nobody', {});
  Object.assign(customers, { g0: gold[0], nobody });

  // Invitations of survey A sent on 1 March: every gold customer and the first 40 basic ones
  // (80, of which 70 are answered below), 10 by hand, one still scheduled and one suppressed.
  const inv: Record<string, string> = {};
  for (const [i, c] of [...gold, ...basic.slice(0, 40)].entries())
    inv[c!] = await f.invitation(ids.npsA, c!, { sentAt: `2026-03-01T09:${String(i % 60).padStart(2, '0')}:00Z` });
  const hand = [];
  for (let i = 0; i < 10; i++) hand.push(await f.invitation(ids.npsA, basic[i]!, { sentAt: '2026-03-01T15:00:00Z', handPicked: true }));
  await f.invitation(ids.npsA, basic[50]!, { sentAt: '2026-03-20T09:00:00Z', status: 'scheduled' });
  await f.invitation(ids.npsA, basic[51]!, { sentAt: '2026-03-01T09:00:00Z', status: 'suppressed' });

  for (const [i, s] of goldScores.entries())
    await f.answer(ids.npsA, 'nps', gold[i]!, s, marchDay(i), {
      invitationId: inv[gold[i]!],
      segment: { plan: 'gold', region: 'north' },
      reason: s <= 6 ? 'Late again' : undefined,
    });
  for (const [i, s] of basicScores.entries())
    await f.answer(ids.npsA, 'nps', basic[i]!, s, marchDay(i + 40), {
      invitationId: i < 30 ? inv[basic[i]!] : undefined,
      segment: { plan: 'basic', region: 'south' },
    });
  // Hand-picked: ten 10s, left out by default.
  for (let i = 0; i < 10; i++)
    await f.answer(ids.npsA, 'nps', basic[i]!, 10, '2026-03-04T10:00:00Z', {
      handPicked: true,
      invitationId: hand[i],
      segment: { plan: 'basic', region: 'south' },
    });
  for (const [i, s] of febScores.entries())
    await f.answer(ids.npsA, 'nps', nobody, s, `2026-02-10T10:${String(i % 60).padStart(2, '0')}:00Z`);
  // Survey B (no department): five platinum answers and one from a customer without attributes.
  for (let i = 0; i < 5; i++)
    await f.answer(ids.npsB, 'nps', platinum[i]!, 9, '2026-03-05T10:00:00Z', { segment: { plan: 'platinum', seats: '3' } });
  await f.answer(ids.npsB, 'nps', nobody, 5, '2026-03-05T11:00:00Z');
  for (const [i, s] of csatScores.entries()) await f.answer(ids.csat, 'csat', nobody, s, marchDay(i));
  for (const [i, s] of cesScores.entries()) await f.answer(ids.ces, 'ces', nobody, s, marchDay(i));
  await rebuildRollups(t.db, ws);
});
afterAll(() => t.drop());

const get = (path: string) => call(app, 'GET', path, { token });
const march = 'from=2026-03-01&to=2026-04-01';

/** Every answer a drill-down lists, following nextCursor with small pages. */
async function drill(url: string, limit = 7) {
  const items: any[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const r = await get(`${url}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(r.status).toBe(200);
    items.push(...r.body.items);
    cursor = r.body.nextCursor;
    if (!cursor) return items;
  }
  throw new Error('the drill-down did not end');
}

function countsOf(items: { score: number }[], min: number, max: number) {
  const h: Record<string, number> = {};
  for (let s = min; s <= max; s++) h[String(s)] = 0;
  for (const i of items) h[String(i.score)]!++;
  return h;
}

describe('GET /api/v1/metrics/scores', () => {
  it('gives NPS with n, the adjusted-Wald interval, counts and the response rate', async () => {
    const r = await get(`/api/v1/metrics/scores?kind=nps&surveyId=${ids.npsA}&${march}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ from: '2026-03-01', to: '2026-04-01', includeHandPicked: false, segment: null });
    expect(r.body.kinds).toHaveLength(1);
    const e = r.body.kinds[0].everyone;
    // 40 promoters, 30 passives, 30 detractors: NPS 10, interval [-6.27, 25.69] (hand computation in scores.test.ts)
    expect(e).toMatchObject({
      kind: 'nps',
      n: 100,
      enoughData: true,
      value: 10,
      interval: { low: -6.27, high: 25.69 },
      positive: 40,
      negative: 30,
      mean: null,
    });
    expect(e.counts).toEqual(
      countsOf(
        [...goldScores, ...basicScores].map((score) => ({ score })),
        0,
        10,
      ),
    );
    // 80 invitations sent (not by hand), 70 answered: 87.5 %
    expect(e.responseRate).toEqual({ invited: 80, answered: 70, value: 87.5, enoughData: true });
    expect(e.segmentValue).toBeNull();
    expect(e.drillDown).toBe(
      `/api/v1/responses?kind=nps&from=2026-03-01T00%3A00%3A00.000Z&to=2026-04-01T00%3A00%3A00.000Z&surveyId=${ids.npsA}`,
    );
  });

  it('leaves hand-picked answers and invitations out unless includeHandPicked=true', async () => {
    const r = await get(`/api/v1/metrics/scores?kind=nps&surveyId=${ids.npsA}&${march}&includeHandPicked=true`);
    const e = r.body.kinds[0].everyone;
    expect(e.n).toBe(110);
    expect(e.positive).toBe(50);
    expect(e.value).toBeCloseTo(round2((100 * 20) / 110), 2);
    expect(e.responseRate).toEqual({ invited: 90, answered: 80, value: round2(8000 / 90), enoughData: true });
    expect(e.drillDown).toContain('includeHandPicked=true');
    expect(r.body.includeHandPicked).toBe(true);
  });

  it('gives one score per value of a customer attribute, with "not enough data" under 30', async () => {
    const r = await get(`/api/v1/metrics/scores?kind=nps&segment=plan&${march}`);
    expect(r.status).toBe(200);
    const k = r.body.kinds[0];
    expect(k.everyone.n).toBe(106); // A's 100 and B's 6
    expect(k.segments.map((s: any) => [s.segmentValue, s.n])).toEqual([
      ['basic', 60],
      ['gold', 40],
      ['platinum', 5],
    ]);
    const gold = scoreFromCounts('nps', histogram(goldScores));
    expect(k.segments[1]).toMatchObject({
      value: round2(gold.value!),
      interval: { low: round2(gold.interval!.low), high: round2(gold.interval!.high) },
    });
    expect(k.segments[2]).toMatchObject({ n: 5, enoughData: false, value: null, interval: null, positive: 5 });
    expect(k.segments[2].drillDown).toContain('segment=plan%3Aplatinum');
    expect(k.omittedSegments).toBe(0);
    // A numeric attribute is a segment too, by its text.
    const seats = await get(`/api/v1/metrics/scores?kind=nps&segment=seats&${march}`);
    expect(seats.body.kinds[0].segments.map((s: any) => [s.segmentValue, s.n])).toEqual([['3', 5]]);
  });

  it('gives every kind when none is named: CSAT as % of 4-5, CES as % of 5-7 and a mean', async () => {
    const r = await get(`/api/v1/metrics/scores?${march}`);
    expect(r.body.kinds.map((k: any) => k.kind)).toEqual(['nps', 'csat', 'ces']);
    const [, csat, ces] = r.body.kinds.map((k: any) => k.everyone);
    // 80 of 100 satisfied: Agresti-Coull [71.04, 86.74] (scores.test.ts)
    expect(csat).toMatchObject({ n: 100, value: 80, interval: { low: 71.04, high: 86.74 }, positive: 80, mean: null });
    expect(Object.keys(csat.counts)).toEqual(['1', '2', '3', '4', '5']);
    // 60 of 100 agree; mean 4.65 [4.35, 4.95]
    expect(ces).toMatchObject({ n: 100, value: 60, mean: { value: 4.65, interval: { low: 4.35, high: 4.95 } } });
    expect(ces.responseRate).toEqual({ invited: 0, answered: 0, value: null, enoughData: false });
  });

  it('filters by department through the survey', async () => {
    const r = await get(`/api/v1/metrics/scores?kind=nps&departmentId=${ids.dept}&${march}`);
    expect(r.body.kinds[0].everyone.n).toBe(100);
    const other = await get(`/api/v1/metrics/scores?kind=nps&departmentId=${ids.otherDept}&${march}`);
    expect(other.body.kinds[0].everyone).toMatchObject({ n: 0, enoughData: false, value: null, interval: null });
  });

  it('counts the days of the period only: from included, to not', async () => {
    const r = await get(`/api/v1/metrics/scores?kind=nps&surveyId=${ids.npsA}&from=2026-03-03&to=2026-03-04`);
    expect(r.body.kinds[0].everyone.n).toBe(50);
    const feb = await get(`/api/v1/metrics/scores?kind=nps&surveyId=${ids.npsA}&from=2026-02-01&to=2026-03-01`);
    expect(feb.body.kinds[0].everyone).toMatchObject({ n: 100, value: 40 });
  });

  it('defaults to the last 90 days, today included', async () => {
    const r = await get('/api/v1/metrics/scores?kind=nps');
    expect(r.body).toMatchObject({ from: '2025-12-16', to: '2026-03-16' });
    expect(r.body.kinds[0].everyone.n).toBe(206);
  });
});

describe('drill-down: GET /api/v1/responses', () => {
  it('lists exactly the answers behind each figure, newest first', async () => {
    const r = await get(`/api/v1/metrics/scores?kind=nps&segment=plan&surveyId=${ids.npsA}&${march}`);
    const k = r.body.kinds[0];
    for (const e of [k.everyone, ...k.segments]) {
      const items = await drill(e.drillDown);
      expect(items).toHaveLength(e.n);
      expect(countsOf(items, 0, 10)).toEqual(e.counts);
      expect(new Set(items.map((i) => i.id)).size).toBe(e.n);
      const times = items.map((i) => `${i.answeredAt}${i.id}`);
      expect([...times].sort().reverse()).toEqual(times);
      expect(items.every((i) => !i.handPicked && i.surveyId === ids.npsA)).toBe(true);
      if (e.segmentValue) expect(items.every((i) => i.segment.plan === e.segmentValue)).toBe(true);
    }
    const hand = await get(`/api/v1/metrics/scores?kind=nps&surveyId=${ids.npsA}&${march}&includeHandPicked=true`);
    expect(await drill(hand.body.kinds[0].everyone.drillDown, 50)).toHaveLength(110);
  });

  it('shows who answered, when, and what they wrote', async () => {
    const r = await get(`/api/v1/responses?surveyId=${ids.npsA}&segment=plan:gold&scoreMax=6&limit=50`);
    expect(r.status).toBe(200);
    expect(r.body.items).toHaveLength(5);
    expect(r.body.nextCursor).toBeNull();
    expect(r.body.items[0]).toMatchObject({
      surveyName: 'After delivery',
      kind: 'nps',
      score: 2,
      reason: 'Late again',
      channel: 'link',
      handPicked: false,
      segment: { plan: 'gold', region: 'north' },
      customer: {
        name: expect.stringMatching(/^Customer g/),
        email: expect.stringMatching(/@example\.com$/),
        externalId: expect.stringMatching(/^g/),
      },
    });
    expect(r.body.items[0].invitationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('filters by kind, department, customer, score range and time', async () => {
    expect((await drill(`/api/v1/responses?kind=csat&scoreMin=4`, 200)).length).toBe(80);
    expect((await drill(`/api/v1/responses?departmentId=${ids.dept}&from=2026-02-01T00:00:00Z&to=2026-03-01T00:00:00Z`, 200)).length).toBe(
      100,
    );
    const mine = await drill(`/api/v1/responses?customerId=${customers.g0}`);
    expect(mine).toHaveLength(1);
    expect(mine[0].customer.id).toBe(customers.g0);
    const other = await get(`/api/v1/responses?departmentId=${ids.otherDept}`);
    expect(other.body).toEqual({ items: [], nextCursor: null });
  });

  it('refuses bad filters with a named error', async () => {
    const bad = async (q: string, path: string) => {
      const r = await get(`/api/v1/responses?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.code).toBe('invalid_input');
      expect(r.body.error.details.problems.map((p: any) => p.path.join('.'))).toContain(path);
      return r.body.error.details.problems;
    };
    await bad('scoreMin=8&scoreMax=3', 'scoreMin');
    await bad('from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z', 'from');
    await bad('segment=plan', 'segment');
    await bad('cursor=not-a-cursor', 'cursor');
    await bad(`surveyId=${uuidv7()}`, 'surveyId');
    await bad(`surveyId=${ids.csat}&kind=nps`, 'surveyId');
    await bad(`departmentId=${uuidv7()}`, 'departmentId');
    await bad('includeHandPicked=yes', 'includeHandPicked');
    await bad('limit=0', 'limit');
    await bad('score=3', '');
  });
});

describe('GET /api/v1/metrics/trend', () => {
  it('gives one point per day, with n and no number under 30 answers', async () => {
    const r = await get(`/api/v1/metrics/trend?kind=nps&surveyId=${ids.npsA}&from=2026-03-01&to=2026-03-08`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ kind: 'nps', interval: 'day', segment: null, omittedSegments: 0 });
    expect(r.body.series).toHaveLength(1);
    const s = r.body.series[0];
    expect(s.segmentValue).toBeNull();
    expect(s.n).toBe(100);
    expect(s.points.map((p: any) => [p.start, p.n])).toEqual([
      ['2026-03-01', 0],
      ['2026-03-02', 50],
      ['2026-03-03', 50],
      ['2026-03-04', 0],
      ['2026-03-05', 0],
      ['2026-03-06', 0],
      ['2026-03-07', 0],
    ]);
    expect(s.points[0]).toEqual({
      start: '2026-03-01',
      end: '2026-03-02',
      n: 0,
      enoughData: false,
      value: null,
      interval: null,
      mean: null,
    });
    const monday = scoreFromCounts('nps', histogram([...goldScores, ...basicScores].filter((_, i) => i % 2 === 0)));
    expect(s.points[1]).toMatchObject({ enoughData: true, value: round2(monday.value!), interval: { low: round2(monday.interval!.low) } });
  });

  it('groups by ISO week (from Monday) and by month, clipped to the period', async () => {
    const w = await get(`/api/v1/metrics/trend?kind=nps&interval=week&surveyId=${ids.npsA}&from=2026-03-01&to=2026-03-15`);
    expect(w.body.series[0].points.map((p: any) => [p.start, p.end, p.n])).toEqual([
      ['2026-03-01', '2026-03-02', 0],
      ['2026-03-02', '2026-03-09', 100],
      ['2026-03-09', '2026-03-15', 0],
    ]);
    const m = await get(`/api/v1/metrics/trend?kind=nps&interval=month&surveyId=${ids.npsA}&from=2026-02-01&to=2026-04-01`);
    expect(m.body.series[0].points.map((p: any) => [p.start, p.n, p.value])).toEqual([
      ['2026-02-01', 100, 40],
      ['2026-03-01', 100, 10],
    ]);
  });

  it('gives one series per segment value, most answers first, and a CES mean', async () => {
    const r = await get(`/api/v1/metrics/trend?kind=nps&segment=plan&interval=month&${march}`);
    expect(r.body.series.map((s: any) => [s.segmentValue, s.n])).toEqual([
      ['basic', 60],
      ['gold', 40],
      ['platinum', 5],
    ]);
    expect(r.body.series[2].points[0]).toMatchObject({ n: 5, enoughData: false, value: null });
    const ces = await get(`/api/v1/metrics/trend?kind=ces&interval=month&${march}`);
    expect(ces.body.series[0].points[0]).toMatchObject({ n: 100, value: 60, mean: { value: 4.65 } });
  });

  it('refuses bad queries with a named error', async () => {
    const bad = async (q: string, path: string) => {
      const r = await get(`/api/v1/metrics/trend?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.code).toBe('invalid_input');
      const problems = r.body.error.details.problems;
      expect(problems.map((p: any) => p.path.join('.'))).toContain(path);
      return problems.find((p: any) => p.path.join('.') === path).message;
    };
    expect(await bad('interval=day', 'kind')).toBe('is required: nps, csat or ces');
    expect(await bad('kind=xps', 'kind')).toBe('must be nps, csat or ces');
    expect(await bad('kind=nps&interval=hour', 'interval')).toBe('must be day, week or month');
    expect(await bad('kind=nps&from=2026-03-10&to=2026-03-10', 'from')).toMatch(/must be before to/);
    expect(await bad('kind=nps&from=2025-01-01&to=2026-03-01', 'to')).toBe('the period is 424 days; at most 366 here');
    expect(await bad('kind=nps&from=2026-02-30', 'from')).toBe('is not a calendar date');
    expect(await bad('kind=nps&from=2026-03-01T00:00:00Z', 'from')).toMatch(/must be a date like/);
    expect(await bad('kind=nps&segment=plan:gold', 'segment')).toMatch(/no colon/);
    expect(await bad(`kind=csat&surveyId=${ids.npsA}`, 'surveyId')).toBe('is a nps survey, not csat');
    expect(await bad(`kind=nps&surveyId=${ids.npsB}&departmentId=${ids.dept}`, 'surveyId')).toBe('is not a survey of that department');
    expect(await bad('kind=nps&colour=red', '')).toMatch(/unknown field/);
    // A week trend may span three years, a month trend ten.
    expect((await get('/api/v1/metrics/trend?kind=nps&interval=week&from=2024-01-01&to=2026-03-01')).status).toBe(200);
  });

  it('needs credentials', async () => {
    const r = await call(app, 'GET', '/api/v1/metrics/trend?kind=nps');
    expect(r.status).toBe(401);
  });
});

describe('GET /api/v1/metrics/compare', () => {
  it('compares two periods with the difference, z and significance', async () => {
    const r = await get(
      `/api/v1/metrics/compare?kind=nps&surveyId=${ids.npsA}&a.from=2026-03-01&a.to=2026-04-01&b.from=2026-02-01&b.to=2026-03-01`,
    );
    expect(r.status).toBe(200);
    // March 40/30/30 (NPS 10) against February 60/20/20 (NPS 40): z = -2.5678 (scores.test.ts)
    expect(r.body).toMatchObject({
      kind: 'nps',
      by: 'periods',
      segment: null,
      enoughData: true,
      difference: -30,
      significant: true,
      mean: null,
    });
    expect(r.body.z).toBeCloseTo(-2.5678, 3);
    expect(r.body.a).toMatchObject({ from: '2026-03-01', to: '2026-04-01', n: 100, value: 10, segmentValue: null });
    expect(r.body.b).toMatchObject({ from: '2026-02-01', to: '2026-03-01', n: 100, value: 40 });
    expect(await drill(r.body.b.drillDown, 200)).toHaveLength(100);
  });

  it('compares two segments over one period', async () => {
    const r = await get(`/api/v1/metrics/compare?kind=nps&segment=plan&a=gold&b=basic&${march}`);
    expect(r.status).toBe(200);
    const expected = compareScores(scoreFromCounts('nps', histogram(goldScores)), scoreFromCounts('nps', histogram(basicScores)));
    expect(r.body).toMatchObject({
      by: 'segments',
      segment: 'plan',
      significant: expected.significant,
      difference: round2(expected.difference!),
    });
    expect(r.body.z).toBeCloseTo(expected.z!, 3);
    expect(r.body.a).toMatchObject({ segmentValue: 'gold', n: 40, from: '2026-03-01', to: '2026-04-01' });
    expect(r.body.b).toMatchObject({ segmentValue: 'basic', n: 60 });
    expect(await drill(r.body.a.drillDown, 200)).toHaveLength(40);
  });

  it('gives no verdict when a group has fewer than 30 answers', async () => {
    const r = await get(`/api/v1/metrics/compare?kind=nps&segment=plan&a=gold&b=platinum&${march}`);
    expect(r.body).toMatchObject({ enoughData: false, difference: null, z: null, significant: null });
    expect(r.body.b).toMatchObject({ n: 5, value: null });
    const none = await get(`/api/v1/metrics/compare?kind=nps&segment=plan&a=gold&b=diamond&${march}`);
    expect(none.body.b).toMatchObject({ segmentValue: 'diamond', n: 0, enoughData: false });
  });

  it('compares CES shares and means', async () => {
    const r = await get(`/api/v1/metrics/compare?kind=ces&a.from=2026-03-01&a.to=2026-04-01&b.from=2026-02-01&b.to=2026-03-01`);
    expect(r.body).toMatchObject({ enoughData: false, mean: { enoughData: false } });
    expect(r.body.a.mean.value).toBe(4.65);
  });

  it('refuses bad queries with a named error', async () => {
    const bad = async (q: string, path: string) => {
      const r = await get(`/api/v1/metrics/compare?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.code).toBe('invalid_input');
      expect(r.body.error.details.problems.map((p: any) => p.path.join('.'))).toContain(path);
      return r.body.error;
    };
    expect((await bad('kind=nps', '')).message).toMatch(/two periods .* or two segments/);
    expect((await bad('kind=nps&a.from=2026-01-01&segment=plan', '')).message).toMatch(/not both/);
    await bad('kind=nps&a.from=2026-01-01&a.to=2026-02-01&b.from=2026-02-01', 'b.to');
    await bad('kind=nps&a.from=2026-01-01&a.to=2026-02-01&b.from=2026-02-01&b.to=2026-03-01&from=2026-01-01', 'from');
    await bad('kind=nps&a.from=2026-01-01&a.to=2026-02-15&b.from=2026-02-01&b.to=2026-03-01', 'b.from');
    await bad('kind=nps&a.from=2026-02-01&a.to=2026-01-01&b.from=2026-02-01&b.to=2026-03-01', 'a.from');
    await bad('kind=nps&segment=plan&a=gold', 'b');
    await bad('kind=nps&segment=plan&a=gold&b=gold', 'b');
    await bad('segment=plan&a=gold&b=basic', 'kind');
  });
});

describe('rollups', () => {
  it('are what the dashboards read: an answer counts once the rollups have it', async () => {
    const other = (await buildWorkspace(t.db)).id;
    const otherToken = await buildToken(t.db, other);
    const f = new Fixture(t.db, other);
    const survey = await f.survey('nps', 'Other');
    const c = await f.customer('x', { plan: 'gold' });
    for (let i = 0; i < 30; i++) await f.answer(survey, 'nps', c, 10, '2026-03-02T10:00:00Z', { segment: { plan: 'gold' } });
    const read = async () =>
      (await call(app, 'GET', `/api/v1/metrics/scores?kind=nps&${march}`, { token: otherToken })).body.kinds[0].everyone.n;
    expect(await read()).toBe(0); // stored, but not rolled up: the endpoint did not scan the answers
    await rebuildRollups(t.db, other);
    expect(await read()).toBe(30);
    // The first workspace sees none of it.
    expect((await get(`/api/v1/metrics/scores?kind=nps&${march}`)).body.kinds[0].everyone.n).toBe(106);
  });

  it('lists the 20 segment values with the most answers in a trend and says how many were left out', async () => {
    const other = (await buildWorkspace(t.db)).id;
    const otherToken = await buildToken(t.db, other);
    const f = new Fixture(t.db, other);
    const survey = await f.survey('csat', 'Cities');
    for (let i = 0; i < 22; i++) {
      const city = `city-${String(i).padStart(2, '0')}`;
      const c = await f.customer(city, { city });
      for (let k = 0; k <= i; k++) await f.answer(survey, 'csat', c, 5, '2026-03-02T10:00:00Z', { segment: { city } });
    }
    await rebuildRollups(t.db, other);
    const r = await call(app, 'GET', `/api/v1/metrics/trend?kind=csat&segment=city&interval=month&${march}`, { token: otherToken });
    expect(r.body.series).toHaveLength(20);
    expect(r.body.series[0]).toMatchObject({ segmentValue: 'city-21', n: 22 });
    expect(r.body.series[19]).toMatchObject({ segmentValue: 'city-02', n: 3 });
    expect(r.body.omittedSegments).toBe(2);
    const s = await call(app, 'GET', `/api/v1/metrics/scores?kind=csat&segment=city&${march}`, { token: otherToken });
    expect(s.body.kinds[0].segments).toHaveLength(22);
    expect(s.body.kinds[0].omittedSegments).toBe(0);
  });

  it('rebuild counts sent invitations only, by the day they were sent, and gives the same rows twice', async () => {
    const rows = async () =>
      (
        await sql<{ dim: string; value: string; day: string; invited: number; answered_invited: number; n: number }>`
          SELECT dim, value, day, sum(invited)::int AS invited, sum(answered_invited)::int AS answered_invited,
                 sum(s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7 + s8 + s9 + s10)::int AS n
          FROM score_rollups WHERE workspace_id = ${ws} AND survey_id = ${ids.npsA}
          GROUP BY dim, value, day ORDER BY dim, value, day`.execute(t.db)
      ).rows;
    const before = await rows();
    expect(before.find((r) => r.dim === '' && r.day === '2026-03-01')).toMatchObject({ invited: 90, n: 0 });
    expect(before.find((r) => r.dim === 'plan' && r.value === 'gold' && r.day === '2026-03-01')).toMatchObject({ invited: 40 });
    expect(before.filter((r) => r.dim === '').reduce((a, r) => a + r.answered_invited, 0)).toBe(80);
    expect(before.some((r) => r.day === '2026-03-20')).toBe(false); // the scheduled invitation
    const all = await rebuildRollups(t.db);
    expect(all.rows).toBeGreaterThan(0);
    expect(await rows()).toEqual(before);
  });
});

describe('trend periods', () => {
  it('starts weeks on Monday and months on the 1st', () => {
    expect(trendPeriods('week', '2026-03-04', '2026-03-17')).toEqual([
      { key: '2026-03-02', start: '2026-03-04', end: '2026-03-09' },
      { key: '2026-03-09', start: '2026-03-09', end: '2026-03-16' },
      { key: '2026-03-16', start: '2026-03-16', end: '2026-03-17' },
    ]);
    expect(trendPeriods('month', '2025-12-15', '2026-02-02').map((p) => p.key)).toEqual(['2025-12-01', '2026-01-01', '2026-02-01']);
    expect(trendPeriods('day', '2026-02-27', '2026-03-02').map((p) => p.key)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });
});
