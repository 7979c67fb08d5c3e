// Cases waiting on the customer close themselves. A case whose required steps are done or skipped
// and that waits only for the follow-up answer closes when the answer arrives, or after the
// workspace's waiting days (recovery settings, 14 by default) without one. Each close is one
// transaction on the locked case, recorded on the timeline as case.closed with its reason.
import { cancelClock } from '../../storage/case-clocks.ts';
import { stepsOf } from '../../storage/case-steps.ts';
import * as store from '../../storage/cases.ts';
import type { Db } from '../../storage/database.ts';
import { insertEvents } from '../../storage/events.ts';
import { dueWaitingCases, type WaitingCase } from '../../storage/waiting-cases.ts';
import type { Clock } from '../core/clock.ts';
import { caseEvent } from './case-events.ts';
import { missingRequired } from './playbook.ts';
import { recoverySettingsOf } from './recovery-settings.ts';

/** How many cases one pass looks at; the next pass takes the rest. */
const batch = 100;

export type AutoCloseReason = 'follow_up_answered' | 'no_answer';

/** Closes the waiting cases that are due; answers how many closed, by reason. */
export async function closeWaitingCases(d: { db: Db; clock: Clock }): Promise<Record<AutoCloseReason, number>> {
  const closed = { follow_up_answered: 0, no_answer: 0 };
  const now = d.clock.now();
  for (const w of await dueWaitingCases(d.db, now, batch)) {
    const reason = await closeOne(d.db, w, now);
    if (reason) closed[reason]++;
  }
  return closed;
}

async function closeOne(db: Db, w: WaitingCase, now: Date): Promise<AutoCloseReason | undefined> {
  return db.transaction().execute(async (tx) => {
    const c = await store.findCase(tx, w.workspaceId, w.caseId, true);
    if (!c || c.status !== 'open') return undefined;
    const settings = await recoverySettingsOf(tx, w.workspaceId, now);
    const taken = (await stepsOf(tx, w.workspaceId, [c.id])).get(c.id) ?? [];
    // Still short of a required step: the case is not waiting on the customer but on the team.
    if (missingRequired(settings.requiredSteps, taken).length) return undefined;
    const reason: AutoCloseReason = w.answeredAt ? 'follow_up_answered' : 'no_answer';
    await store.updateCase(tx, c.workspaceId, c.id, { status: 'closed', closedAt: now, closedBy: null });
    await cancelClock(tx, c.id);
    await insertEvents(
      tx,
      c.workspaceId,
      [
        caseEvent(c, 'case.closed', now, {
          note: null,
          recovered: !!c.recoveredAt,
          hoursSinceOops: Math.round(((now.getTime() - c.oopsAt.getTime()) / 3_600_000) * 10) / 10,
          byUserId: null,
          reason,
          invitationId: w.invitationId,
          responseId: w.responseId,
          score: w.score,
          ...(reason === 'no_answer' ? { waitedDays: w.waitingCloseDays } : {}),
        }),
      ],
      now,
    );
    return reason;
  });
}
