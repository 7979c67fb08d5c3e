import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../server/domain/core/clock.ts';
import { createSurvey } from '../../server/domain/signals/surveys.ts';
import { cliAgainst } from '../../test/cli.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { buildWorkspace } from '../../test/factories.ts';

let t: TestDatabase;
let dir: string;
const kept = cliAgainst(() => t.url);

beforeAll(async () => {
  t = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'kept-import-responses-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await t.drop();
});

const survey = (workspaceId: string, kind: 'nps' | 'csat') =>
  createSurvey(t.db, systemClock, workspaceId, {
    kind,
    name: `Old ${kind}`,
    askReason: true,
    questions: [],
    texts: {},
    defaultLocale: 'en',
    brand: {},
    samplePercent: 100,
  });

describe('kept import responses', () => {
  it('loads answers, reports each bad line by number, stores nothing twice, and its rollups match a rebuild', async () => {
    const ws = await buildWorkspace(t.db);
    const nps = await survey(ws.id, 'nps');
    const csat = await survey(ws.id, 'csat');
    const lines = [
      {
        surveyId: nps.id,
        customer: { externalId: 'r-1', attributes: { plan: 'pro' } },
        score: 9,
        reason: 'Great',
        answeredAt: '2025-05-01T10:00:00Z',
      },
      { surveyId: csat.id, customer: { email: 'r2@example.com' }, score: 9, answeredAt: '2025-05-01T10:00:00Z' },
      { surveyId: nps.id, customer: { externalId: 'r-3' }, score: 2, answeredAt: '2025-05-02T10:00:00Z' },
      { surveyId: '00000000-0000-7000-8000-000000000000', customer: { externalId: 'r-4' }, score: 5, answeredAt: '2025-05-02T10:00:00Z' },
    ];
    const path = join(dir, 'answers.jsonl');
    await writeFile(path, lines.map((l) => JSON.stringify(l)).join('\n') + '\nnot json\n');
    const r = await kept('import', 'responses', path, '--workspace', ws.slug);
    expect(r.code).toBe(2);
    expect(r.out).toContain('5 lines read, 2 stored, 0 duplicates (already there), 3 rejected');
    expect(r.err).toContain('line 2: score: must be from 1 to 5 for this survey');
    expect(r.err).toContain('line 4: surveyId: is not a survey of this workspace');
    expect(r.err).toMatch(/line 5: /);
    const again = await kept('import', 'responses', path, '--workspace', ws.slug);
    expect(again.out).toContain('0 stored, 2 duplicates');
    const before = await sql`SELECT * FROM score_rollups WHERE workspace_id = ${ws.id} ORDER BY dim, day, value`.execute(t.db);
    expect(before.rows.length).toBe(3); // everyone on two days, plus plan=pro
    const rebuilt = await kept('rollups', 'rebuild', '--workspace', ws.slug);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.out).toMatch(/Rebuilt the score rollups of workspace "[^"]+": 3 rows/);
    const after = await sql`SELECT * FROM score_rollups WHERE workspace_id = ${ws.id} ORDER BY dim, day, value`.execute(t.db);
    expect(after.rows).toEqual(before.rows);
  });

  it('refuses a missing file and bad flags with usage', async () => {
    expect((await kept('import', 'responses', join(dir, 'nope.jsonl'))).code).toBe(1);
    expect((await kept('import', 'responses')).code).toBe(2);
    expect((await kept('rollups', 'rebuild', '--everything')).code).toBe(2);
  });
});
