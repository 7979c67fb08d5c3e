// The obsession score (seed 000): each quarter every member of staff may answer "From 0 to 10, how
// would you rate your company when it comes to customer obsession? What has to happen to be a
// 10?" Anonymous: the answer is stored without the person (a random id, no time but its quarter);
// that they answered is stored apart, to refuse a second answer. The figure (a mean with Student's
// t interval) shows from `minObsessionAnswers` answers, beside the customers' NPS of the same
// quarter; a "what has to happen" answer can become an improvement.
import { randomUUID } from 'node:crypto';
import type { Obsession, ObsessionAnswerInput, ObsessionImprovementInput } from '../../../contract/learning-people.ts';
import type { Db } from '../../storage/database.ts';
import { insertImprovement } from '../../storage/learning-improvements.ts';
import * as store from '../../storage/learning-obsession.ts';
import { isUuid, uuidv7 } from '../../lib/ids.ts';
import type { Clock } from '../core/clock.ts';
import { KeptError, notFound } from '../core/errors.ts';
import { requireRole, type Principal } from '../core/principal.ts';
import { studentQuantile } from '../signals/distributions.ts';
import { scoreReport } from '../signals/metrics.ts';
import { getImprovement } from './improvements.ts';

/**
 * Fewer answers than this show n only: with 1 or 2 answers anyone could tell a colleague's rating;
 * five is the usual floor of anonymous staff surveys.
 */
export const minObsessionAnswers = 5;

export const quarterOf = (d: Date) => `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;

/** The quarter's first day and the first day after it (UTC). */
export function quarterRange(q: string): { from: Date; to: Date } {
  const year = Number(q.slice(0, 4));
  const k = Number(q.slice(-1)) - 1;
  return { from: new Date(Date.UTC(year, 3 * k, 1)), to: new Date(Date.UTC(year, 3 * k + 3, 1)) };
}

/** Mean of a 0-10 histogram with the 95 % Student t interval (clipped to 0..10); null under the floor. */
export function obsessionFigure(counts: readonly number[]) {
  const n = counts.reduce((a, b) => a + b, 0);
  if (n < minObsessionAnswers) return { n, mean: null, interval: null };
  let sum = 0;
  counts.forEach((c, s) => (sum += c * s));
  const mean = sum / n;
  let ss = 0;
  counts.forEach((c, s) => (ss += c * (s - mean) ** 2));
  const sd = Math.sqrt(ss / (n - 1));
  const half = (studentQuantile(0.05, n - 1) * sd) / Math.sqrt(n);
  return { n, mean, interval: { low: Math.max(0, mean - half), high: Math.min(10, mean + half) } };
}

export async function answerObsession(db: Db, clock: Clock, p: Principal, input: ObsessionAnswerInput): Promise<{ quarter: string }> {
  if (!p.userId) throw new KeptError('forbidden', 'The obsession score is answered by people, not API tokens', { reason: 'people_only' });
  const quarter = quarterOf(clock.now());
  const stored = await db.transaction().execute((tx) =>
    store.insertObsessionAnswer(tx, p.workspaceId, {
      id: randomUUID(),
      quarter,
      userId: p.userId!,
      score: input.score,
      toBeATen: input.toBeATen ?? null,
    }),
  );
  if (!stored)
    throw new KeptError('conflict', `You answered for ${quarter} already; one answer per quarter`, { reason: 'answered_this_quarter' });
  return { quarter };
}

export async function obsessionReport(db: Db, clock: Clock, p: Principal, quarter?: string): Promise<Obsession> {
  const q = quarter ?? quarterOf(clock.now());
  const { from, to } = quarterRange(q);
  const [counts, answered, texts, scores] = await Promise.all([
    store.obsessionCounts(db, p.workspaceId, q),
    p.userId ? store.hasAnswered(db, p.workspaceId, q, p.userId) : false,
    store.toBeATenAnswers(db, p.workspaceId, q),
    scoreReport(db, clock, p.workspaceId, {
      kind: 'nps',
      from: from.toISOString().slice(0, 10),
      to: to.toISOString().slice(0, 10),
      includeHandPicked: false,
    }),
  ]);
  const f = obsessionFigure(counts);
  const shown = f.mean !== null;
  const nps = scores.kinds.find((k) => k.kind === 'nps')?.everyone;
  return {
    quarter: q,
    from: from.toISOString(),
    to: to.toISOString(),
    answered,
    minAnswers: minObsessionAnswers,
    staff: { n: f.n, shown, mean: f.mean, interval: f.interval, counts: shown ? counts : null },
    customers: { n: nps?.n ?? 0, nps: nps?.value ?? null, interval: nps?.interval ?? null, minAnswers: 30 },
    toBeATen: shown ? texts : [],
  };
}

/** A "what has to happen to be a 10" answer becomes an improvement (planned), once. */
export async function improveFromObsession(db: Db, clock: Clock, p: Principal, answerId: string, input: ObsessionImprovementInput) {
  requireRole(p, 'manager');
  const now = clock.now();
  const id = uuidv7(now.getTime());
  await db.transaction().execute(async (tx) => {
    const a = isUuid(answerId) ? await store.findObsessionAnswer(tx, p.workspaceId, answerId, true) : undefined;
    if (!a?.text) throw notFound('The answer');
    if (a.improvementId)
      throw new KeptError('conflict', 'This answer is an improvement already', {
        reason: 'improvement_exists',
        improvementId: a.improvementId,
      });
    await insertImprovement(tx, p.workspaceId, {
      id,
      title: input.title,
      description: `From the staff’s obsession score, ${a.quarter}: “${a.text}”`,
      toldText: {},
      ruleId: null,
      reviewId: null,
      at: now,
      by: p.userId ?? null,
    });
    await store.linkImprovement(tx, p.workspaceId, answerId, id);
  });
  return getImprovement(db, p.workspaceId, id);
}
