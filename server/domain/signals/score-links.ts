// A click on a score in a survey mail counts; a mail scanner fetching every link does not
// (docs/score-links.md). A GET of /s/TOKEN?score=N records a provisional fetch and the page it
// shows carries a 1-pixel image whose URL names that fetch. The signals worker settles each fetch
// once the scanner window has passed:
//   another score of the same invitation fetched within the window -> scanner (nothing counts)
//   the page's image never loaded (no browser rendered it)           -> unconfirmed (nothing counts)
//   otherwise                                                          -> counted: submitted as the
//     customer's answer through the ordinary path (answer-submission), unless they answered meanwhile
// A provisional fetch is never an answer: the responses, the rollups, the timeline and the cases
// see a click only once it is counted.
import { uuidv7 } from '../../lib/ids.ts';
import * as store from '../../storage/score-link-fetches.ts';
import { KeptError } from '../core/errors.ts';
import { submitCountedClick } from './answer-submission.ts';
import type { OpenedInvitation } from './answer-page.ts';
import { verifiedLink } from './answers.ts';
import type { SignalDeps } from './signal-settings.ts';
import { scoreLinkScannerWindowMs, scoreLinkStaleCountingMs } from './thresholds.ts';

export type { ScoreLinkFetch } from '../../storage/score-link-fetches.ts';

/**
 * Records the GET of a score link for an opened invitation; returns the fetch's id for the page's
 * image, or undefined when nothing is recorded (the invitation is answered already: the page lets
 * the customer change the answer instead).
 */
export async function recordScoreLinkFetch(d: SignalDeps, o: OpenedInvitation, score: number): Promise<string | undefined> {
  if (o.response) return undefined;
  const now = d.clock.now();
  const id = uuidv7(now.getTime());
  await store.insertScoreLinkFetch(d.db, { workspaceId: o.workspaceId, id, invitationId: o.invitation.id, score, fetchedAt: now });
  return id;
}

/** The page of a fetch was rendered (its image loaded). A wrong token or fetch changes nothing and says nothing. */
export async function markScoreLinkSeen(d: SignalDeps, token: string, fetchId: string): Promise<void> {
  let link;
  try {
    link = await verifiedLink(d, token);
  } catch {
    return;
  }
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(fetchId)) return;
  await store.markScoreLinkSeen(d.db, link.workspaceId, link.id, fetchId, d.clock.now());
}

export interface ScoreLinkRun {
  counted: number;
  scanner: number;
  unconfirmed: number;
  superseded: number;
  refused: number;
}

/** One pass of the signals worker: settles up to `limit` fetches whose window has passed. */
export async function settleScoreLinkFetches(d: SignalDeps, limit: number): Promise<ScoreLinkRun> {
  const now = d.clock.now();
  const run: ScoreLinkRun = { counted: 0, scanner: 0, unconfirmed: 0, superseded: 0, refused: 0 };
  // First, in one transaction: the fetches that cannot count are settled, and of the rest the
  // newest per invitation is marked counting (the others of that invitation are superseded by it).
  const toCount = await d.db.transaction().execute(async (tx) => {
    const due = await store.claimDueFetches(
      tx,
      new Date(now.getTime() - scoreLinkScannerWindowMs),
      new Date(now.getTime() - scoreLinkStaleCountingMs),
      scoreLinkScannerWindowMs,
      limit,
    );
    const settle = async (f: store.DueFetch, state: store.ScoreLinkFetchState) => {
      await store.settleFetches(tx, f.workspaceId, [f.id], state, now);
      if (state !== 'counting') run[state as keyof ScoreLinkRun]++;
    };
    const newest = new Map<string, store.DueFetch>();
    for (const f of due) {
      if (f.crowded) await settle(f, 'scanner');
      else if (!f.seenAt) await settle(f, 'unconfirmed');
      else {
        const key = `${f.workspaceId}/${f.invitationId}`;
        const before = newest.get(key);
        if (before) await settle(before, 'superseded');
        newest.set(key, f);
      }
    }
    for (const f of newest.values()) await settle(f, 'counting');
    return [...newest.values()];
  });
  // Then each is submitted as an answer, the ordinary way (one transaction per group commit).
  await Promise.all(
    toCount.map(async (f) => {
      let state: store.ScoreLinkFetchState = 'counted';
      let responseId: string | null = null;
      try {
        const r = await submitCountedClick(d, f.workspaceId, f.invitationId, f.score);
        if (r.skipped) state = 'superseded';
        else responseId = r.responseId;
      } catch (err) {
        if (!(err instanceof KeptError)) throw err;
        state = 'refused'; // the link expired, the survey ended, or the score no longer fits it
      }
      await store.settleFetches(d.db, f.workspaceId, [f.id], state, d.clock.now(), responseId);
      run[state as keyof ScoreLinkRun]++;
    }),
  );
  return run;
}
