// Answers through the public endpoint (POST /api/public/answers), as the widget and custom
// answer pages send them: each request answers a fresh invitation, so every one stores an
// answer, a timeline event and its rollup changes; the 20 % that are detractors also queue an
// oops, and Kept's recovery worker opens their cases meanwhile, on the same cores. Invitations are made with SQL beforehand
// (sent, to 10,000 customers with two attributes) and their links signed the way Kept signs them.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { signLink } from '../server/domain/signals/links.ts';
import type { Client } from './http.ts';
import { runLoad, type LoadResult } from './load.ts';

export const answerWorkspace = 'bench-answers';
const customers = 10_000;

/** `count` fresh, sent invitations to an NPS survey, as signed tokens. */
export async function prepareInvitations(db: pg.Client, workspaceId: string, count: number): Promise<string[]> {
  await db.query(
    `INSERT INTO customers (workspace_id, id, external_id, email, name, created_at, updated_at, attributes)
     SELECT $1, gen_random_uuid(), 'a-' || i, 'a-' || i || '@example.com', 'Customer ' || i, now(), now(),
            jsonb_build_object('plan', (ARRAY['basic','plus','pro'])[1 + i % 3], 'region', (ARRAY['north','south','east','west'])[1 + i % 4])
     FROM generate_series(1, $2) AS i ON CONFLICT DO NOTHING`,
    [workspaceId, customers],
  );
  await db.query(
    `INSERT INTO surveys (workspace_id, id, kind, name, created_at, updated_at)
     SELECT $1, gen_random_uuid(), 'nps', 'Bench NPS', now(), now()
     WHERE NOT EXISTS (SELECT 1 FROM surveys WHERE workspace_id = $1 AND name = 'Bench NPS')`,
    [workspaceId],
  );
  const { rows: s } = await db.query<{ id: string }>(`SELECT id FROM surveys WHERE workspace_id = $1 AND name = 'Bench NPS'`, [
    workspaceId,
  ]);
  await db.query(
    `INSERT INTO signal_settings (workspace_id, link_secret, widget_secret, updated_at) VALUES ($1, $2, $3, now()) ON CONFLICT DO NOTHING`,
    [workspaceId, randomBytes(32), randomBytes(32).toString('base64url')],
  );
  const { rows: settings } = await db.query<{ link_secret: Buffer }>('SELECT link_secret FROM signal_settings WHERE workspace_id = $1', [
    workspaceId,
  ]);
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO invitations (workspace_id, id, survey_id, customer_id, channel, origin, hand_picked, status, send_at, sent_at, expires_at, created_at)
     SELECT $1, gen_random_uuid(), $2, c.id, 'link', 'sample', false, 'sent', now(), now(), now() + interval '14 days', now()
     FROM (SELECT id FROM customers WHERE workspace_id = $1 ORDER BY random() LIMIT $3) c,
          generate_series(1, ceil($4::numeric / $3)::int) AS g
     LIMIT $4
     RETURNING id`,
    [workspaceId, s[0]!.id, customers, count],
  );
  return rows.map((r) => signLink(settings[0]!.link_secret, 'invitation', workspaceId, r.id));
}

export function postAnswers(client: Client, tokens: string[], opts: { clients: number; maxMs: number }): Promise<LoadResult> {
  let next = 0;
  return runLoad(client, { ...opts, maxRequests: tokens.length }, () => ({
    method: 'POST',
    path: '/api/public/answers',
    body: { token: tokens[next++]!, score: npsScore(Math.random()), reason: 'Quick delivery, friendly driver' },
    events: 1,
  }));
}

/** A plausible NPS mix: 20 % detractors (0-6, each of which opens a recovery case), 30 % passives, 50 % promoters. */
export function npsScore(x: number): number {
  if (x < 0.2) return Math.floor((x / 0.2) * 7);
  if (x < 0.5) return 7 + Math.floor(((x - 0.2) / 0.3) * 2);
  return 9 + Math.floor(((x - 0.5) / 0.5) * 2);
}
