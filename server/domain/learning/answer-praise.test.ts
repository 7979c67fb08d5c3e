// Praise checks in batches (issue 15): the answers of a batch are read in one statement and the
// staff directory once; only an answer that names someone takes a transaction and records kudos.
import { sql, type KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, buildToken, buildUser, buildWorkspace, call, event, type TestApp } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { systemClock } from '../core/clock.ts';
import { recognizePraiseBatch } from './answer-praise.ts';

let t: TestDatabase;
let app: TestApp;
let token: string;
let workspace: { id: string; slug: string };
let surveyId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db, { config: { publicUrl: 'http://kept.test' } });
  workspace = await buildWorkspace(t.db);
  token = await buildToken(t.db, workspace.id, 'manager');
  const zoe = await buildUser(t.db, workspace.id);
  await sql`UPDATE users SET name = 'Zoë Park' WHERE id = ${zoe.id}`.execute(t.db);
  surveyId = (await call(app, 'POST', '/api/v1/surveys', { token, body: { kind: 'nps', name: 'Praise', askReason: true } })).body.id;
});
afterAll(() => t.drop());

let n = 0;
async function answer(score: number, reason: string): Promise<string> {
  const ext = `p-${++n}`;
  const e = await call(app, 'POST', '/api/v1/events', { token, body: event({ type: 'account.opened', customer: { externalId: ext } }) });
  const inv = await call(app, 'POST', `/api/v1/surveys/${surveyId}/invitations`, {
    token,
    body: { customerId: e.body.event.customerId, channel: 'link' },
  });
  const r = await call(app, 'POST', '/api/public/answers', { body: { token: inv.body.url.split('/s/')[1], score, reason } });
  expect(r.status).toBe(201);
  return r.body.responseId;
}
const kudos = async (ids: string[]) =>
  (await sql<{ source_id: string }>`SELECT source_id FROM kudos WHERE source_id = ANY(${ids}::uuid[])`.execute(t.db)).rows.map(
    (r) => r.source_id,
  );

describe('praise checks in a batch', () => {
  it('reads the batch in two statements, and records kudos only for the answer naming someone', async () => {
    const plain = [await answer(9, 'Quick delivery'), await answer(10, 'Friendly driver')];
    let statements = 0;
    const counting: KyselyPlugin = { transformQuery: (a) => (statements++, a.node), transformResult: async (a) => a.result };
    const db = t.db.withPlugin(counting);
    const missing = '01900000-0000-7000-8000-0000000000aa';
    expect(await recognizePraiseBatch({ db, clock: systemClock }, workspace.id, [...plain, missing])).toEqual([0, 0, 0]);
    expect(statements).toBe(2);

    const named = await answer(10, 'Zoë sorted my refund in ten minutes, thank you!');
    const again = await recognizePraiseBatch({ db: t.db, clock: systemClock }, workspace.id, [plain[0]!, named, plain[1]!]);
    expect(again).toEqual([0, 1, 0]);
    expect(await kudos([...plain, named])).toEqual([named]);
    // A retried check finds the kudos there and records nothing again.
    expect(await recognizePraiseBatch({ db: t.db, clock: systemClock }, workspace.id, [named])).toEqual([0]);
  });

  it('queues a check only for an answer whose words could name someone on the staff, including a person added a moment ago', async () => {
    const queued = async (id: string) =>
      Number(
        (
          await sql<{
            n: string;
          }>`SELECT count(*) AS n FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks k ON k.id = j.task_id
            WHERE k.identifier = 'recognize_praise' AND j.payload->>'responseId' = ${id}`.execute(t.db)
        ).rows[0]!.n,
      );
    expect(await queued(await answer(10, 'Quick delivery, friendly driver'))).toBe(0);
    expect(await queued(await answer(10, 'ZOE was lovely'))).toBe(1);
    expect(await queued(await answer(3, 'Zoë never called back'))).toBe(0); // a detractor praises nobody
    const ines = await buildUser(t.db, workspace.id);
    await sql`UPDATE users SET name = 'Inès Duval' WHERE id = ${ines.id}`.execute(t.db);
    expect(await queued(await answer(9, 'Ines explained everything'))).toBe(1);
  });
});
