// "You said, we did" as a list: newest first, a page at a time by cursor, filtered by status,
// each row with its counts read for the whole page at once; and the export that takes out
// every row, past a page.
import { sql, type KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { learningWorld } from '../../../test/learning-kit.ts';
import { manualClock } from '../../domain/core/clock.ts';
import { listImprovements } from '../../domain/learning/improvements.ts';

let t: TestDatabase;
let w: Awaited<ReturnType<typeof learningWorld>>;
const clock = manualClock(new Date('2026-05-04T09:00:00Z'));
const ids: string[] = []; // oldest first
let doneId: string;
let again: { id: string; caseId: string };

interface Row {
  id: string;
  title: string;
  status: string;
  counts: { raised: number; told: number; bounced: number; notTold: number };
}
const page = async (q: string) => {
  const r = await w.as(w.agentToken, 'GET', `/api/v1/improvements${q}`);
  expect(r.status).toBe(200);
  return r.body as { items: Row[]; nextCursor: string | null };
};

beforeAll(async () => {
  t = await createTestDatabase();
  w = await learningWorld(t.db, clock);
  // Five improvements, a minute apart; the second has three customers' complaints (one of them
  // twice), the fourth one answer and is done.
  for (let n = 1; n <= 5; n++) {
    const feedback =
      n === 2
        ? await Promise.all(
            ['Too slow', 'Slow again', 'Still slow'].map(async (s) => ({ kind: 'complaint', id: (await w.complaint(s)).id })),
          )
        : n === 4
          ? [{ kind: 'answer', id: (await w.answer(3, 'Nobody called back')).id }]
          : [];
    const r = await w.as(w.manager, 'POST', '/api/v1/improvements', {
      title: `Improvement ${n}`,
      toldText: { en: `We did ${n}.` },
      feedback,
    });
    expect(r.status).toBe(201);
    ids.push(r.body.id);
    clock.advance(60_000);
  }
  again = await w.complaint('Slow, and I said so before', { externalId: 'cust-1', email: 'cust1@example.com', name: 'Customer 1' });
  await w.as(w.manager, 'POST', `/api/v1/improvements/${ids[1]}/feedback`, { items: [{ kind: 'complaint', id: again.id }] });
  doneId = ids[3]!;
  expect((await w.as(w.manager, 'POST', `/api/v1/improvements/${doneId}/done`)).status).toBe(200);
});
afterAll(() => t.drop());

describe('GET /api/v1/improvements', () => {
  it('pages newest first by cursor until nextCursor is null', async () => {
    const first = await page('?limit=2');
    expect(first.items.map((i) => i.id)).toEqual([ids[4], ids[3]]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await page(`?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((i) => i.id)).toEqual([ids[2], ids[1]]);
    const third = await page(`?limit=2&cursor=${second.nextCursor}`);
    expect(third.items.map((i) => i.id)).toEqual([ids[0]]);
    expect(third.nextCursor).toBeNull();
    expect((await page('')).items).toHaveLength(5);
  });

  it('gives each row its counts, without its feedback', async () => {
    const { items } = await page('');
    const byId = new Map(items.map((i) => [i.id, i]));
    // Three customers behind four complaints: raised counts customers, not items.
    expect(byId.get(ids[1]!)).toMatchObject({ status: 'planned', counts: { raised: 3, told: 0, bounced: 0, notTold: 0 } });
    expect(byId.get(doneId)).toMatchObject({ status: 'done', counts: { raised: 1, told: 1, bounced: 0, notTold: 0 } });
    expect(byId.get(ids[0]!)).toMatchObject({ counts: { raised: 0, told: 0 } });
    expect(items.every((i) => !('feedback' in i))).toBe(true);
    // The one improvement has it: each customer's words, their name and the case the complaint opened.
    const one = (await w.as(w.agentToken, 'GET', `/api/v1/improvements/${ids[1]}`)).body;
    expect(one.feedback).toHaveLength(4);
    expect(one.feedback).toContainEqual(
      expect.objectContaining({ kind: 'complaint', words: 'Slow, and I said so before', customerName: 'Customer 1', caseId: again.caseId }),
    );
  });

  it('filters by status', async () => {
    expect((await page('?status=done')).items.map((i) => i.id)).toEqual([doneId]);
    const planned = await page('?status=planned&limit=3');
    expect(planned.items.map((i) => i.id)).toEqual([ids[4], ids[2], ids[1]]);
    expect((await page(`?status=planned&limit=3&cursor=${planned.nextCursor}`)).items.map((i) => i.id)).toEqual([ids[0]]);
  });

  it('refuses a cursor it did not give out, a bad limit and an unknown status, by name', async () => {
    for (const q of ['?cursor=nonsense', `?cursor=${Buffer.from('{"at":"x"}').toString('base64url')}`]) {
      const r = await w.as(w.agentToken, 'GET', `/api/v1/improvements${q}`);
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'invalid_input', details: { problems: [{ path: ['cursor'] }] } });
    }
    for (const q of ['?limit=0', '?limit=201', '?status=someday']) {
      const r = await w.as(w.agentToken, 'GET', `/api/v1/improvements${q}`);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('invalid_input');
    }
  });

  it('reads a page and all its counts in two statements, however many rows', async () => {
    let statements = 0;
    const counter: KyselyPlugin = {
      transformQuery: (args) => {
        statements++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const r = await listImprovements(t.db.withPlugin(counter), w.wsId, { limit: 50 });
    expect(r.items).toHaveLength(5);
    expect(statements).toBe(2);
  });
});

describe('the export of improvements', () => {
  it('takes out every row with its counts, past a page, and keeps the status filter', async () => {
    // 200 more, older than the five: the export reads 200 rows a page.
    await sql`INSERT INTO improvements (workspace_id, id, title, told_text, status, created_at)
      SELECT ${w.wsId}::uuid, gen_random_uuid(), 'Older ' || n, '{}'::jsonb, 'planned', ${new Date('2026-01-01T00:00:00Z')}::timestamptz + n * interval '1 minute'
      FROM generate_series(1, 200) AS n`.execute(t.db);
    const r = await w.as(w.manager, 'GET', '/api/v1/exports/improvements?format=jsonl');
    expect(r.status).toBe(200);
    const rows = r.text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Row);
    expect(rows).toHaveLength(205);
    expect(new Set(rows.map((x) => x.id)).size).toBe(205);
    expect(rows.slice(0, 5).map((x) => x.id)).toEqual([...ids].reverse());
    expect(rows.at(-1)).toMatchObject({ title: 'Older 1', counts: { raised: 0 } });
    expect(rows.find((x) => x.id === ids[1])!.counts).toEqual({ raised: 3, told: 0, bounced: 0, notTold: 0 });
    const csv = await w.as(w.manager, 'GET', '/api/v1/exports/improvements?status=done');
    const [header, ...lines] = csv.text.trimEnd().split('\n');
    expect(header).toBe(
      'id,title,description,toldText,status,ruleId,reviewId,createdAt,doneAt,counts.raised,counts.told,counts.bounced,counts.notTold',
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^${doneId},Improvement 4,.*,done,.*,1,1,0,0$`));
    expect((await w.as(w.manager, 'GET', '/api/v1/exports/improvements?status=later')).status).toBe(400);
    expect((await w.as(w.agentToken, 'GET', '/api/v1/exports/improvements')).status).toBe(403);
  });
});
