// Score links in the demo (docs/score-links.md): two customers get the relationship survey by
// e-mail a few minutes before now. Lena clicks 9 in the mail and closes the page: her click is
// counted as her answer. Omar's company mail scanner fetches all eleven score links within a
// second, rendering each page: nothing counts, and his invitation stays open. Told through the
// functions the answer page, its image and the signals worker call. A second run adds nothing
// (the contact rule refuses the second invitation).
import type { Survey } from '../../contract/surveys.ts';
import type { Db } from '../storage/database.ts';
import { manualClock } from '../domain/core/clock.ts';
import { KeptError } from '../domain/core/errors.ts';
import { openInvitation } from '../domain/signals/answer-page.ts';
import { inviteByHand } from '../domain/signals/invitations.ts';
import { markScoreLinkSeen, recordScoreLinkFetch, settleScoreLinkFetches, type ScoreLinkRun } from '../domain/signals/score-links.ts';
import type { SettingsCache } from '../domain/signals/signal-settings.ts';

const people = [
  { externalId: 'demo-click-lena', name: 'Lena Holm', email: 'lena.holm@example.com', clicks: [9] },
  { externalId: 'demo-click-omar', name: 'Omar Said', email: 'omar.said@example.com', clicks: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] },
];

export async function demoScoreLinks(
  db: Db,
  settings: SettingsCache,
  publicUrl: string,
  workspaceId: string,
  survey: Survey,
  now: Date,
): Promise<ScoreLinkRun | null> {
  const clock = manualClock(new Date(now.getTime() - 5 * 60_000));
  const d = { db, clock, settings, publicUrl };
  let invited = 0;
  for (const p of people) {
    let url: string | null;
    try {
      url = (
        await inviteByHand(
          d,
          workspaceId,
          survey.id,
          { customer: { externalId: p.externalId, name: p.name, email: p.email }, channel: 'email' },
          null,
        )
      ).url;
    } catch (err) {
      if (err instanceof KeptError && err.code === 'conflict') continue; // invited on an earlier run
      throw err;
    }
    if (!url) continue;
    invited++;
    const token = new URL(url).pathname.slice('/s/'.length);
    clock.advance(2 * 60_000);
    for (const score of p.clicks) {
      const opened = await openInvitation(d, token);
      const fetchId = await recordScoreLinkFetch(d, opened, score);
      clock.advance(40);
      if (fetchId) await markScoreLinkSeen(d, token, fetchId);
      clock.advance(40);
    }
  }
  if (!invited) return null;
  clock.set(now);
  return settleScoreLinkFetches(d, 100);
}
