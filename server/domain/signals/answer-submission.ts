// Submitting an answer from the answer page, the widget or the API: checked, stored (or replacing
// the customer's earlier one within the edit window) with its timeline event, rollup change and,
// for a low score, the oops that opens a recovery case, all committed together. Concurrent answers
// are gathered into groups (group commit, core/group-commit.ts) and each group is stored by one
// statement (answer-group.ts), or by one locked transaction for what that statement cannot take
// (answer-transaction.ts). Each request is answered after its group's COMMIT.
import type { AnswerInput } from '../../../contract/answers.ts';
import type { Db } from '../../storage/database.ts';
import { KeptError } from '../core/errors.ts';
import { createGroupCommit } from '../core/group-commit.ts';
import { storeAnswerGroup } from './answer-group.ts';
import type { AnswerJob, AnswerOutcome } from './answer-plan.ts';
import { verifiedLink } from './answers.ts';
import type { SignalDeps } from './signal-settings.ts';

export type { AnswerOutcome } from './answer-plan.ts';

/** Answers a group may hold, and groups stored at once (each holds a connection while it runs). */
export const answerGroupLimits = { maxItems: 200, maxInFlight: 4 };

/** One group-commit queue per database pool and clock (core/group-commit.ts). */
const answerQueues = new WeakMap<Db, WeakMap<object, ReturnType<typeof createGroupCommit<AnswerJob, AnswerOutcome>>>>();

function answerQueue(d: SignalDeps) {
  let byClock = answerQueues.get(d.db);
  if (!byClock) answerQueues.set(d.db, (byClock = new WeakMap()));
  let queue = byClock.get(d.clock);
  if (!queue) {
    queue = createGroupCommit<AnswerJob, AnswerOutcome>({
      ...answerGroupLimits,
      group: (j) => j.workspaceId,
      // Two answers to one invitation never share a group: the second is decided after the first commits.
      key: (j) => j.invitationId,
      run: (jobs) => storeAnswerGroup(d, jobs),
    });
    byClock.set(d.clock, queue);
  }
  return queue;
}

/**
 * Stores a customer's answer to an invitation, or replaces their earlier one within 24 hours.
 * Concurrent answers share a statement (group commit); each is answered after its COMMIT.
 */
export async function submitAnswer(d: SignalDeps, token: string, input: AnswerInput): Promise<AnswerOutcome> {
  if (input.website) throw new KeptError('forbidden', 'This answer looks automated and was refused.', { reason: 'bot' });
  const link = await verifiedLink(d, token);
  return answerQueue(d).submit({ workspaceId: link.workspaceId, invitationId: link.id, input });
}

/**
 * A score link's click, counted by the signals worker (signals/score-links.ts): the same path as an
 * answer from the page, but it never replaces an answer the customer gave meanwhile (`skipped`).
 */
export function submitCountedClick(d: SignalDeps, workspaceId: string, invitationId: string, score: number): Promise<AnswerOutcome> {
  return answerQueue(d).submit({ workspaceId, invitationId, input: { score, answers: {} }, onlyIfUnanswered: true });
}
