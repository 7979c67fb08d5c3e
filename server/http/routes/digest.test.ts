// The weekly digest: subscribing, the preview of a week against hand-made data, and the Monday
// run that mails each subscriber once, on a real database with a fixed clock.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { learningWorld } from '../../../test/learning-kit.ts';
import { manualClock } from '../../domain/core/clock.ts';
import { sendDueDigests } from '../../domain/measurement/digest.ts';
import { analyseNewTexts } from '../../domain/measurement/text-analysis.ts';

let t: TestDatabase;
let w: Awaited<ReturnType<typeof learningWorld>>;
// Wednesday 11 March 2026: "last week" is Monday 2 to Sunday 8 March.
const clock = manualClock(new Date('2026-03-11T09:00:00Z'));

beforeAll(async () => {
  t = await createTestDatabase();
  w = await learningWorld(t.db, clock);
  // 35 NPS answers last week: 20 promoters, 5 passives, 10 detractors: NPS = (20 - 10) / 35 = 28.6 → 29.
  const at = (i: number) => new Date(Date.UTC(2026, 2, 2 + (i % 7), 10)).toISOString();
  for (let i = 0; i < 35; i++) {
    const score = i < 20 ? 10 : i < 25 ? 8 : 3;
    const reason = i === 0 ? 'Wonderful service, the driver was so kind!' : i >= 25 ? 'The delivery was late again.' : 'Fine.';
    await w.answer(score, reason, at(i));
  }
  await analyseNewTexts(t.db, clock);
  await w.as(w.manager, 'POST', '/api/v1/themes/starter');
});
afterAll(() => t.drop());

describe('the weekly digest', () => {
  it('lets a signed-in manager subscribe and stop, and refuses tokens, agents and bad input', async () => {
    expect((await w.as(w.boss, 'GET', '/api/v1/digest/subscription')).body).toEqual({ subscribed: false });
    expect((await w.as(w.boss, 'PUT', '/api/v1/digest/subscription', { subscribed: true })).body).toEqual({ subscribed: true });
    expect((await w.as(w.boss, 'GET', '/api/v1/digest/subscription')).body).toEqual({ subscribed: true });
    expect((await w.as(w.manager, 'PUT', '/api/v1/digest/subscription', { subscribed: true })).status).toBe(403);
    expect((await w.as(w.ana, 'PUT', '/api/v1/digest/subscription', { subscribed: true })).status).toBe(403);
    const bad = await w.as(w.boss, 'PUT', '/api/v1/digest/subscription', { subscribed: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.problems[0].path).toEqual(['subscribed']);
  });

  it('previews a week: the NPS with its interval, the themes and the praise, in plain text and HTML', async () => {
    const r = await w.as(w.manager, 'GET', '/api/v1/digest/preview?week=2026-03-04');
    expect(r.status).toBe(200);
    expect(r.body.week).toBe('2026-03-02');
    expect(r.body.text).toMatch(/NPS: 29 \(95 % interval -?\d+ to \d+\), n = 35/);
    // Ten "delivery was late" and one "driver" (a word of the Delivery theme).
    expect(r.body.text).toContain('Delivery: 11 texts (0 the week before)');
    expect(r.body.text).toContain('- “Wonderful service, the driver was so kind!”\n\n'); // "Fine." is too short to quote
    expect(r.body.html).toContain('<h2');
    expect((await w.as(w.manager, 'GET', '/api/v1/digest/preview?week=last-monday')).status).toBe(400);
    expect((await w.as(w.manager, 'GET', '/api/v1/digest/preview?week=2026-02-30')).status).toBe(400);
  });

  it('mails last week to each subscriber once, on Monday from 07:00 UTC', async () => {
    const mails = async () =>
      (await sql<{ to_address: string; subject: string }>`SELECT to_address, subject FROM mails WHERE kind = 'weekly_digest'`.execute(t.db))
        .rows;
    clock.set('2026-03-09T06:59:00Z');
    expect(await sendDueDigests(t.db, clock, 'http://kept.test')).toBe(0);
    clock.set('2026-03-09T07:30:00Z');
    expect(await sendDueDigests(t.db, clock, 'http://kept.test')).toBe(1);
    expect(await sendDueDigests(t.db, clock, 'http://kept.test')).toBe(0);
    expect(await mails()).toEqual([{ to_address: w.boss.email, subject: expect.stringContaining('2026-03-02') }]);
    clock.set('2026-03-16T08:00:00Z');
    expect(await sendDueDigests(t.db, clock, 'http://kept.test')).toBe(1);
    expect(await mails()).toHaveLength(2);
  });
});
