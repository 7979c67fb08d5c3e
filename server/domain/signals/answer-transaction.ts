// The careful way to store a group of answers: one transaction that locks the invitations (in id
// order) before it reads them, so an answer given meanwhile by another group or instance is seen
// and changed rather than overwritten. answer-submission.ts sends here what its one statement
// cannot take: changed answers, refused ones (their named errors decided under the lock), a
// workspace's first answer (its recovery settings are made), and any answer whose invitation
// changed between the group's read and its write.
import type { Db } from '../../storage/database.ts';
import { insertEvents } from '../../storage/events.ts';
import { lockAnswerContext } from '../../storage/answer-context.ts';
import * as store from '../../storage/responses.ts';
import { appendRollupDeltas } from '../../storage/rollup-deltas.ts';
import type { Clock } from '../core/clock.ts';
import { voiceOf } from '../core/company-profile.ts';
import { answerThresholds, queueOopsReports } from '../recovery/cases.ts';
import { queuePraiseChecks } from '../learning/answer-praise.ts';
import { planAnswers, type AnswerJob, type AnswerOutcome } from './answer-plan.ts';

/**
 * Stores answers to distinct invitations of one workspace in one transaction: the invitations are
 * locked, each answer is checked on its own (a bad one gets its error, the others are stored),
 * and the new answers, changed answers, timeline events and rollup changes are written with a
 * few statements for the whole group.
 */
export async function storeAnswersLocked(d: { db: Db; clock: Clock }, jobs: AnswerJob[]): Promise<(AnswerOutcome | Error)[]> {
  const now = d.clock.now();
  const workspaceId = jobs[0]!.workspaceId;
  return d.db.transaction().execute(async (tx) => {
    // One statement reads what the group needs (storage/answer-context.ts); a second only for
    // invitations answered before (a changed answer), and one more the first time a workspace answers.
    const ctx = await lockAnswerContext(
      tx,
      workspaceId,
      jobs.map((j) => j.invitationId),
    );
    const settings = ctx.recoverySettings;
    const thresholds = settings
      ? { nps: settings.npsMax, csat: settings.csatMax, ces: settings.cesMax }
      : await answerThresholds(tx, workspaceId, now);
    const company = voiceOf(workspaceId, ctx.companyProfile, ctx.workspace);
    const plan = planAnswers(jobs, ctx, { workspaceId, now, thresholds, company });
    await store.insertAnswers(tx, workspaceId, plan.inserts, now);
    for (const { id, ...u } of plan.updates) await store.updateResponseAnswer(tx, workspaceId, id, u);
    await insertEvents(tx, workspaceId, plan.events, now);
    await appendRollupDeltas(tx, workspaceId, plan.changes);
    // In the same transaction, the promise of a case: the recovery worker opens it moments later,
    // with its clock starting at the answer.
    await queueOopsReports(tx, d.clock, workspaceId, plan.oopses);
    await queuePraiseChecks(tx, d.clock, workspaceId, plan.praise);
    return plan.outcomes;
  });
}
