// A crash under answers: customers answer invitations from 16 clients (a third detractors), then
// Kept, its embedded PostgreSQL and every backend are killed with SIGKILL at once. After a restart
// on the same data directory, every answer whose request was acknowledged is stored once with the
// id the answer gave, the score rollups equal a rebuild from the answers, and every acknowledged
// detractor's oops is reported (its case opened or joined) after the restart: the oops job was
// committed with the answer, so the crash cannot lose it, and the jobs the killed worker had
// locked are unlocked at the restart instead of four hours later.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signLink } from '../server/domain/signals/links.ts';
import { embeddedDatabaseUrl, keptCli, startKeptProcess, type KeptProcess } from './process.ts';

const clients = 16;
const loadMs = 1500;

interface Sent {
  invitationId: string;
  score: number;
  status?: number;
  responseId?: string;
}

/** A workspace with an NPS survey and `count` sent invitations to 40 customers, as signed tokens. */
async function invitations(db: pg.Client, count: number): Promise<{ workspaceId: string; invitations: { id: string; token: string }[] }> {
  const ws = (await db.query<{ id: string }>(`SELECT id FROM workspaces ORDER BY created_at LIMIT 1`)).rows[0]!.id;
  await db.query(
    `INSERT INTO customers (workspace_id, id, external_id, email, name, created_at, updated_at)
     SELECT $1, gen_random_uuid(), 'a-' || i, 'a-' || i || '@example.com', 'Customer ' || i, now(), now() FROM generate_series(1, 40) i`,
    [ws],
  );
  const survey = (
    await db.query<{ id: string }>(
      `INSERT INTO surveys (workspace_id, id, kind, name, created_at, updated_at) VALUES ($1, gen_random_uuid(), 'nps', 'Crash NPS', now(), now()) RETURNING id`,
      [ws],
    )
  ).rows[0]!.id;
  await db.query(
    `INSERT INTO signal_settings (workspace_id, link_secret, widget_secret, updated_at) VALUES ($1, $2, $3, now()) ON CONFLICT DO NOTHING`,
    [ws, randomBytes(32), randomBytes(32).toString('base64url')],
  );
  const secret = (await db.query<{ link_secret: Buffer }>('SELECT link_secret FROM signal_settings WHERE workspace_id = $1', [ws])).rows[0]!
    .link_secret;
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO invitations (workspace_id, id, survey_id, customer_id, channel, origin, hand_picked, status, send_at, sent_at, expires_at, created_at)
     SELECT $1, gen_random_uuid(), $2, c.id, 'link', 'sample', false, 'sent', now(), now(), now() + interval '14 days', now()
     FROM (SELECT id FROM customers WHERE workspace_id = $1) c, generate_series(1, ceil($3::numeric / 40)::int) g LIMIT $3 RETURNING id`,
    [ws, survey, count],
  );
  return { workspaceId: ws, invitations: rows.map((r) => ({ id: r.id, token: signLink(secret, 'invitation', ws, r.id) })) };
}

describe('a crash of Kept and its embedded PostgreSQL under answers', () => {
  let dataDir: string;
  let kept: KeptProcess | undefined;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kept-crash-answers-'));
  });
  afterAll(async () => {
    await kept?.stop().catch(() => {});
    await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('keeps every acknowledged answer once, rollups equal to a rebuild, and every acknowledged detractor’s oops', async () => {
    kept = await startKeptProcess({ dataDir, env: { KEPT_PUBLIC_RATE_LIMIT: '100000000' } });
    await keptCli(['token', 'create', '--name', 'crash-test', '--role', 'agent'], dataDir); // makes the workspace
    const url = embeddedDatabaseUrl(dataDir);
    const setup = new pg.Client({ connectionString: url });
    await setup.connect();
    const { workspaceId, invitations: invs } = await invitations(setup, 20_000);
    await setup.end();

    const sent: Sent[] = [];
    let killing = false;
    let next = 0;
    const client = async () => {
      while (!killing && next < invs.length) {
        const inv = invs[next++]!;
        const score = Math.random() < 1 / 3 ? Math.floor(Math.random() * 7) : 9;
        const s: Sent = { invitationId: inv.id, score };
        sent.push(s);
        try {
          const res = await fetch(`${kept!.url}/api/public/answers`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ token: inv.token, score }),
          });
          s.status = res.status;
          s.responseId = ((await res.json().catch(() => ({}))) as { responseId?: string }).responseId;
        } catch {
          s.status = 0;
        }
      }
    };
    const load = Promise.all(Array.from({ length: clients }, () => client()));
    // Under load until enough answers are acknowledged (a busy machine is slow), then the crash.
    const start = Date.now();
    while (Date.now() - start < loadMs || (sent.filter((s) => s.status === 201).length < 40 && Date.now() - start < 30_000)) {
      await new Promise((r) => setTimeout(r, 100));
    }
    killing = true;
    await kept.crash();
    await load;

    kept = await startKeptProcess({ dataDir, env: { KEPT_LOG_LEVEL: 'debug' } });
    expect(kept.output(), 'PostgreSQL recovered from its WAL').toMatch(/not properly shut down|automatic recovery in progress/);
    const after = embeddedDatabaseUrl(dataDir); // the restarted PostgreSQL listens on a new port
    const db = new pg.Client({ connectionString: after });
    await db.connect();
    try {
      const acked = sent.filter((s) => s.status === 201);
      expect(acked.length, `statuses: ${[...new Set(sent.map((s) => s.status))].join(', ')}`).toBeGreaterThanOrEqual(40);
      const stored = new Map(
        (
          await db.query<{ invitation_id: string; id: string; score: number }>(
            'SELECT invitation_id, id, score FROM responses WHERE workspace_id = $1',
            [workspaceId],
          )
        ).rows.map((r) => [r.invitation_id, r]),
      );
      for (const s of acked)
        expect(stored.get(s.invitationId), `answer to ${s.invitationId}`).toMatchObject({ id: s.responseId, score: s.score });

      // The oopses queued by acknowledged detractors' answers: all reported once the worker runs,
      // those whose jobs the killed worker had locked (running, or waiting in its local queue)
      // too: the restarted instance unlocks a dead worker's jobs at start rather than after
      // graphile-worker's four-hour lock timeout (domain/core/job-workers.ts).
      const detractors = [...stored.values()].filter((r) => r.score <= 6).map((r) => `response:${r.id}`);
      const reported = async () =>
        Number(
          (await db.query(`SELECT count(*) AS n FROM oopses WHERE workspace_id = $1 AND dedupe_key = ANY($2)`, [workspaceId, detractors]))
            .rows[0].n,
        );
      let seen = await reported();
      for (const t0 = Date.now(); seen < detractors.length && Date.now() - t0 < 90_000; seen = await reported()) {
        await new Promise((r) => setTimeout(r, 200));
      }
      const locked = await db.query(`SELECT key, locked_by FROM graphile_worker.jobs WHERE key = ANY($1)`, [
        detractors.map((k) => `oops:${k}`),
      ]);
      expect(seen, `still queued: ${JSON.stringify(locked.rows.slice(0, 5))}`).toBe(detractors.length);
      // (Its jobs, when it held any at the kill; otherwise only its workers are forgotten.)
      expect(kept.output(), 'the killed worker was seen as stopped at the restart').toMatch(
        /jobs of stopped workers unlocked|workers of a stopped Kept forgotten/,
      );

      // Rollups (answer counts) equal a rebuild from the answers, computed and rolled back.
      const counts = `SELECT dim, value, day::text AS day, survey_id, hand_picked, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, answered_invited
        FROM score_rollups WHERE workspace_id = $1 AND s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7 + s8 + s9 + s10 > 0 ORDER BY 1, 2, 3, 4, 5`;
      const incremental = (await db.query(counts, [workspaceId])).rows;
      expect(incremental.length).toBeGreaterThan(0);
      const rebuilt = await rebuiltRollups(after, workspaceId, counts);
      expect(rebuilt).toEqual(incremental);
    } finally {
      await db.end();
    }
  }, 240_000);
});

async function rebuiltRollups(url: string, workspaceId: string, counts: string): Promise<unknown[]> {
  const { openDatabase } = await import('../server/storage/database.ts');
  const { rebuildRollupsIn } = await import('../server/storage/rollup-rebuild.ts');
  const { sql } = await import('kysely');
  const { db } = openDatabase({ url, poolSize: 1 });
  let rows: unknown[] = [];
  const rollback = new Error('rollback');
  try {
    await db.transaction().execute(async (tx) => {
      await rebuildRollupsIn(tx, workspaceId);
      rows = (await sql.raw(counts.replace('$1', `'${workspaceId}'`)).execute(tx)).rows;
      throw rollback;
    });
  } catch (err) {
    if (err !== rollback) throw err;
  } finally {
    await db.destroy();
  }
  return rows;
}
