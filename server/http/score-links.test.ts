// Score links from survey mails over HTTP with a manual clock (docs/score-links.md): a GET of a
// score link is a provisional click, never an answer by itself; the signals worker counts it once
// the scanner window has passed, if a browser rendered the page and no other score of the same
// invitation was fetched around it. The whole story against a started Kept and Chromium is in
// e2e/score-links.e2e.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Survey } from '../../contract/surveys.ts';
import { buildApp, buildWorkspace, type TestApp } from '../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { manualClock } from '../domain/core/clock.ts';
import { inviteByHand } from '../domain/signals/invitations.ts';
import { settleScoreLinkFetches } from '../domain/signals/score-links.ts';
import { createSettingsCache, type SignalDeps } from '../domain/signals/signal-settings.ts';
import { createSurvey } from '../domain/signals/surveys.ts';
import { scoreLinkScannerWindowMs } from '../domain/signals/thresholds.ts';

const publicUrl = 'https://kept.test';
let t: TestDatabase;
let app: TestApp;
let d: SignalDeps;
let ws: string;
let nps: Survey;
const clock = manualClock('2026-04-07T08:00:00Z');
let n = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db, { clock, config: { publicUrl } });
  d = { db: t.db, clock, settings: createSettingsCache(t.db, clock), publicUrl };
  ws = (await buildWorkspace(t.db)).id;
  nps = await createSurvey(t.db, clock, ws, {
    kind: 'nps',
    name: 'Mail NPS',
    askReason: true,
    questions: [],
    texts: {},
    defaultLocale: 'en',
    brand: {},
    samplePercent: 100,
  });
});
afterAll(() => t.drop());

async function invite() {
  const inv = await inviteByHand(d, ws, nps.id, { customer: { externalId: `sl-${++n}`, name: 'Ann' }, channel: 'link' }, null);
  return { path: new URL(inv.url!).pathname, id: inv.id, customerId: inv.customerId };
}

/** A GET of a score link; `render` also loads the page's image, as a browser does. */
async function click(path: string, score: number, o: { render?: boolean; method?: string; headers?: Record<string, string> } = {}) {
  const res = await app.request(`${path}?score=${score}`, { method: o.method ?? 'GET', headers: o.headers });
  const html = await res.text();
  const image = /<img class="vh" src="([^"]+)"/.exec(html)?.[1];
  if (o.render !== false && image) expect((await app.request(new URL(image, `http://x${path}`).pathname)).status).toBe(200);
  return { status: res.status, html, image };
}

const settle = () => settleScoreLinkFetches(d, 100);
const afterWindow = async () => {
  clock.advance(scoreLinkScannerWindowMs + 1);
  return settle();
};
const answers = (invitationId: string) => t.db.selectFrom('responses').selectAll().where('invitation_id', '=', invitationId).execute();
/** Answers from invitations in the score rollups (what the dashboards count). */
const rollupTotal = async () => {
  const r = await t.db
    .selectFrom('score_rollups')
    .select((eb) => eb.fn.sum<string>('answered_invited').as('answered'))
    .where('workspace_id', '=', ws)
    .where('dim', '=', '')
    .executeTakeFirst();
  return Number(r?.answered ?? 0);
};
const fetches = (invitationId: string) =>
  t.db
    .selectFrom('score_link_fetches')
    .select(['score', 'state'])
    .where('invitation_id', '=', invitationId)
    .orderBy('fetched_at')
    .execute();

describe('score links in survey mails', () => {
  it('counts one click, after the scanner window, as the answer with that score', async () => {
    const inv = await invite();
    const before = await rollupTotal();
    const page = await click(inv.path, 2);
    expect(page.status).toBe(200);
    expect(page.html).toContain('your score is noted');
    expect(page.html).toMatch(/name="score" value="2" required checked/);
    // Provisional: no answer, no rollup, nothing on the timeline, until the window has passed.
    clock.advance(scoreLinkScannerWindowMs - 1000);
    expect(await settle()).toMatchObject({ counted: 0 });
    expect(await answers(inv.id)).toEqual([]);
    expect(await rollupTotal()).toBe(before);
    expect(await afterWindow()).toMatchObject({ counted: 1, scanner: 0 });
    const [a] = await answers(inv.id);
    expect(a).toMatchObject({ score: 2, channel: 'link' });
    expect(await rollupTotal()).toBe(before + 1);
    expect(await fetches(inv.id)).toEqual([{ score: 2, state: 'counted' }]);
    // Settling again counts nothing twice.
    expect(await afterWindow()).toMatchObject({ counted: 0 });
    expect(await answers(inv.id)).toHaveLength(1);
  });

  it('counts nothing of a scanner that fetched all eleven links within a second, even one that renders the pages', async () => {
    const inv = await invite();
    const before = await rollupTotal();
    for (let s = 0; s <= 10; s++) {
      await click(inv.path, s); // the per-link rate limit answers 429 to the last ones; those are not recorded at all
      clock.advance(80);
    }
    expect(await afterWindow()).toMatchObject({ counted: 0 });
    expect(await answers(inv.id)).toEqual([]);
    expect(await rollupTotal()).toBe(before);
    const states = await fetches(inv.id);
    expect(states.length).toBeGreaterThanOrEqual(2);
    expect(new Set(states.map((f) => f.state))).toEqual(new Set(['scanner']));
  });

  it('counts nothing when no browser rendered the page (a link checker that only fetches)', async () => {
    const inv = await invite();
    await click(inv.path, 0, { render: false });
    expect(await afterWindow()).toMatchObject({ counted: 0, unconfirmed: 1 });
    expect(await answers(inv.id)).toEqual([]);
  });

  it('records nothing for HEAD or a prefetch, and the page of a HEAD has no image', async () => {
    const inv = await invite();
    expect((await app.request(`${inv.path}?score=4`, { method: 'HEAD' })).status).toBe(200);
    await click(inv.path, 4, { headers: { 'Sec-Purpose': 'prefetch' } });
    await click(inv.path, 4, { headers: { Purpose: 'prefetch' } });
    expect(await fetches(inv.id)).toEqual([]);
  });

  it('lets the customer’s own submission replace the click, before or after it counted', async () => {
    // Before: the person clicks 3, then sends 8 with a comment within the window; the click never counts.
    const early = await invite();
    await click(early.path, 3);
    const sent = await app.request(early.path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ score: '8', reason: 'Changed my mind', locale: 'en' }).toString(),
    });
    expect(sent.status).toBe(200);
    expect(await afterWindow()).toMatchObject({ counted: 0, superseded: 1 });
    expect((await answers(early.id)).map((a) => [a.score, a.reason])).toEqual([[8, 'Changed my mind']]);

    // After: the click on 5 counted; a later submission of 6 with a comment replaces it.
    const late = await invite();
    await click(late.path, 5);
    await afterWindow();
    const page = await click(late.path, 5);
    expect(page.image).toBeUndefined(); // answered already: a new click records nothing; the page changes the answer
    await app.request(late.path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ score: '6', reason: 'Slow delivery', locale: 'en' }).toString(),
    });
    expect((await answers(late.id)).map((a) => [a.score, a.reason])).toEqual([[6, 'Slow delivery']]);
  });

  it('counts the last of a person’s repeated clicks on the same score once', async () => {
    const inv = await invite();
    await click(inv.path, 9);
    clock.advance(2000);
    await click(inv.path, 9);
    expect(await afterWindow()).toMatchObject({ counted: 1, superseded: 1 });
    expect(await answers(inv.id)).toHaveLength(1);
  });

  it('answers the same pixel for a forged image URL and changes nothing', async () => {
    const inv = await invite();
    await click(inv.path, 7, { render: false });
    const forged = await app.request(`${inv.path}/seen/00000000-0000-7000-8000-000000000000.gif`);
    expect(forged.status).toBe(200);
    expect(forged.headers.get('content-type')).toBe('image/gif');
    expect((await app.request(`/s/not-a-token/seen/x.gif`)).status).toBe(200);
    expect(await afterWindow()).toMatchObject({ counted: 0, unconfirmed: 1 });
  });
});
