// What customers talk about, through the API on a real database: texts analysed once, starter
// themes, each theme's figures against a hand count, suggestions, curation, drill-down, bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { learningWorld } from '../../../test/learning-kit.ts';
import { manualClock } from '../../domain/core/clock.ts';
import { analyseNewTexts } from '../../domain/measurement/text-analysis.ts';

let t: TestDatabase;
let w: Awaited<ReturnType<typeof learningWorld>>;
const clock = manualClock(new Date('2026-03-10T09:00:00Z'));
type ThemeItem = {
  id: string;
  name: string;
  terms: string[];
  mentions: number;
  negativeShare: { value: number | null };
  nps: { n: number };
};
const report = async (q = '') => (await w.as(w.agentToken, 'GET', `/api/v1/themes${q}`)).body as { texts: number; items: ThemeItem[] };
const theme = async (name: string) => (await report()).items.find((i) => i.name === name)!;

// Six answers and three complaints; hand count: Delivery is mentioned by 5 texts (answers 1, 2, 3,
// complaint fr "livraison", complaint de "Lieferung"), 4 of them negative; 3 NPS answers mention it.
beforeAll(async () => {
  t = await createTestDatabase();
  w = await learningWorld(t.db, clock);
  await w.answer(2, 'The delivery was late and the box was damaged.');
  await w.answer(3, 'Terrible delivery, the courier never rang.');
  await w.answer(10, 'Fast delivery, lovely driver, thank you!');
  await w.answer(4, 'My warranty claim was ignored.');
  await w.answer(5, 'Nobody explains the warranty terms, awful.');
  await w.answer(9, 'Great products.');
  await w.complaint(
    'La livraison est arrivée en retard et le colis était cassé.',
    { locale: 'fr' },
    { occurredAt: clock.now().toISOString() },
  );
  await w.complaint('Die Lieferung kam kaputt an, sehr ärgerlich.', { locale: 'de' }, { occurredAt: clock.now().toISOString() });
  await w.complaint('Question about my warranty: the invoice is wrong.', {}, { occurredAt: clock.now().toISOString() });
});
afterAll(() => t.drop());

describe('text analysis', () => {
  it('analyses each text once and then has nothing left to read', async () => {
    expect(await analyseNewTexts(t.db, clock)).toBeGreaterThanOrEqual(9);
    expect(await analyseNewTexts(t.db, clock)).toBe(0);
    expect((await report()).texts).toBeGreaterThanOrEqual(9);
  });
});

describe('themes', () => {
  it('starts with the common themes once, and counts Delivery as a hand count does', async () => {
    expect((await w.as(w.manager, 'POST', '/api/v1/themes/starter')).body.added).toBe(10);
    expect((await w.as(w.manager, 'POST', '/api/v1/themes/starter')).body.added).toBe(0);
    const delivery = await theme('Delivery');
    expect(delivery.mentions).toBe(5);
    expect(delivery.nps.n).toBe(3);
    expect(delivery.negativeShare.value).toBeNull(); // below 30 mentions: no share is claimed
    const r = await w.as(w.agentToken, 'GET', `/api/v1/themes/${delivery.id}/texts?limit=50`);
    expect(r.body.items).toHaveLength(5);
    expect(r.body.items.filter((i: { label: string }) => i.label === 'negative')).toHaveLength(4);
  });

  it('suggests a term many texts use that no theme holds, and names a theme from it', async () => {
    const suggestions = (await w.as(w.agentToken, 'GET', '/api/v1/themes/suggestions')).body.items as { term: string; mentions: number }[];
    expect(suggestions).toContainEqual(expect.objectContaining({ term: 'warranty', mentions: 3 }));
    expect(suggestions.map((s) => s.term)).not.toContain('terrible'); // words of feeling are not topics
    const created = await w.as(w.manager, 'POST', '/api/v1/themes', { name: 'Warranty', words: ['warranty', 'Garantie'] });
    expect(created.status).toBe(201);
    expect((await theme('Warranty')).mentions).toBe(3);
    const after = (await w.as(w.agentToken, 'GET', '/api/v1/themes/suggestions')).body.items as { term: string }[];
    expect(after.map((s) => s.term)).not.toContain('warranty');
  });

  it('merges, splits, pins and deletes', async () => {
    const billing = await theme('Billing');
    const refunds = await theme('Refunds');
    const merged = await w.as(w.manager, 'PATCH', `/api/v1/themes/${billing.id}`, { pinned: true });
    expect(merged.body.pinned).toBe(true);
    const m = await w.as(w.manager, 'POST', `/api/v1/themes/${billing.id}/merge`, { themeIds: [refunds.id] });
    expect(m.body.terms).toEqual(expect.arrayContaining(['refund', 'invoice']));
    expect((await report()).items.map((i) => i.name)).not.toContain('Refunds');
    expect((await report()).items[0]!.name).toBe('Billing'); // pinned first
    const s = await w.as(w.manager, 'POST', `/api/v1/themes/${billing.id}/split`, {
      name: 'Money back',
      terms: ['refund', 'remboursement'],
    });
    expect(s.status).toBe(201);
    expect(s.body.kept.terms).not.toContain('refund');
    expect(s.body.created.terms).toEqual(['refund', 'remboursement']);
    expect((await w.as(w.manager, 'DELETE', `/api/v1/themes/${s.body.created.id}`)).status).toBe(204);
    expect((await w.as(w.manager, 'DELETE', `/api/v1/themes/${s.body.created.id}`)).status).toBe(404);
  });

  it('pages the texts behind a theme with a cursor, each once', async () => {
    const delivery = await theme('Delivery');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const page = (await w.as(w.agentToken, 'GET', `/api/v1/themes/${delivery.id}/texts?limit=2${q}`)).body;
      seen.push(...page.items.map((i: { sourceId: string }) => i.sourceId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });

  it('feeds rule suggestions: a theme sharing a term with a rule’s phrases suggests the rule in its other languages', async () => {
    const rule = await w.as(w.manager, 'POST', '/api/v1/rules', {
      name: 'Restocking fee',
      text: 'Opened items cost a 15 % fee.',
      phrases: ['restocking fee'],
    });
    expect(rule.status).toBe(201);
    // "frais" is none of the rule's phrases, but the common theme "Price and fees" holds "fee" and "frais".
    const c = await w.complaint('Les frais de retour sont scandaleux.', {}, { occurredAt: clock.now().toISOString() });
    const suggested = (await w.as(w.ana, 'GET', `/api/v1/rules/suggestions?kind=complaint&id=${c.id}`)).body.items;
    expect(suggested).toEqual([{ ruleId: rule.body.id, name: 'Restocking fee', matched: ['theme “Price and fees”'] }]);
    // The rule's own phrase still wins when it is there.
    const d = await w.complaint('The restocking fee is absurd.', {}, { occurredAt: clock.now().toISOString() });
    expect((await w.as(w.ana, 'GET', `/api/v1/rules/suggestions?kind=complaint&id=${d.id}`)).body.items[0].matched).toEqual([
      'restocking fee',
    ]);
    // A text about something else suggests nothing.
    const e = await w.complaint('The courier was rude.', {}, { occurredAt: clock.now().toISOString() });
    expect((await w.as(w.ana, 'GET', `/api/v1/rules/suggestions?kind=complaint&id=${e.id}`)).body.items).toEqual([]);
  });

  it('refuses bad input with named errors and stores nothing', async () => {
    const before = (await report()).items.length;
    const empty = await w.as(w.manager, 'POST', '/api/v1/themes', { name: 'X', words: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.problems[0].path).toEqual(['words']);
    const taken = await w.as(w.manager, 'POST', '/api/v1/themes', { name: 'delivery', words: ['parcel'] });
    expect(taken.status).toBe(409);
    expect(taken.body.error.details.reason).toBe('theme_name_taken');
    expect((await w.as(w.agentToken, 'POST', '/api/v1/themes', { name: 'Y', words: ['y-word'] })).status).toBe(403);
    const backwards = await w.as(w.agentToken, 'GET', '/api/v1/themes?from=2026-03-01T00:00:00Z&to=2026-02-01T00:00:00Z');
    expect(backwards.status).toBe(400);
    expect((await w.as(w.agentToken, 'GET', '/api/v1/themes?from=yesterday')).status).toBe(400);
    const delivery = await theme('Delivery');
    const split = await w.as(w.manager, 'POST', `/api/v1/themes/${delivery.id}/split`, { name: 'Z', terms: ['not-a-term-of-it'] });
    expect(split.status).toBe(400);
    expect((await w.as(w.manager, 'POST', `/api/v1/themes/${delivery.id}/merge`, { themeIds: [delivery.id] })).status).toBe(400);
    expect((await w.as(w.agentToken, 'GET', `/api/v1/themes/${delivery.id}/texts?cursor=garbage`)).status).toBe(400);
    expect((await w.as(w.agentToken, 'GET', '/api/v1/themes/01900000-0000-7000-8000-000000000000/texts')).status).toBe(404);
    expect((await report()).items.length).toBe(before);
  });
});
