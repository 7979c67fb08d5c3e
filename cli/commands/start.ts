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
    io.err(`Kept is running at ${kept.url}  (Ctrl+C to stop)`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        kept.stop().then(resolve, resolve);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    return 0;
  },
};
