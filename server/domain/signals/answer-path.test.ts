// The answer path of issue 15: rollup changes appended as deltas and folded later, with every
// reader (the score_rollups view, the dashboard) exact before and after the fold; and the one
// statement that locks and reads, which must still see an answer committed while it waited.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, buildToken, buildWorkspace, call, event, type TestApp } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { rebuildRollups } from '../../storage/rollup-rebuild.ts';
import { manualClock } from '../core/clock.ts';
import { foldRollups } from './rollup-fold.ts';

let t: TestDatabase;
let app: TestApp;
let token: string;
let workspace: { id: string; slug: string };
const clock = manualClock('2026-03-01T09:00:00Z');

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db, { clock, config: { publicUrl: 'http://kept.test' } });
  workspace = await buildWorkspace(t.db);
  token = await buildToken(t.db, workspace.id, 'manager');
});
afterAll(() => t.drop());

const api = (method: string, path: string, body?: unknown) => call(app, method, path, { token, body });
let n = 0;
async function invitations(surveyId: string, count: number, attrs: Record<string, string> = {}) {
  const out: { id: string; token: string }[] = [];
  for (let i = 0; i < count; i++) {
    const ext = `p-${++n}`;
    const e = await api(
      'POST',
      '/api/v1/events',
      event({ type: 'account.opened', customer: { externalId: ext, email: `${ext}@example.com`, attributes: attrs } }),
    );
    const inv = await api('POST', `/api/v1/surveys/${surveyId}/invitations`, { customerId: e.body.event.customerId, channel: 'link' });
    expect(inv.status).toBe(201);
    out.push({ id: inv.body.id, token: inv.body.url.split('/s/')[1]! });
  }
  return out;
}
const answer = (tok: string, score: number) => call(app, 'POST', '/api/public/answers', { body: { token: tok, score } });
const view = async () =>
  (
    await sql`SELECT dim, value, day::text, survey_id, hand_picked, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, invited, answered_invited
      FROM score_rollups WHERE workspace_id = ${workspace.id} ORDER BY 1, 2, 3, 4, 5`.execute(t.db)
  ).rows;
const deltas = async () =>
  Number(
    (await sql<{ n: string }>`SELECT count(*) AS n FROM score_rollup_deltas WHERE workspace_id = ${workspace.id}`.execute(t.db)).rows[0]!.n,
  );
const scores = async () => (await api('GET', '/api/v1/metrics/scores?from=2026-02-01&to=2026-03-31')).body;

describe('rollups as deltas', () => {
  it('reads the same before and after the fold, and equal to a rebuild from the answers', async () => {
    const s = (await api('POST', '/api/v1/surveys', { kind: 'nps', name: 'Deltas' })).body as { id: string };
    const invs = await invitations(s.id, 6, { plan: 'pro' });
    const answered = await Promise.all(invs.map((inv, i) => answer(inv.token, [10, 9, 3, 0, 7, 9][i]!)));
    expect(answered.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect((await answer(invs[2]!.token, 8)).body).toMatchObject({ updated: true });
    expect(await deltas()).toBeGreaterThan(0);
    const before = await view();
    const dashboard = await scores();
    expect(before.find((r: any) => r.dim === '' && r.survey_id === s.id)).toMatchObject({
      s0: 1,
      s7: 1,
      s8: 1,
      s9: 2,
      s10: 1,
      invited: 6,
      answered_invited: 6,
    });

    expect(await foldRollups(t.db)).toBeGreaterThan(0);
    expect(await deltas()).toBe(0);
    expect(await view()).toEqual(before);
    expect(await scores()).toEqual(dashboard);
    // Folding again finds nothing; a rebuild gives the same rows, with no deltas left.
    expect(await foldRollups(t.db)).toBe(0);
    await answer(invs[3]!.token, 6);
    await rebuildRollups(t.db, workspace.id);
    expect(await deltas()).toBe(0);
    expect((await view()).find((r: any) => r.dim === '' && r.survey_id === s.id)).toMatchObject({ s0: 0, s6: 1, s7: 1, s8: 1 });
  });
});

describe('the answer that arrives while another holds the invitation', () => {
  it('sees the answer committed while it waited for the lock, and changes it rather than adding a second', async () => {
    const s = (await api('POST', '/api/v1/surveys', { kind: 'nps', name: 'Race' })).body as { id: string };
    const [inv] = await invitations(s.id, 1);
    const inv1 = inv!;
    const row = (await sql<{ customer_id: string }>`SELECT customer_id FROM invitations WHERE id = ${inv1.id}`.execute(t.db)).rows[0]!;
    const otherId = '01900000-0000-7000-8000-000000000001';
    let second: Promise<Awaited<ReturnType<typeof answer>>> | undefined;
    await t.db.transaction().execute(async (tx) => {
      // Another instance answers the same invitation and holds its lock until COMMIT.
      await sql`SELECT 1 FROM invitations WHERE workspace_id = ${workspace.id} AND id = ${inv1.id} FOR UPDATE`.execute(tx);
      await sql`INSERT INTO responses (workspace_id, id, survey_id, customer_id, invitation_id, kind, score, channel, hand_picked,
          answered_at, received_at, updated_at, closes_at, source)
        VALUES (${workspace.id}, ${otherId}, ${s.id}, ${row.customer_id}, ${inv1.id}, 'nps', 9, 'link', false, ${clock.now()}, ${clock.now()},
          ${clock.now()}, ${new Date(clock.now().getTime() + 86_400_000)}, 'kept')`.execute(tx);
      await sql`UPDATE invitations SET answered_at = ${clock.now()} WHERE id = ${inv1.id}`.execute(tx);
      second = answer(inv1.token, 2);
      const waited = await Promise.race([second.then(() => 'answered'), new Promise((r) => setTimeout(() => r('waiting'), 300))]);
      expect(waited).toBe('waiting');
    });
    const r = await second!;
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ responseId: otherId, updated: true });
    const stored = (
      await sql<{ id: string; score: number }>`SELECT id, score FROM responses WHERE invitation_id = ${inv1.id}`.execute(t.db)
    ).rows;
    expect(stored).toEqual([{ id: otherId, score: 2 }]);
  });
});
