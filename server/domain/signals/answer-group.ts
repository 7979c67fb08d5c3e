// Storing a group of concurrent answers (one workspace, distinct invitations) the fast way: one
// unlocked read for the whole group (storage/answer-context.ts), each answer checked on its own in
// JavaScript (answer-plan.ts), then ONE autocommitted statement that writes every new answer with
// its invitation's answered state, timeline event, webhook deliveries, rollup deltas, oops job and
// praise check (storage/answer-group.ts): two round trips and one COMMIT for the group, where the
// locked transaction takes eight. The statement re-checks each invitation as it marks it answered;
// what it cannot take goes to the locked transaction (answer-transaction.ts), which decides it
// exactly as before: changed answers, refusals (their named errors), a workspace's first answer,
// and any invitation answered or changed between the read and the write.
import { readAnswerContext } from '../../storage/answer-context.ts';
import type { Db } from '../../storage/database.ts';
import { writeNewAnswers } from '../../storage/answer-group.ts';
import type { Clock } from '../core/clock.ts';
import { voiceOf } from '../core/company-profile.ts';
import { planAnswers, type AnswerJob, type AnswerOutcome } from './answer-plan.ts';
import { refusal } from './answers.ts';
import { storeAnswersLocked } from './answer-transaction.ts';

/** PostgreSQL's deadlock_detected: the statement wrote nothing; the locked path takes its answers in id order. */
const deadlock = (err: unknown) => (err as { code?: string } | null)?.code === '40P01';

export async function storeAnswerGroup(d: { db: Db; clock: Clock }, jobs: AnswerJob[]): Promise<(AnswerOutcome | Error)[]> {
  const now = d.clock.now();
  const workspaceId = jobs[0]!.workspaceId;
  const ctx = await readAnswerContext(
    d.db,
    workspaceId,
    jobs.map((j) => j.invitationId),
  );
  const settings = ctx.recoverySettings;
  // The workspace's first answer makes its recovery settings: the locked transaction does that.
  if (!settings) return storeAnswersLocked(d, jobs);
  const results: (AnswerOutcome | Error)[] = new Array(jobs.length);
  const fresh: number[] = [];
  const locked: number[] = [];
  /** A second answer to an invitation of the group: decided after the first commits, as from another group. */
  const after: number[] = [];
  const seen = new Set<string>();
  jobs.forEach((j, i) => {
    if (seen.has(j.invitationId)) return after.push(i);
    seen.add(j.invitationId);
    const inv = ctx.invitations.get(j.invitationId);
    const ok = inv && !inv.answeredAt && !refusal(inv, ctx.surveys.get(inv.surveyId), undefined, now);
    (ok ? fresh : locked).push(i);
  });
  if (fresh.length) {
    const thresholds = { nps: settings.npsMax, csat: settings.csatMax, ces: settings.cesMax };
    const company = voiceOf(workspaceId, ctx.companyProfile, ctx.workspace);
    const plan = planAnswers(
      fresh.map((i) => jobs[i]!),
      ctx,
      { workspaceId, now, thresholds, company },
    );
    let stored = new Set<string>();
    try {
      stored = await writeNewAnswers(d.db, workspaceId, {
        responses: plan.inserts,
        events: plan.events.map((e) => ({ ...e, responseId: e.data.responseId as string })),
        oopses: plan.oopses.map((o) => ({
          responseId: o.ref!.responseId as string,
          key: o.dedupeKey,
          report: { ...o, occurredAt: o.occurredAt.toISOString() },
        })),
        praise: plan.praise,
        at: now,
      });
    } catch (err) {
      if (!deadlock(err)) throw err;
    }
    fresh.forEach((i, k) => {
      const out = plan.outcomes[k]!;
      // An answer's own problem (its scale, its questions) is settled here; an answer the
      // statement did not store is decided again under the lock.
      if (out instanceof Error || stored.has(jobs[i]!.invitationId)) results[i] = out;
      else locked.push(i);
    });
  }
  if (locked.length) {
    const again = await storeAnswersLocked(
      d,
      locked.map((i) => jobs[i]!),
    );
    locked.forEach((i, k) => (results[i] = again[k]!));
  }
  for (const i of after) results[i] = (await storeAnswersLocked(d, [jobs[i]!]))[0]!;
  return results;
}
