// Analyses new free texts (domain/measurement/text-analysis.ts) every few seconds. Stopping waits
// for a pass under way, so the pool never closes under it. Two instances may run passes at once:
// each text's analysis is stored idempotently, so the worst case is work done twice.
import type { Logger } from 'pino';
import type { Clock } from '../domain/core/clock.ts';
import type { Db } from '../domain/core/db.ts';
import { analyseNewTexts } from '../domain/measurement/text-analysis.ts';

export function startTextAnalysis(db: Db, clock: Clock, log: Logger, everyMs = 5_000): () => Promise<void> {
  let running: Promise<void> | undefined;
  let stopped = false;
  const run = () => {
    if (running || stopped) return;
    running = analyseNewTexts(db, clock)
      .then((n) => void (n && log.debug({ analysed: n }, 'texts analysed')))
      .catch((err) => log.warn({ err }, 'text analysis failed; will retry'))
      .finally(() => (running = undefined));
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
