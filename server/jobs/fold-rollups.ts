// Every second: the score rollups' deltas folded into their totals (domain/signals/rollup-fold.ts).
// One instance folds at a time (an advisory lock); the others skip their turn.
import type { Logger } from 'pino';
import type { Db } from '../domain/core/db.ts';
import { foldRollups } from '../domain/signals/rollup-fold.ts';

export function startRollupFold(db: Db, log: Logger, everyMs = 1_000): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  const run = () => {
    if (busy) return;
    busy = true;
    running = foldRollups(db)
      .then(() => undefined)
      .catch((err: unknown) => log.warn({ err }, 'folding score rollups failed; will retry'))
      .finally(() => {
        busy = false;
      });
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  // Stopping waits for a pass under way, so the pool is not closed under it.
  return async () => {
    clearInterval(timer);
    await running;
  };
}
