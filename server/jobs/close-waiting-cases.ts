// Every few seconds: cases waiting on the customer whose follow-up was answered, or that waited
// their days without an answer, close themselves (domain/recovery/waiting-cases.ts).
import type { Logger } from 'pino';
import type { Clock } from '../domain/core/clock.ts';
import type { Db } from '../domain/core/db.ts';
import { closeWaitingCases } from '../domain/recovery/waiting-cases.ts';

export function startWaitingCaseSweep(db: Db, clock: Clock, log: Logger, everyMs = 5_000): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = closeWaitingCases({ db, clock })
      .then((n) => {
        if (n.follow_up_answered || n.no_answer) log.info(n, 'waiting cases closed');
      })
      .catch((err: unknown) => log.warn({ err }, 'closing waiting cases failed; will retry'));
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  // Stopping waits for a pass under way, so the pool is not closed under it.
  return async () => {
    clearInterval(timer);
    await running;
  };
}
