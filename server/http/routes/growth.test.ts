// Earned Growth Rate on a data set built by hand: 20 customers in Q1 2026, what they paid and
// were refunded in Q2, a returning customer, six new ones of whom two were referred (one said so
// in a survey, one on a sign-up event), and three customers paying in dollars, reported apart.
//
// Hand computation, Q2 against Q1, in EUR:
//   last period's customers: c01..c20, 100 each           previous revenue = 2000
//   c01..c10 pay 120, c11..c15 pay 100, c16..c18 pay 100 and get 30 back, c19, c20 pay nothing
//     retained = 10·120 + 5·100 + 3·70 = 1910                NRR = 1910 / 2000 = 95.5 %
//   c21 paid 50 in Q1 and got it all back (not a customer then); pays 80 in Q2: returning
//   new: n01 (survey: a friend) pays 200; n02 (signed up with source referral) pays 150, 50 back
//     earned new revenue = 200 + 100 = 300                    ENC = 300 / 2000 = 15 %
//   n03..n06 pay 90 each: bought new = 360 (n03 answered "an advertisement")
//   EGR = 95.5 + 15 − 100 = 10.5 %
// In USD: u01, u02 paid 100 in Q1; u01 pays 150 in Q2, u03 (new, not earned) 60:
//   NRR = 150 / 200 = 75 %, ENC = 0, EGR = −25 %.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../domain/core/clock.ts';
import { buildApp, buildToken, buildWorkspace, call, type TestApp } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';

let t: TestDatabase;
let app: TestApp;
let manager: string;
const clock = manualClock('2026-07-10T00:00:00Z');
const pad = (n: number) => String(n).padStart(2, '0');

let n = 0;
const ev = (who: string, type: string, day: string, data: Record<string, unknown>, plan?: string) => ({
  type,
  customer: { externalId: who, email: `${who}@example.com`, name: who.toUpperCase(), ...(plan ? { attributes: { plan } } : {}) },
  occurredAt: `${day}T10:00:00.000Z`,
  source: 'billing',
  idempotencyKey: `k${n++}`,
  data,
});
const paid = (who: string, day: string, amount: number | string, currency = 'EUR', plan?: string) =>
  ev(who, 'invoice.paid', day, { amount, currency }, plan);
const refund = (who: string, day: string, cents: number) => ev(who, 'refund.issued', day, { amount_cents: cents });

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db, { clock });
  const ws = await buildWorkspace(t.db);
  manager = await buildToken(t.db, ws.id, 'manager');
});
afterAll(() => t.drop());

const put = (path: string, body: unknown) => call(app, 'PUT', path, { token: manager, body });
const report = async (qs: string) => {
  const r = await call(app, 'GET', `/api/v1/reports/growth?${qs}`, { token: manager });
  expect(r.status).toBe(200);
  return r.body;
};

describe('Earned Growth Rate', () => {
  it('refuses a currency that is not ISO 4217, by name, before anything is recorded', async () => {
    const s = await put('/api/v1/settings/growth', { reportingCurrency: 'ABC' });
    expect(s.status).toBe(400);
    expect(s.body.error.details).toMatchObject({ reason: 'currency_not_iso4217', problems: [{ path: ['reportingCurrency'] }] });
    const m = await put('/api/v1/revenue-mappings', { eventType: 'invoice.paid', amountPath: 'amount', currency: 'XYZ' });
    expect(m.status).toBe(400);
    expect(m.body.error.details).toMatchObject({ reason: 'currency_not_iso4217', problems: [{ path: ['currency'] }] });
    const both = await put('/api/v1/revenue-mappings', { eventType: 'invoice.paid', amountPath: 'amount' });
    expect(both.status).toBe(400);
  });

  it('records the hand-built data set', async () => {
    expect(
      (
        await put('/api/v1/settings/growth', {
          reportingCurrency: 'EUR',
          acquisitionEvents: [{ eventType: 'customer.signed_up', path: 'source', earnedValues: ['referral', 'recommendation'] }],
        })
      ).status,
    ).toBe(200);
    const m1 = await put('/api/v1/revenue-mappings', { eventType: 'invoice.paid', amountPath: 'amount', currencyPath: 'currency' });
    expect(m1.status).toBe(200);
    const m2 = await put('/api/v1/revenue-mappings', {
      eventType: 'refund.issued',
      amountPath: 'amount_cents',
      amountUnit: 'minor',
      currency: 'EUR',
      negate: true,
    });
    expect(m2.status).toBe(200);

    const events = [];
    for (let i = 1; i <= 20; i++) events.push(paid(`c${pad(i)}`, `2026-02-${pad(i)}`, 100, 'EUR', i % 2 ? 'pro' : 'basic'));
    for (let i = 1; i <= 10; i++) events.push(paid(`c${pad(i)}`, `2026-05-${pad(i)}`, '120.00'));
    for (let i = 11; i <= 18; i++) events.push(paid(`c${pad(i)}`, `2026-05-${pad(i)}`, 100));
    for (let i = 16; i <= 18; i++) events.push(refund(`c${pad(i)}`, `2026-06-${pad(i)}`, 3000));
    events.push(paid('c21', '2026-01-15', 50), refund('c21', '2026-01-20', 5000), paid('c21', '2026-04-02', 80));
    events.push(paid('n01', '2026-04-10', 200));
    events.push(
      ev('n02', 'customer.signed_up', '2026-04-01', { source: 'referral' }),
      paid('n02', '2026-04-11', 150),
      refund('n02', '2026-04-30', 5000),
    );
    for (let i = 3; i <= 6; i++) events.push(paid(`n${pad(i)}`, `2026-04-${pad(10 + i)}`, 90));
    events.push(ev('n06', 'customer.signed_up', '2026-04-01', { source: 'search' }));
    events.push(paid('u01', '2026-03-01', 100, 'USD'), paid('u02', '2026-03-02', 100, 'USD'));
    events.push(paid('u01', '2026-05-01', 150, 'USD'), paid('u03', '2026-05-02', 60, 'USD'));
    // Left out of the ledger, and said so: no amount; a currency that is not ISO 4217.
    events.push(ev('c01', 'invoice.paid', '2026-05-20', { currency: 'EUR' }), paid('c02', '2026-05-21', 10, 'EURO'));
    const r = await call(app, 'POST', '/api/v1/events', { token: manager, body: { events } });
    expect(r.status).toBe(201);

    // n01 and n03 answer "Why did you choose us?" on a survey.
    const survey = await call(app, 'POST', '/api/v1/surveys', {
      token: manager,
      body: {
        kind: 'nps',
        name: 'Welcome',
        questions: [
          {
            id: 'why',
            type: 'acquisition',
            label: { en: 'Why did you choose us?' },
            options: [
              { id: 'friend', label: { en: 'A friend recommended you' }, earned: true },
              { id: 'ad', label: { en: 'An advertisement' } },
            ],
          },
        ],
      },
    });
    expect(survey.status).toBe(201);
    expect(survey.body.questions[0].options[1].earned).toBe(false);
    for (const [who, why] of [
      ['n01', 'friend'],
      ['n03', 'ad'],
    ] as const) {
      const inv = await call(app, 'POST', `/api/v1/surveys/${survey.body.id}/invitations`, {
        token: manager,
        body: { customer: { externalId: who } },
      });
      expect(inv.status).toBe(201);
      const page = await app.request(`/s/${inv.body.url.split('/s/')[1]}`);
      const html = await page.text();
      expect(html).toContain('Why did you choose us?');
      expect(html).toContain('name="q_why" value="friend"');
      const a = await call(app, 'POST', '/api/public/answers', {
        body: { token: inv.body.url.split('/s/')[1], score: 9, answers: { why } },
      });
      expect(a.status).toBe(201);
    }
  });

  it('equals the hand computation, each part shown, with dollars reported apart', async () => {
    const body = await report('granularity=quarter&periods=1&at=2026-06-15T00:00:00Z');
    expect(body.reportingCurrency).toBe('EUR');
    const [q2] = body.series[0].periods;
    expect(q2).toMatchObject({ label: '2026-Q2', start: '2026-04-01T00:00:00.000Z', end: '2026-07-01T00:00:00.000Z', partial: false });
    expect(q2.figures).toMatchObject({
      previousRevenue: '2000.00',
      retainedRevenue: '1910.00',
      earnedNewRevenue: '300.00',
      boughtNewRevenue: '360.00',
      returningRevenue: '80.00',
      revenue: '2650.00',
      previousCustomers: 20,
      retainedCustomers: 18,
      earnedNewCustomers: 2,
      boughtNewCustomers: 4,
      returningCustomers: 1,
      undefinedReason: null,
    });
    expect(q2.figures.nrr).toBeCloseTo(95.5, 10);
    expect(q2.figures.enc).toBeCloseTo(15, 10);
    expect(q2.figures.egr).toBeCloseTo(10.5, 10);
    const iv = q2.figures.interval;
    expect(iv.n).toBe(22);
    expect(iv.resamples).toBe(2000);
    expect(iv.egr.low).toBeLessThan(10.5);
    expect(iv.egr.high).toBeGreaterThan(10.5);
    // Seeded: the same interval every time.
    expect((await report('granularity=quarter&periods=1&at=2026-06-15T00:00:00Z')).series[0].periods[0].figures.interval).toEqual(iv);

    expect(body.otherCurrencies).toHaveLength(1);
    const usd = body.otherCurrencies[0].periods[0].figures;
    expect(body.otherCurrencies[0].currency).toBe('USD');
    expect(usd).toMatchObject({
      previousRevenue: '200.00',
      retainedRevenue: '150.00',
      earnedNewRevenue: '0.00',
      boughtNewRevenue: '60.00',
    });
    expect(usd.egr).toBeCloseTo(-25, 10);
    expect(body.unreadable).toEqual(
      expect.arrayContaining([
        { eventType: 'invoice.paid', reason: 'amount_not_found', events: 1 },
        { eventType: 'invoice.paid', reason: 'currency_not_iso4217', events: 1 },
      ]),
    );
    expect(body.method).toContain('NRR + ENC');
  });

  it('by month, with no revenue in the period before it is undefined with a reason, not Infinity', async () => {
    const body = await report('granularity=month&periods=6&at=2026-06-15T00:00:00Z');
    const months = body.series[0].periods;
    expect(months.map((p: { label: string }) => p.label)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
    // January compares with December 2025: nothing.
    expect(months[0].figures).toMatchObject({ egr: null, nrr: null, undefinedReason: 'no_revenue_last_period', interval: null });
    // April against March: no EUR invoice in March at all.
    expect(months[3].figures.undefinedReason).toBe('no_revenue_last_period');
  });

  it('per segment, and drills down to the customers behind each part', async () => {
    const body = await report('granularity=quarter&periods=1&at=2026-06-15T00:00:00Z&segment=plan');
    const segs = body.series.map((s: { segment: string | null }) => s.segment);
    expect(segs).toEqual([null, 'basic', 'pro']);
    const basic = body.series[1].periods[0].figures;
    // basic: c02..c20 even (10 customers, 1000), of whom c16, c18 got 30 back, c20 lost.
    expect(basic).toMatchObject({ previousRevenue: '1000.00', previousCustomers: 10, retainedCustomers: 9 });
    expect(basic.retainedRevenue).toBe(String(5 * 120 + 100 + 100 + 70 + 70) + '.00');

    const drill = (qs: string) =>
      call(app, 'GET', `/api/v1/reports/growth/customers?period=2026-04-01T00:00:00Z&${qs}`, { token: manager });
    const earned = await drill('part=earned_new');
    expect(earned.status).toBe(200);
    expect(earned.body.items.map((c: { externalId: string; revenue: string }) => [c.externalId, c.revenue])).toEqual([
      ['n01', '200.00'],
      ['n02', '100.00'],
    ]);
    const lost = await drill('part=lost&limit=1');
    expect(lost.body).toMatchObject({ total: 2, nextOffset: 1 });
    expect((await drill('part=lost&limit=1&offset=1')).body.nextOffset).toBeNull();
    expect((await drill('part=bought_new&currency=USD')).body.items.map((c: { externalId: string }) => c.externalId)).toEqual(['u03']);
    const bad = await drill('part=previous&period=2026-05-01T00:00:00Z');
    expect(bad.status).toBe(400);
  });

  it('refuses an amount path that does not exist in the events, by name', async () => {
    const r = await put('/api/v1/revenue-mappings', { eventType: 'invoice.paid', amountPath: 'total.gross', currencyPath: 'currency' });
    expect(r.status).toBe(400);
    expect(r.body.error.details).toMatchObject({ reason: 'amount_path_not_found', problems: [{ path: ['amountPath'] }] });
    const c = await put('/api/v1/revenue-mappings', { eventType: 'invoice.paid', amountPath: 'amount', currencyPath: 'amount' });
    expect(c.status).toBe(400);
    expect(c.body.error.details.reason).toBe('currency_not_iso4217');
  });

  it('applies a corrected mapping to events already received', async () => {
    const list = (await call(app, 'GET', '/api/v1/revenue-mappings', { token: manager })).body.items;
    const refunds = list.find((m: { eventType: string }) => m.eventType === 'refund.issued');
    expect((await call(app, 'DELETE', `/api/v1/revenue-mappings/${refunds.id}`, { token: manager })).status).toBe(204);
    const q2 = (await report('granularity=quarter&periods=1&at=2026-06-15T00:00:00Z')).series[0].periods[0].figures;
    // The refunds are no longer in the ledger: c16..c18 keep 100 each, and c21's January refund
    // no longer cancels its 50, so c21 is one of last period's customers and its 80 is retained.
    expect(q2).toMatchObject({ previousRevenue: '2050.00', retainedRevenue: '2080.00', previousCustomers: 21, returningCustomers: 0 });
    expect((await call(app, 'DELETE', `/api/v1/revenue-mappings/${refunds.id}`, { token: manager })).status).toBe(404);
    expect((await call(app, 'DELETE', '/api/v1/revenue-mappings/nope', { token: manager })).status).toBe(404);
  });
});
