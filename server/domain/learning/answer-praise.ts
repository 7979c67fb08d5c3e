// Praise in a customer's own answer: the answer's transaction queues a check (cheap, pure test
// first), and the recovery worker runs it moments later (recognizeQueuedPraise).
import { z } from 'zod';
import type { SurveyKind } from '../../../contract/surveys.ts';
import type { Db } from '../../storage/database.ts';
import { answerForPraise, answersForPraise, enqueuePraiseChecks, staffDirectory } from '../../storage/learning-kudos.ts';
import type { Clock } from '../core/clock.ts';
import { createGroupCommit } from '../core/group-commit.ts';
import { scoreSignal } from './praise.ts';
import { mentionsOf, recognizeIn, type PraiseSource, type RecognitionDeps } from './recognition.ts';

/** Whether an answer could hold praise: words, and a score that is not negative. */
export function mayPraise(a: { kind: SurveyKind; score: number; reason: string | null; answers: Record<string, string> }): boolean {
  if (scoreSignal(a.kind, a.score) === 'negative') return false;
  return Boolean(a.reason?.trim()) || Object.values(a.answers).some((v) => v.trim());
}

export async function queuePraiseChecks(tx: Db, clock: Clock, workspaceId: string, responseIds: string[]): Promise<void> {
  await enqueuePraiseChecks(tx, workspaceId, responseIds, clock.now());
}

const payloadSchema = z.object({ workspaceId: z.uuid(), responseId: z.uuid() });

type PraiseAnswer = NonNullable<Awaited<ReturnType<typeof answerForPraise>>>;

const sourceOf = (a: PraiseAnswer): PraiseSource => ({
  kind: 'answer',
  id: a.id,
  customerId: a.customerId,
  text: [a.reason ?? '', ...Object.values(a.answers)].filter(Boolean).join('\n'),
  surveyKind: a.kind,
  score: a.score,
  picks: Object.values(a.answers),
});

/** The worker's side of queuePraiseChecks: the answer as it is now (it may have been changed). */
export async function recognizeQueuedPraise(d: RecognitionDeps, payload: unknown): Promise<number> {
  const p = payloadSchema.parse(payload);
  return d.db.transaction().execute(async (tx) => {
    const a = await answerForPraise(tx, p.workspaceId, p.responseId);
    if (!a) return 0;
    return (await recognizeIn(tx, d, p.workspaceId, sourceOf(a))).length;
  });
}

/** Checks one transaction-free batch may take. */
export const praiseBatchSize = 100;

/**
 * Praise checks of one workspace together (issue 15: a check per answer was a transaction of its
 * own, four round trips, most finding nobody): the answers are read in one statement and the staff
 * directory once, and only an answer that names someone takes recognizeQueuedPraise's transaction,
 * which reads both again and records the kudos. A check's own failure is its alone.
 */
export async function recognizePraiseBatch(d: RecognitionDeps, workspaceId: string, responseIds: string[]): Promise<(number | Error)[]> {
  const answers = await answersForPraise(d.db, workspaceId, responseIds);
  const staff = answers.size ? await staffDirectory(d.db, workspaceId) : [];
  return Promise.all(
    responseIds.map(async (responseId) => {
      const a = answers.get(responseId);
      if (!a || !mentionsOf(sourceOf(a), staff).length) return 0;
      return recognizeQueuedPraise(d, { workspaceId, responseId }).catch((err: unknown) =>
        err instanceof Error ? err : new Error(String(err)),
      );
    }),
  );
}

/** One per process: the worker's recognize_praise jobs meet in batches per workspace (core/group-commit.ts). */
export function createPraiseQueue(d: RecognitionDeps): { recognize(payload: unknown): Promise<number> } {
  const group = createGroupCommit<z.infer<typeof payloadSchema>, number>({
    maxItems: praiseBatchSize,
    maxInFlight: 2,
    group: (p) => p.workspaceId,
    run: (ps) =>
      recognizePraiseBatch(
        d,
        ps[0]!.workspaceId,
        ps.map((p) => p.responseId),
      ),
  });
  return { recognize: (payload) => group.submit(payloadSchema.parse(payload)) };
}
