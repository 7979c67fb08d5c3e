// Outreach to everyone a cause touched: a proactive case each (or their open case joined), linked
// to the cause, acknowledged, one apology each, batch by batch with progress; customers already
// handled are skipped, a second run changes nothing, and the recovery worker carries it to the end.
import pino from 'pino';
import { sql } from 'kysely';
import type { Runner } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, buildToken, buildWorkspace, call, type TestApp } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { startCaseClocks } from '../../jobs/case-clocks.ts';
import { runOutreachBatch } from './cause-outreach.ts';
import { manualClock, systemClock } from '../core/clock.ts';
import { createSettingsCache } from '../signals/signal-settings.ts';

let t: TestDatabase;
let app: TestApp;
let manager: string;
let workspaceId: string;
const clock = manualClock('2026-02-01T09:00:00Z');
const customers = 120;

const order = (who: string, batch: string, day = 10) => ({
  type: 'order.placed',
  customer: { externalId: who, email: `${who}@example.com`, name: who },
  occurredAt: `2026-01-${String(day).padStart(2, '0')}T10:00:00.000Z`,
  source: 'shop',
  data: { batch },
});
const deps = () => ({ db: t.db, clock, settings: createSettingsCache(t.db, clock), publicUrl: 'http://kept.test' });

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db, { clock });
  const ws = await buildWorkspace(t.db);
  workspaceId = ws.id;
  manager = await buildToken(t.db, ws.id, 'manager');
  const events = [
    ...Array.from({ length: customers }, (_, i) => order(`b42-${String(i).padStart(3, '0')}`, 'B-42')),
    order('complained', 'B-42', 9),
    order('open-case', 'B-42', 9),
    order('other', 'B-41'),
  ];
  expect((await call(app, 'POST', '/api/v1/events', { token: manager, body: { events } })).status).toBe(201);
});
afterAll(() => t.drop());

async function openCase(externalId: string, summary: string) {
  const r = await call(app, 'POST', '/api/v1/cases', { token: manager, body: { customer: { externalId }, summary } });
  expect(r.status).toBe(201);
  return r.body.case.id as string;
}
const cause = async (batch: string) =>
  (
    await call(app, 'POST', '/api/v1/causes', {
      token: manager,
      body: {
        title: `Batch ${batch} filled with henna`,
        selector: { eventType: 'order.placed', where: [{ path: 'batch', op: 'eq', value: batch }] },
      },
    })
  ).body.id as string;
const apology =
  'Dear {customerName}, we filled batch B-42 with henna instead of conditioner. That was our mistake; a replacement is on its way.';

describe('outreach to everyone a cause touched', () => {
  it('opens, joins or skips each customer, apologises once each, batch by batch', async () => {
    const causeId = await cause('B-42');
    const complainedCase = await openCase('complained', 'Henna in my conditioner');
    await call(app, 'PATCH', `/api/v1/cases/${complainedCase}`, { token: manager, body: { causeId } });
    const unrelated = await openCase('open-case', 'Parcel late');

    expect((await call(app, 'GET', `/api/v1/causes/${causeId}`, { token: manager })).body).toMatchObject({
      affectedCustomers: customers + 2,
      notLinked: customers + 1,
    });
    let r = await call(app, 'POST', `/api/v1/causes/${causeId}/outreach`, {
      token: manager,
      body: { message: 'We apologise for any inconvenience.' },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.details.problems[0].path).toEqual(['message']);
    expect((await call(app, 'GET', `/api/v1/causes/${causeId}/outreach`, { token: manager })).body.items).toEqual([]);

    clock.advance(3_600_000);
    r = await call(app, 'POST', `/api/v1/causes/${causeId}/outreach`, { token: manager, body: { message: apology, severity: 'high' } });
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ status: 'running', total: customers + 2, processed: 0 });
    const outreachId = r.body.id;
    expect((await call(app, 'POST', `/api/v1/causes/${causeId}/outreach`, { token: manager, body: { message: apology } })).status).toBe(
      409,
    );

    const progress: number[] = [];
    while (await runOutreachBatch(deps(), workspaceId, outreachId)) {
      progress.push((await call(app, 'GET', `/api/v1/causes/${causeId}/outreach/${outreachId}`, { token: manager })).body.processed);
    }
    expect(progress).toEqual([50, 100]);
    const done = (await call(app, 'GET', `/api/v1/causes/${causeId}/outreach/${outreachId}`, { token: manager })).body;
    expect(done).toMatchObject({ status: 'done', processed: 122, opened: 120, joined: 1, skipped: 1, apologised: 121, error: null });

    const made = await sql<{ origin: string; oops_at: Date; cause_id: string; severity: string; steps: string }>`
      SELECT k.origin, k.oops_at, k.cause_id, k.severity, string_agg(s.step, ',' ORDER BY s.at, s.step) AS steps
      FROM cases k JOIN case_steps s ON s.workspace_id = k.workspace_id AND s.case_id = k.id
      WHERE k.origin = 'proactive' GROUP BY k.workspace_id, k.id`.execute(t.db);
    expect(made.rows).toHaveLength(120);
    const created = (await call(app, 'GET', `/api/v1/causes/${causeId}`, { token: manager })).body.createdAt;
    for (const c of made.rows) {
      expect(c).toMatchObject({ cause_id: causeId, severity: 'high', steps: 'acknowledge,apologise' });
      expect(c.oops_at.toISOString()).toBe(created);
    }
    const joined = (await call(app, 'GET', `/api/v1/cases/${unrelated}`, { token: manager })).body;
    expect(joined).toMatchObject({ causeId, nextStep: 'investigate' });
    expect(joined.oopses.map((o: { kind: string }) => o.kind)).toEqual(['manual', 'proactive']);
    expect((await call(app, 'GET', `/api/v1/cases/${complainedCase}`, { token: manager })).body.messages).toHaveLength(0);

    const mails = await sql<{ to_address: string; text: string }>`SELECT to_address, text FROM mails WHERE kind = 'case_message'`.execute(
      t.db,
    );
    expect(mails.rows).toHaveLength(121);
    expect(new Set(mails.rows.map((m) => m.to_address)).size).toBe(121);
    expect(mails.rows.find((m) => m.to_address === 'b42-007@example.com')!.text).toContain('Dear b42-007, we filled batch B-42');

    const affected = (await call(app, 'GET', `/api/v1/causes/${causeId}/customers?limit=200`, { token: manager })).body.items;
    expect(affected.every((a: { caseLinked: boolean; caseNumber: number }) => a.caseLinked && a.caseNumber > 0)).toBe(true);
    expect((await call(app, 'GET', `/api/v1/causes/${causeId}`, { token: manager })).body.notLinked).toBe(0);

    // A second run finds everyone handled and sends nothing.
    r = await call(app, 'POST', `/api/v1/causes/${causeId}/outreach`, { token: manager, body: { message: apology } });
    while (await runOutreachBatch(deps(), workspaceId, r.body.id));
    expect((await call(app, 'GET', `/api/v1/causes/${causeId}/outreach/${r.body.id}`, { token: manager })).body).toMatchObject({
      status: 'done',
      skipped: 122,
      opened: 0,
      apologised: 0,
    });
    expect((await sql`SELECT 1 FROM mails WHERE kind = 'case_message'`.execute(t.db)).rows).toHaveLength(121);
  });

  it('answers 404 for an unknown cause or outreach', async () => {
    const none = '00000000-0000-7000-8000-000000000000';
    expect((await call(app, 'POST', `/api/v1/causes/${none}/outreach`, { token: manager, body: { message: apology } })).status).toBe(404);
    expect((await call(app, 'GET', `/api/v1/causes/${none}/outreach`, { token: manager })).status).toBe(404);
    const causeId = await cause('B-41');
    expect((await call(app, 'GET', `/api/v1/causes/${causeId}/outreach/${none}`, { token: manager })).status).toBe(404);
  });

  it('is carried to the end by the recovery worker', async () => {
    const causeId = await cause('B-41');
    const started = await call(app, 'POST', `/api/v1/causes/${causeId}/outreach`, { token: manager, body: { message: apology } });
    let runner: Runner | undefined;
    try {
      runner = await startCaseClocks({
        db: t.db,
        clock: systemClock,
        url: t.url,
        log: pino({ level: 'silent' }),
        pollIntervalMs: 50,
        settings: createSettingsCache(t.db, systemClock),
        publicUrl: 'http://kept.test',
      });
      const until = performance.now() + 10_000;
      let status = 'running';
      while (status === 'running' && performance.now() < until) {
        await new Promise((r) => setTimeout(r, 100));
        status = (await call(app, 'GET', `/api/v1/causes/${causeId}/outreach/${started.body.id}`, { token: manager })).body.status;
      }
      expect(status).toBe('done');
    } finally {
      await runner?.stop();
    }
  });
});
