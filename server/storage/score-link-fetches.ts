// Score links fetched from survey mails (docs/score-links.md): one row per GET of a link with a
// score, provisional until the signals worker settles it. Nothing here touches answers or
// rollups: a fetch the worker counts is submitted as an answer through the ordinary path.
import { sql } from 'kysely';
import type { Db } from './database.ts';
import type { ScoreLinkFetchState } from './schema.ts';

export type { ScoreLinkFetchState };

export interface ScoreLinkFetch {
  workspaceId: string;
  id: string;
  invitationId: string;
  score: number;
  fetchedAt: Date;
  seenAt: Date | null;
  state: ScoreLinkFetchState;
}

export async function insertScoreLinkFetch(db: Db, f: Omit<ScoreLinkFetch, 'seenAt' | 'state'>): Promise<void> {
  await db
    .insertInto('score_link_fetches')
    .values({ workspace_id: f.workspaceId, id: f.id, invitation_id: f.invitationId, score: f.score, fetched_at: f.fetchedAt })
    .execute();
}

/** The page of a fetch was rendered by a browser (its image was loaded); false when no such fetch. */
export async function markScoreLinkSeen(db: Db, workspaceId: string, invitationId: string, id: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('score_link_fetches')
    .set({ seen_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('invitation_id', '=', invitationId)
    .where('id', '=', id)
    .where('seen_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** A fetch due to be settled, with whether another score of its invitation was fetched within the window around it. */
export interface DueFetch extends ScoreLinkFetch {
  /** Another score link of the same invitation was fetched within the scanner window, before or after. */
  crowded: boolean;
}

/**
 * Claims (in the caller's transaction, SKIP LOCKED) up to `limit` provisional fetches older than
 * the window, and counting ones left behind by a worker that stopped (older than `staleBefore`).
 */
export async function claimDueFetches(tx: Db, before: Date, staleBefore: Date, windowMs: number, limit: number): Promise<DueFetch[]> {
  const r = await sql<{
    workspace_id: string;
    id: string;
    invitation_id: string;
    score: number;
    fetched_at: Date;
    seen_at: Date | null;
    state: ScoreLinkFetchState;
    crowded: boolean;
  }>`SELECT f.workspace_id, f.id, f.invitation_id, f.score, f.fetched_at, f.seen_at, f.state,
      EXISTS (SELECT 1 FROM score_link_fetches g WHERE g.workspace_id = f.workspace_id AND g.invitation_id = f.invitation_id
        AND g.score <> f.score AND g.fetched_at > f.fetched_at - ${`${windowMs} milliseconds`}::interval
        AND g.fetched_at < f.fetched_at + ${`${windowMs} milliseconds`}::interval) AS crowded
    FROM score_link_fetches f
    WHERE (f.state = 'provisional' AND f.fetched_at <= ${before}) OR (f.state = 'counting' AND f.settled_at <= ${staleBefore})
    ORDER BY f.fetched_at LIMIT ${limit} FOR UPDATE OF f SKIP LOCKED`.execute(tx);
  return r.rows.map((x) => ({
    workspaceId: x.workspace_id,
    id: x.id,
    invitationId: x.invitation_id,
    score: x.score,
    fetchedAt: x.fetched_at,
    seenAt: x.seen_at,
    state: x.state,
    crowded: x.crowded,
  }));
}

export async function settleFetches(
  db: Db,
  workspaceId: string,
  ids: string[],
  state: ScoreLinkFetchState,
  at: Date,
  responseId: string | null = null,
): Promise<void> {
  if (!ids.length) return;
  await db
    .updateTable('score_link_fetches')
    .set({ state, settled_at: at, response_id: responseId })
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
}

/** The fetches of one invitation, in order (for staff and tests). */
export async function listInvitationFetches(db: Db, workspaceId: string, invitationId: string): Promise<ScoreLinkFetch[]> {
  const rows = await db
    .selectFrom('score_link_fetches')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('invitation_id', '=', invitationId)
    .orderBy('fetched_at')
    .orderBy('id')
    .execute();
  return rows.map((x) => ({
    workspaceId: x.workspace_id,
    id: x.id,
    invitationId: x.invitation_id,
    score: x.score,
    fetchedAt: x.fetched_at,
    seenAt: x.seen_at,
    state: x.state,
  }));
}
