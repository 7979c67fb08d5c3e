// Surveys end to end through the API and the worker, with a clock the test moves: signed
// links (tampering, expiry, the 24-hour edit window), the contact rule across two surveys,
// triggers, sampling, unsubscribes, widget identity, imports and the rollups behind scores.
import pino from 'pino';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, buildToken, buildWorkspace, call, event, type TestApp } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { createPreviewTransport } from '../../adapters/mail-preview.ts';
import { runSignalJobs } from '../../jobs/signals.ts';
import { manualClock } from '../core/clock.ts';
import { widgetSignature } from './links.ts';
import { createSettingsCache } from './signal-settings.ts';

let t: TestDatabase;
let app: TestApp;
let token: string;
let admin: string;
let workspace: { id: string; slug: string };
const clock = manualClock('2026-03-01T09:00:00Z');
const hour = 3_600_000;
const day = 24 * hour;

const jobs = () =>
  runSignalJobs({
    db: t.db,
    clock,
    settings: createSettingsCache(t.db, clock),
    publicUrl: 'http://kept.test',
    log: pino({ level: 'silent' }),
    transport: createPreviewTransport(pino({ level: 'silent' })),
    mailFrom: 'Kept <kept@test>',
  });

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db, { clock, config: { publicUrl: 'http://kept.test' } });
  workspace = await buildWorkspace(t.db);
  token = await buildToken(t.db, workspace.id, 'manager');
  admin = await buildToken(t.db, workspace.id, 'admin');
});
afterAll(() => t.drop());

const api = (method: string, path: string, body?: unknown, as = token) => call(app, method, path, { token: as, body });
const newSurvey = async (over: Record<string, unknown> = {}) => {
  const r = await api('POST', '/api/v1/surveys', { kind: 'nps', name: `NPS ${Math.random()}`, ...over });
  expect(r.status).toBe(201);
  return r.body as { id: string; kind: string };
};
let n = 0;
const newCustomer = async (attrs: Record<string, string> = {}) => {
  const ext = `c-${++n}-${Math.random().toString(36).slice(2, 8)}`;
  const r = await api(
    'POST',
    '/api/v1/events',
    event({ type: 'account.opened', customer: { externalId: ext, email: `${ext}@example.com`, attributes: attrs } }),
  );
  expect(r.status).toBe(201);
  return { id: r.body.event.customerId as string, externalId: ext };
};
const invite = (surveyId: string, customerId: string, channel = 'link') =>
  api('POST', `/api/v1/surveys/${surveyId}/invitations`, { customerId, channel });
const tokenOf = (url: string) => url.split('/s/')[1]!;
const answer = (tok: string, body: Record<string, unknown>) => call(app, 'POST', '/api/public/answers', { body: { token: tok, ...body } });
const timeline = async (customerId: string) =>
  (await api('GET', `/api/v1/customers/${customerId}/timeline`)).body.items as { type: string; data: any }[];
const rollup = async (surveyId: string) =>
  (
    await sql<{ s: number[]; invited: number; answered_invited: number }>`
      SELECT ARRAY[s0,s1,s2,s3,s4,s5,s6,s7,s8,s9,s10] AS s, invited, answered_invited FROM score_rollups
      WHERE survey_id = ${surveyId} AND dim = '' ORDER BY day`.execute(t.db)
  ).rows;

describe('surveys', () => {
  it('creates, reads and changes a survey; refuses bad input by field; never changes its kind', async () => {
    const s = await newSurvey({ name: 'After delivery', brand: { name: 'Acme', colour: '#1F77B4' } });
    expect(s).toMatchObject({ kind: 'nps', askReason: true, samplePercent: 100, brand: { name: 'Acme', colour: '#1f77b4' } });
    const bad = await api('POST', '/api/v1/surveys', {
      kind: 'stars',
      name: '',
      samplePercent: 0,
      questions: [{ id: 'q', type: 'single_choice', label: { en: 'Pick' }, options: [] }],
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.details.problems.map((p: any) => p.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['kind', 'name', 'samplePercent', 'questions.0.options']));
    expect((await api('PATCH', `/api/v1/surveys/${s.id}`, { kind: 'csat' })).status).toBe(400);
    const changed = await api('PATCH', `/api/v1/surveys/${s.id}`, { name: 'Renamed', texts: { fr: { thankYou: 'Merci !' } } });
    expect(changed.body).toMatchObject({ name: 'Renamed', texts: { fr: { thankYou: 'Merci !' } } });
    expect((await api('GET', '/api/v1/surveys/00000000-0000-7000-8000-000000000000')).status).toBe(404);
    expect((await api('GET', '/api/v1/surveys/not-a-uuid')).status).toBe(400);
    const fr = await api('GET', '/api/v1/surveys/built-in-texts?kind=nps&locale=fr-CA');
    expect(fr.body.locale).toBe('fr');
    expect(fr.body.texts.question).toMatch(/recommand.*\{brand\}/);
    expect((await api('GET', '/api/v1/surveys/built-in-texts?kind=ces&locale=pt-BR')).body.locale).toBe('en');
    expect((await api('GET', '/api/v1/surveys/built-in-texts?kind=stars')).status).toBe(400);
    const agent = await buildToken(t.db, workspace.id, 'agent');
    expect((await api('POST', '/api/v1/surveys', { kind: 'nps', name: 'x' }, agent)).status).toBe(403);
  });
});

describe('signed invitation links', () => {
  it('refuses a tampered, truncated or foreign token, and answers a real one once, editable for 24 hours', async () => {
    const s = await newSurvey();
    const c = await newCustomer({ plan: 'gold' });
    const inv = await invite(s.id, c.id);
    expect(inv.status).toBe(201);
    expect(inv.body).toMatchObject({ handPicked: true, origin: 'hand', status: 'sent' });
    const tok = tokenOf(inv.body.url);
    const [payload, mac] = tok.split('.') as [string, string];
    const flip = (x: string) => (x[5] === 'A' ? 'B' : 'A');
    const tampered = [
      `${payload}.${mac.slice(0, 5)}${flip(mac)}${mac.slice(6)}`,
      `${payload.slice(0, 5)}${flip(payload)}${payload.slice(6)}.${mac}`,
      tok.slice(0, -1),
      'x'.repeat(66),
    ];
    for (const bad of tampered) {
      const r = await answer(bad, { score: 10 });
      expect(r.status, bad).toBe(r.body.error.code === 'invalid_input' ? 400 : 404);
    }
    // A token signed by another workspace's secret does not open this invitation.
    const other = await buildWorkspace(t.db);
    const { signLink } = await import('./links.ts');
    const foreign = signLink(Buffer.alloc(32, 7), 'invitation', other.id, inv.body.id);
    expect((await answer(foreign, { score: 10 })).body.error.details.reason).toBe('invalid_link');
    expect(await rollup(s.id)).toEqual([{ s: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], invited: 1, answered_invited: 0 }]);

    const first = await answer(tok, { score: 9, reason: 'Fast delivery' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ updated: false, thankYou: expect.any(String) });
    clock.advance(2 * hour);
    const again = await answer(tok, { score: 3, reason: 'Actually, the box was broken' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ responseId: first.body.responseId, updated: true });
    // The rollup moved the answer from 9 to 3: one answer, counted once.
    expect(await rollup(s.id)).toEqual([{ s: [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0], invited: 1, answered_invited: 1 }]);
    const events = await timeline(c.id);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['survey.invited', 'response.created', 'response.updated']));
    expect(events.find((e) => e.type === 'response.updated')!.data).toMatchObject({
      score: 3,
      reason: 'Actually, the box was broken',
      handPicked: true,
    });

    clock.advance(23 * hour); // 25 h after the first answer
    const late = await answer(tok, { score: 10 });
    expect(late.status).toBe(409);
    expect(late.body.error.details.reason).toBe('invitation_closed');
    expect(await rollup(s.id)).toEqual([{ s: [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0], invited: 1, answered_invited: 1 }]);
  });

  it('expires an unanswered link, and checks the score against the survey scale and its questions', async () => {
    const s = await newSurvey({
      kind: 'csat',
      questions: [
        {
          id: 'speed',
          type: 'single_choice',
          label: { en: 'Speed?' },
          options: [
            { id: 'slow', label: { en: 'Slow' } },
            { id: 'fast', label: { en: 'Fast' } },
          ],
        },
      ],
    });
    const c = await newCustomer();
    const tok = tokenOf((await invite(s.id, c.id)).body.url);
    const bad = await answer(tok, { score: 7, answers: { speed: 'warp', colour: 'red' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.problems.map((p: any) => p.path.join('.'))).toEqual(['score', 'answers.speed', 'answers.colour']);
    const bot = await answer(tok, { score: 5, website: 'http://spam.example' });
    expect(bot.status).toBe(403);
    expect(bot.body.error.details.reason).toBe('bot');
    clock.advance(15 * day); // links stay open 14 days by default
    const expired = await answer(tok, { score: 5 });
    expect(expired.status).toBe(410);
    expect(expired.body.error.details.reason).toBe('invitation_expired');
    expect((await sql`SELECT count(*)::int AS n FROM responses WHERE survey_id = ${s.id}`.execute(t.db)).rows[0]).toEqual({ n: 0 });
  });
});

describe('the contact rule, triggers and the worker', () => {
  it('sends a survey N hours after an event, once per event, and lets one invitation per 30 days through across two surveys', async () => {
    const nps = await newSurvey({ name: 'NPS after delivery' });
    const csat = await newSurvey({ kind: 'csat', name: 'CSAT after support' });
    expect((await api('POST', `/api/v1/surveys/${nps.id}/triggers`, { eventType: 'order.delivered', delayHours: 24 })).status).toBe(201);
    expect((await api('POST', `/api/v1/surveys/${csat.id}/triggers`, { eventType: 'ticket.solved', delayHours: 0 })).status).toBe(201);
    expect((await api('POST', `/api/v1/surveys/${nps.id}/triggers`, { eventType: 'order.delivered', delayHours: 24 })).status).toBe(409);
    expect((await api('POST', `/api/v1/surveys/${nps.id}/triggers`, { eventType: 'Order Delivered', delayHours: -1 })).status).toBe(400);
    const c = await newCustomer();
    const delivered = event({
      type: 'order.delivered',
      occurredAt: clock.now().toISOString(),
      idempotencyKey: `d-${c.externalId}`,
      customer: { externalId: c.externalId },
    });
    expect((await api('POST', '/api/v1/events', delivered)).status).toBe(201);
    expect((await api('POST', '/api/v1/events', delivered)).status).toBe(200); // a retry invites nobody twice
    // An event from months ago (a backfill) surveys nobody.
    await api(
      'POST',
      '/api/v1/events',
      event({
        type: 'order.delivered',
        occurredAt: new Date(clock.now().getTime() - 90 * day).toISOString(),
        customer: { externalId: c.externalId },
      }),
    );

    clock.advance(23 * hour);
    expect((await jobs()).invitations).toEqual({ sent: 0, suppressed: 0 });
    clock.advance(hour);
    const r = await jobs();
    expect(r.invitations).toEqual({ sent: 1, suppressed: 0 });
    expect(r.mail.preview).toBe(1); // no SMTP configured: the mail waits in the preview
    const mails = await sql<{
      to_address: string;
      headers: Record<string, string>;
    }>`SELECT to_address, headers FROM mails WHERE customer_id = ${c.id}`.execute(t.db);
    expect(mails.rows).toHaveLength(1);
    expect(mails.rows[0]!.headers['List-Unsubscribe']).toMatch(/^<http:\/\/kept\.test\/u\/.+>$/);

    // Ten days later a support ticket is solved: the CSAT trigger fires but the contact rule holds it back.
    clock.advance(10 * day);
    await api(
      'POST',
      '/api/v1/events',
      event({ type: 'ticket.solved', source: 'support', occurredAt: clock.now().toISOString(), customer: { externalId: c.externalId } }),
    );
    expect((await jobs()).invitations).toEqual({ sent: 0, suppressed: 1 });
    const byHand = await invite(csat.id, c.id);
    expect(byHand.status).toBe(409);
    expect(byHand.body.error.details.reason).toBe('contact_rule');
    expect(byHand.body.error.message).toMatch(/one invitation per 30 days/);
    // After 30 days the next one goes out.
    clock.advance(21 * day);
    await api(
      'POST',
      '/api/v1/events',
      event({ type: 'ticket.solved', source: 'support', occurredAt: clock.now().toISOString(), customer: { externalId: c.externalId } }),
    );
    expect((await jobs()).invitations).toEqual({ sent: 1, suppressed: 0 });
    const list = await api('GET', `/api/v1/surveys/${csat.id}/invitations`);
    expect(list.body.items.map((i: any) => [i.status, i.suppressedReason])).toEqual([
      ['sent', null],
      ['suppressed', 'contact_rule'],
    ]);
    expect(list.body.items.every((i: any) => i.handPicked === false)).toBe(true);
    expect(list.body.items[0].customer).toEqual({ name: null, email: `${c.externalId}@example.com`, externalId: c.externalId });
  });

  it('samples: a survey at 50% sends about half, and records the rest as sampled out', async () => {
    const s = await newSurvey({ samplePercent: 50 });
    await api('POST', `/api/v1/surveys/${s.id}/triggers`, { eventType: 'plan.renewed', delayHours: 0 });
    for (let i = 0; i < 40; i++) {
      const c = await newCustomer();
      await api(
        'POST',
        '/api/v1/events',
        event({ type: 'plan.renewed', occurredAt: clock.now().toISOString(), customer: { externalId: c.externalId } }),
      );
    }
    const r = await jobs();
    const rows = (
      await sql<{
        status: string;
        n: number;
      }>`SELECT status, count(*)::int AS n FROM invitations WHERE survey_id = ${s.id} GROUP BY status`.execute(t.db)
    ).rows;
    const count = { sent: 0, suppressed: 0, ...Object.fromEntries(rows.map((x) => [x.status, x.n])) };
    expect(count.sent + count.suppressed).toBe(40);
    expect(count.sent).toBe(r.invitations.sent);
    // 40 draws at p = 0.5: outside 8..32 happens with probability below 1e-4.
    expect(count.sent).toBeGreaterThanOrEqual(8);
    expect(count.sent).toBeLessThanOrEqual(32);
  });

  it('never invites an unsubscribed customer again, by any channel', async () => {
    const s = await newSurvey();
    const c = await newCustomer();
    const { unsubscribe, unsubscribeUrl } = await import('./unsubscribe.ts');
    const settings = createSettingsCache(t.db, clock);
    const url = unsubscribeUrl('http://kept.test', (await settings.get(workspace.id)).linkSecret, workspace.id, c.id);
    await unsubscribe({ db: t.db, clock, settings }, url.split('/u/')[1]!, 'page');
    const r = await invite(s.id, c.id, 'email');
    expect(r.status).toBe(409);
    expect(r.body.error.details.reason).toBe('unsubscribed');
    const sample = await api('POST', `/api/v1/surveys/${s.id}/samples`, { size: 100000 });
    expect(sample.status).toBe(201);
    const mine = await sql`SELECT 1 FROM invitations WHERE survey_id = ${s.id} AND customer_id = ${c.id} AND status = 'scheduled'`.execute(
      t.db,
    );
    expect(mine.rows).toHaveLength(0);
  });

  it('one-off sends to a random sample of a segment, and validates the request', async () => {
    const s = await newSurvey();
    for (let i = 0; i < 6; i++) await newCustomer({ region: i < 4 ? 'north-sample' : 'south-sample' });
    const r = await api('POST', `/api/v1/surveys/${s.id}/samples`, { segment: { attribute: 'region', value: 'north-sample' }, size: 3 });
    expect(r.body).toEqual({ eligible: 4, scheduled: 3 });
    expect((await api('POST', `/api/v1/surveys/${s.id}/samples`, { size: 0 })).status).toBe(400);
    const sent = await jobs();
    expect(sent.invitations.sent).toBeGreaterThanOrEqual(3);
    const regions = await sql<{
      region: string;
    }>`SELECT c.attributes->>'region' AS region FROM invitations i JOIN customers c ON c.id = i.customer_id
      WHERE i.survey_id = ${s.id} AND i.status = 'sent'`.execute(t.db);
    expect(regions.rows.map((x) => x.region)).toEqual(['north-sample', 'north-sample', 'north-sample']);
  });
});

describe('the widget', () => {
  it('refuses a forged identity, shows the survey to a vouched-for customer once, and takes the answer', async () => {
    const s = await newSurvey({ brand: { colour: '#aa3300' } });
    const settings = await api('GET', '/api/v1/settings/signals', undefined, admin);
    expect(settings.body.widgetSecret).toEqual(expect.any(String));
    expect((await api('GET', '/api/v1/settings/signals')).body.widgetSecret).toBeUndefined(); // managers do not see it
    const secret = settings.body.widgetSecret as string;
    const prompt = (externalId: string, signature: string) =>
      call(app, 'POST', '/api/public/widget/prompt', {
        body: { workspace: workspace.slug, surveyId: s.id, externalId, signature, locale: 'fr-FR' },
      });

    const forged = await prompt('victim-1', widgetSignature('not the secret', 'victim-1'));
    expect(forged.status).toBe(403);
    expect(forged.body.error.details.reason).toBe('invalid_signature');
    const swapped = await prompt('victim-1', widgetSignature(secret, 'attacker-1'));
    expect(swapped.status).toBe(403);
    expect((await call(app, 'GET', `/api/v1/customers?q=victim-1`, { token })).body.items).toHaveLength(0);

    const shown = await prompt('widget-cust-1', widgetSignature(secret, 'widget-cust-1'));
    expect(shown.status).toBe(200);
    expect(shown.headers.get('access-control-allow-origin')).toBe('*');
    expect(shown.body).toMatchObject({ show: true, kind: 'nps', min: 0, max: 10, locale: 'fr', colour: '#aa3300' });
    expect(shown.body.texts.question).toMatch(/recommand/i);
    const reload = await prompt('widget-cust-1', widgetSignature(secret, 'widget-cust-1'));
    expect(reload.body.token).toBe(shown.body.token);

    const done = await answer(shown.body.token, { score: 10, reason: 'Très bien', locale: 'fr' });
    expect(done.status).toBe(201);
    expect((await prompt('widget-cust-1', widgetSignature(secret, 'widget-cust-1'))).body).toEqual({ show: false, reason: 'answered' });
    const cust = (await call(app, 'GET', `/api/v1/customers?q=widget-cust-1`, { token })).body.items[0];
    const created = (await timeline(cust.id)).find((e) => e.type === 'response.created')!;
    expect(created.data).toMatchObject({ score: 10, channel: 'widget', handPicked: false });

    const preflight = await app.request('/api/public/answers', {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/content-type/i);
  });
});

describe('importing answers', () => {
  it('stores a batch all or nothing, once per idempotency key, with rollups and timeline events', async () => {
    const s = await newSurvey({ kind: 'ces' });
    const row = (i: number, over: Record<string, unknown> = {}) => ({
      surveyId: s.id,
      customer: { externalId: `imp-${i}`, attributes: { plan: i % 2 ? 'pro' : 'basic' } },
      score: (i % 7) + 1,
      answeredAt: '2026-01-15T10:00:00Z',
      source: 'oldtool',
      idempotencyKey: `imp-${i}`,
      ...over,
    });
    const bad = await api('POST', '/api/v1/responses', {
      responses: [row(1), row(2, { score: 0 }), row(3, { surveyId: '00000000-0000-7000-8000-000000000000' })],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.problems.map((p: any) => p.path.join('.'))).toEqual(['responses.1.score', 'responses.2.surveyId']);
    expect(await rollup(s.id)).toEqual([]);
    const ok = await api('POST', '/api/v1/responses', { responses: Array.from({ length: 7 }, (_, i) => row(i)) });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ stored: 7, duplicates: 0 });
    const again = await api('POST', '/api/v1/responses', { responses: [row(0), row(0)] });
    expect(again.status).toBe(200);
    expect(again.body.results.map((r: any) => r.id)).toEqual([ok.body.results[0].id, ok.body.results[0].id]);
    expect(await rollup(s.id)).toEqual([{ s: [0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0], invited: 0, answered_invited: 0 }]);
    const pro = await sql<{
      n: number;
    }>`SELECT (s1+s2+s3+s4+s5+s6+s7)::int AS n FROM score_rollups WHERE survey_id = ${s.id} AND dim = 'plan' AND value = 'pro'`.execute(
      t.db,
    );
    expect(pro.rows[0]!.n).toBe(3);
  });
});

describe('rollups', () => {
  it('kept incrementally by every path above, equal a rebuild from the answers', async () => {
    const { rebuildRollups } = await import('../../storage/rollup-rebuild.ts');
    const snapshot = async () =>
      (
        await sql<Record<string, unknown>>`SELECT dim, value, day, survey_id, hand_picked, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10,
          invited, answered_invited FROM score_rollups WHERE workspace_id = ${workspace.id}
          AND (s0+s1+s2+s3+s4+s5+s6+s7+s8+s9+s10+invited+answered_invited) > 0
          ORDER BY dim, day, value, survey_id, hand_picked`.execute(t.db)
      ).rows;
    const incremental = await snapshot();
    expect(incremental.length).toBeGreaterThan(10);
    await rebuildRollups(t.db, workspace.id);
    expect(await snapshot()).toEqual(incremental);
  });
});

describe('reminders', () => {
  it('sends one reminder after the reminder days to an unanswered e-mail invitation, and none after an answer', async () => {
    const s = await newSurvey();
    const quiet = await newCustomer();
    const answers = await newCustomer();
    const a = await invite(s.id, quiet.id, 'email');
    const b = await invite(s.id, answers.id, 'email');
    expect([a.status, b.status]).toEqual([201, 201]);
    expect((await answer(tokenOf(b.body.url), { score: 8 })).status).toBe(201);
    const mailsOf = async (customerId: string) =>
      (await sql<{ kind: string }>`SELECT kind FROM mails WHERE customer_id = ${customerId} ORDER BY created_at`.execute(t.db)).rows.map(
        (m) => m.kind,
      );
    clock.advance(2 * day);
    await jobs();
    expect(await mailsOf(quiet.id)).toEqual(['survey_invitation']);
    clock.advance(day + hour); // the default is 3 days
    await jobs();
    expect(await mailsOf(quiet.id)).toEqual(['survey_invitation', 'survey_reminder']);
    clock.advance(5 * day);
    await jobs();
    expect(await mailsOf(quiet.id)).toEqual(['survey_invitation', 'survey_reminder']);
    expect(await mailsOf(answers.id)).toEqual(['survey_invitation']);
  });
});
