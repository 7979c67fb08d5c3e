// A group of answers stored together (issue 15): one read and one statement for the group, each
// answer decided on its own (a bad one alone fails, with its named error), a second answer to an
// invitation in the same group decided as it would be from another group, and the rollups equal a
// rebuild from the answers after a concurrent load.
import { sql, type KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, buildToken, buildUser, buildWorkspace, call, event, type TestApp } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { rebuildRollupsIn } from '../../storage/rollup-rebuild.ts';
import { manualClock } from '../core/clock.ts';
import { KeptError } from '../core/errors.ts';
import { storeAnswerGroup } from './answer-group.ts';
import { forgetWebhookSubscriptions } from '../../storage/webhook-queue.ts';
import { uuidv7 } from '../../lib/ids.ts';
import type { AnswerOutcome } from './answer-plan.ts';

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
  const ana = await buildUser(t.db, workspace.id);
  await sql`UPDATE users SET name = 'Ana Lima' WHERE id = ${ana.id}`.execute(t.db);
});
afterAll(() => t.drop());

const api = (method: string, path: string, body?: unknown) => call(app, method, path, { token, body });
let n = 0;
async function survey(name: string) {
  return (await api('POST', '/api/v1/surveys', { kind: 'nps', name, askReason: true })).body as { id: string };
}
async function invitations(surveyId: string, count: number) {
  const out: { id: string; token: string }[] = [];
  for (let i = 0; i < count; i++) {
    const ext = `g-${++n}`;
    const attributes = { plan: ['basic', 'pro'][n % 2]!, region: ['north', 'south', 'east'][n % 3]! };
    const e = await api('POST', '/api/v1/events', event({ type: 'account.opened', customer: { externalId: ext, attributes } }));
    const inv = await api('POST', `/api/v1/surveys/${surveyId}/invitations`, { customerId: e.body.event.customerId, channel: 'link' });
    expect(inv.status).toBe(201);
    out.push({ id: inv.body.id, token: inv.body.url.split('/s/')[1]! });
  }
  return out;
}
const job = (invitationId: string, score: number, reason = 'Ana was quick and kind') => ({
  workspaceId: workspace.id,
  invitationId,
  input: { score, reason, answers: {} },
});
const stored = async (invitationIds: string[]) =>
  (
    await sql<{ invitation_id: string; id: string; score: number }>`SELECT invitation_id, id, score FROM responses
      WHERE workspace_id = ${workspace.id} AND invitation_id = ANY(${invitationIds}::uuid[])`.execute(t.db)
  ).rows;
const jobsFor = async (task: string, keys: string[]) =>
  Number(
    (
      await sql<{
        n: string;
      }>`SELECT count(*) AS n FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks k ON k.id = j.task_id
        WHERE k.identifier = ${task} AND j.key = ANY(${keys}::text[])`.execute(t.db)
    ).rows[0]!.n,
  );

/** The rollups as they stand and as a rebuild from the answers makes them (rolled back). */
async function rollupsAndRebuild() {
  const rows = (db: typeof t.db) =>
    sql<Record<string, unknown>>`SELECT dim, value, day::text, survey_id, hand_picked, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10,
      answered_invited FROM score_rollups WHERE workspace_id = ${workspace.id} ORDER BY 1, 2, 3, 4, 5`.execute(db);
  const before = (await rows(t.db)).rows;
  let rebuilt: Record<string, unknown>[] = [];
  await t.db
    .transaction()
    .execute(async (tx) => {
      await rebuildRollupsIn(tx, workspace.id);
      rebuilt = (await rows(tx)).rows;
      throw new Error('rollback');
    })
    .catch((err: Error) => expect(err.message).toBe('rollback'));
  return { before, rebuilt };
}

describe('a group of answers', () => {
  it('is one read and one statement; the invalid answer in the middle alone fails, with its named error', async () => {
    const s = await survey('Group');
    const invs = await invitations(s.id, 10);
    // The workspace's first answer makes its recovery settings (the locked way), and warms the webhook cache.
    expect(await storeAnswerGroup({ db: t.db, clock }, [job(invs[9]!.id, 9)])).toMatchObject([{ updated: false }]);

    let statements = 0;
    const counting: KyselyPlugin = {
      transformQuery: (a) => (statements++, a.node),
      transformResult: async (a) => a.result,
    };
    const scores = [10, 3, 9, 0, 42, 8, 6, 9, 10];
    const results = await storeAnswerGroup(
      { db: t.db.withPlugin(counting), clock },
      scores.map((score, i) => job(invs[i]!.id, score)),
    );
    expect(statements).toBe(2);

    const bad = results[4];
    expect(bad).toBeInstanceOf(KeptError);
    expect(bad).toMatchObject({ code: 'invalid_input', details: { problems: [{ path: ['score'] }] } });
    const good = results.filter((_, i) => i !== 4) as AnswerOutcome[];
    expect(good.every((r) => !(r instanceof Error) && r.updated === false && r.thankYou)).toBe(true);
    const rows = await stored(invs.slice(0, 9).map((i) => i.id));
    expect(rows.map((r) => r.invitation_id).sort()).toEqual(
      invs
        .slice(0, 9)
        .map((i) => i.id)
        .filter((_, i) => i !== 4)
        .sort(),
    );
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(good.map((r) => r.responseId)));
    const answered = await sql<{ id: string }>`SELECT id FROM invitations WHERE id = ANY(${invs.map((i) => i.id)}::uuid[])
      AND answered_at IS NULL`.execute(t.db);
    expect(answered.rows.map((r) => r.id)).toEqual([invs[4]!.id]);
    // Each stored answer's timeline event; an oops job for each detractor (3, 0, 6); praise checks for the others (they name Ana).
    const events = await sql<{ n: string }>`SELECT count(*) AS n FROM events WHERE workspace_id = ${workspace.id}
      AND type = 'response.created' AND data->>'responseId' = ANY(${good.map((r) => r.responseId)}::text[])`.execute(t.db);
    expect(Number(events.rows[0]!.n)).toBe(8);
    const detractors = good.filter((_, k) => [3, 0, 6].includes(scores.filter((_, i) => i !== 4)[k]!));
    expect(
      await jobsFor(
        'report_oops',
        detractors.map((r) => `oops:response:${r.responseId}`),
      ),
    ).toBe(3);
    expect(
      await jobsFor(
        'recognize_praise',
        good.map((r) => `praise:${r.responseId}`),
      ),
    ).toBe(5);

    // The refused answer took nothing: sent again with a valid score, it is stored.
    const again = await storeAnswerGroup({ db: t.db, clock }, [job(invs[4]!.id, 7)]);
    expect(again).toMatchObject([{ updated: false }]);
    const { before, rebuilt } = await rollupsAndRebuild();
    expect(before).toEqual(rebuilt);
  });

  it("queues a delivery of each stored answer's event for a subscription that names it, re-checked against the subscription as it is now", async () => {
    const s = await survey('Hooked');
    const invs = await invitations(s.id, 4);
    const [listening, disabled, other] = [uuidv7(), uuidv7(), uuidv7()];
    for (const id of [listening, disabled, other]) {
      await sql`INSERT INTO webhook_subscriptions (workspace_id, id, url, secret, event_types, enabled, created_at, updated_at)
        VALUES (${workspace.id}, ${id}, 'https://example.com/hook', 'whsec_x', ${['response.*']}, true, now(), now())`.execute(t.db);
    }
    forgetWebhookSubscriptions(workspace.id);
    // This answer puts all three in the instance's cache of subscriptions...
    await storeAnswerGroup({ db: t.db, clock }, [job(invs[3]!.id, 8)]);
    // ...then another instance disables one and points another at other events: the cache still proposes them.
    await sql`UPDATE webhook_subscriptions SET enabled = false WHERE id = ${disabled}`.execute(t.db);
    await sql`UPDATE webhook_subscriptions SET event_types = ${['order.created']} WHERE id = ${other}`.execute(t.db);
    const results = await storeAnswerGroup({ db: t.db, clock }, [job(invs[0]!.id, 9), job(invs[1]!.id, 2), job(invs[2]!.id, 7)]);
    const ids = (results as AnswerOutcome[]).map((r) => r.responseId);
    const deliveries = await sql<{ subscription_id: string; type: string }>`SELECT d.subscription_id, d.type FROM webhook_deliveries d
      JOIN events e ON e.workspace_id = d.workspace_id AND e.id = d.event_id
      WHERE d.workspace_id = ${workspace.id} AND e.data->>'responseId' = ANY(${ids}::text[])`.execute(t.db);
    expect(deliveries.rows).toEqual(Array.from({ length: 3 }, () => ({ subscription_id: listening, type: 'response.created' })));
    await sql`DELETE FROM webhook_subscriptions WHERE workspace_id = ${workspace.id}`.execute(t.db);
    forgetWebhookSubscriptions(workspace.id);
  });

  it('decides a second answer to an invitation of the same group as one from another group', async () => {
    const s = await survey('Twice');
    const [a, b, c, d] = await invitations(s.id, 4);
    const r = await storeAnswerGroup({ db: t.db, clock }, [job(a!.id, 3), job(b!.id, 9), job(a!.id, 8)]);
    expect(r[0]).toMatchObject({ updated: false });
    // Replaced within the edit window, as a second request would (200, updated).
    expect(r[2]).toEqual({ ...(r[0] as AnswerOutcome), updated: true });
    const sequential = [await call(app, 'POST', '/api/public/answers', { body: { token: d!.token, score: 3 } })];
    sequential.push(await call(app, 'POST', '/api/public/answers', { body: { token: d!.token, score: 8 } }));
    expect(sequential.map((x) => x.status)).toEqual([201, 200]);
    expect(sequential[1]!.body).toMatchObject({ responseId: sequential[0]!.body.responseId, updated: true });
    expect((await stored([a!.id, b!.id])).map((x) => [x.invitation_id, x.score]).sort()).toEqual(
      [
        [a!.id, 8],
        [b!.id, 9],
      ].sort(),
    );

    // After the edit window the invitation is closed: refused in a group with its named error, the neighbour stored.
    clock.advance(25 * 3600_000);
    try {
      const late = await storeAnswerGroup({ db: t.db, clock }, [job(c!.id, 9), job(a!.id, 1)]);
      expect(late[0]).toMatchObject({ updated: false });
      expect(late[1]).toBeInstanceOf(KeptError);
      expect(late[1]).toMatchObject({ code: 'conflict', details: { reason: 'invitation_closed' } });
      const http = await call(app, 'POST', '/api/public/answers', { body: { token: d!.token, score: 1 } });
      expect(http.status).toBe(409);
      expect(http.body.error).toMatchObject({ code: 'conflict', details: { reason: 'invitation_closed' } });
    } finally {
      clock.advance(-25 * 3600_000);
    }
    const { before, rebuilt } = await rollupsAndRebuild();
    expect(before).toEqual(rebuilt);
  });

  it('after a concurrent load through HTTP, stores each answer once and keeps the rollups equal to a rebuild', async () => {
    const s = await survey('Load');
    const invs = await invitations(s.id, 30);
    const requests = [...invs, ...invs.slice(0, 12)].map((inv, i) =>
      call(app, 'POST', '/api/public/answers', { body: { token: inv.token, score: (i * 7) % 11, reason: 'Fine' } }),
    );
    const res = await Promise.all(requests);
    expect(res.filter((r) => r.status === 201)).toHaveLength(30);
    expect(res.filter((r) => r.status === 200)).toHaveLength(12);
    const rows = await stored(invs.map((i) => i.id));
    expect(rows).toHaveLength(30);
    // Each invitation answered twice keeps the answer of its later request.
    const byInvitation = new Map(rows.map((r) => [r.invitation_id, r]));
    for (const [i, r] of res.entries()) expect(byInvitation.get(invs[i % 30]!.id)!.id).toBe(r.body.responseId);
    const { before, rebuilt } = await rollupsAndRebuild();
    expect(before.length).toBeGreaterThan(0);
    expect(before).toEqual(rebuilt);
  });
});
