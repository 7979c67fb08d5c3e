// Praise in a customer's own answer: the answer's transaction queues a check (cheap, pure test
// first), and the recovery worker runs it moments later (recognizeQueuedPraise).
import { z } from 'zod';
import type { SurveyKind } from '../../../contract/surveys.ts';
import type { Db } from '../../storage/database.ts';
import { answerForPraise, enqueuePraiseChecks } from '../../storage/learning-kudos.ts';
import type { Clock } from '../core/clock.ts';
import { scoreSignal } from './praise.ts';
import { recognizeIn, type RecognitionDeps } from './recognition.ts';

/** Whether an answer could hold praise: words, and a score that is not negative. */
export function mayPraise(a: { kind: SurveyKind; score: number; reason: string | null; answers: Record<string, string> }): boolean {
  if (scoreSignal(a.kind, a.score) === 'negative') return false;
  return Boolean(a.reason?.trim()) || Object.values(a.answers).some((v) => v.trim());
}

export async function queuePraiseChecks(tx: Db, clock: Clock, workspaceId: string, responseIds: string[]): Promise<void> {
  await enqueuePraiseChecks(tx, workspaceId, responseIds, clock.now());
}

const payloadSchema = z.object({ workspaceId: z.uuid(), responseId: z.uuid() });

/** The worker's side of queuePraiseChecks: the answer as it is now (it may have been changed). */
export async function recognizeQueuedPraise(d: RecognitionDeps, payload: unknown): Promise<number> {
  const p = payloadSchema.parse(payload);
  return d.db.transaction().execute(async (tx) => {
    const a = await answerForPraise(tx, p.workspaceId, p.responseId);
    if (!a) return 0;
    const made = await recognizeIn(tx, d, p.workspaceId, {
      kind: 'answer',
      id: a.id,
      customerId: a.customerId,
      text: [a.reason ?? '', ...Object.values(a.answers)].filter(Boolean).join('\n'),
      surveyKind: a.kind,
      score: a.score,
      picks: Object.values(a.answers),
    });
    return made.length;
  });
}
