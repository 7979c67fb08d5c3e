// Runs the `kept` CLI in-process against a test database, capturing what it prints.
import { main } from '../cli/kept.ts';

export function cliAgainst(databaseUrl: () => string) {
  return async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, {
      out: (s) => out.push(s),
      err: (s) => err.push(s),
      isTty: false,
      env: { DATABASE_URL: databaseUrl(), KEPT_LOG_LEVEL: 'silent' },
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
}
