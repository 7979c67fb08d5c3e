// The commitment clocks: a `commitment_clock` job per open commitment, keyed by it and run at its
// due time, breaks it if nobody kept it (domain/commitments.breakDueCommitment: an oops, in the
// same transaction). It is one more task of the recovery worker (jobs/case-clocks.ts) rather than
// a second graphile-worker runner: one pool, one poll and one start/stop for every durable clock,
// and a broken promise's case clock is scheduled in the same queue it came from.
import type { Task } from 'graphile-worker';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Clock } from '../domain/core/clock.ts';
import { breakDueCommitment } from '../domain/promises/commitment-outcomes.ts';
import type { NoticeLinks } from '../domain/promises/commitment-notices.ts';
import type { Db } from '../domain/core/db.ts';

const payloadSchema = z.object({ workspaceId: z.uuid(), commitmentId: z.uuid() });

export function commitmentClockTask(d: { db: Db; clock: Clock; log: Logger; links?: NoticeLinks }): Task {
  return async (payload) => {
    const p = payloadSchema.parse(payload);
    const r = await breakDueCommitment(d, p.workspaceId, p.commitmentId);
    if (r.broken) d.log.info({ commitmentId: p.commitmentId, caseId: r.caseId }, 'commitment broken');
  };
}
