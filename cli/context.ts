// What every CLI command shares: flag parsing with usage errors, config, and a database.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import pino from 'pino';
import { loadConfig, type Config } from '../server/config.ts';
import { KeptError } from '../server/domain/core/errors.ts';
import type { Database } from '../server/storage/connect.ts';

export class UsageError extends Error {}

/** What a command does once its words are matched: argv holds the rest, the exit code comes back. */
export type CommandRun = (argv: string[], io: CliIo) => Promise<number>;

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Whether stderr is a terminal (progress bars redraw in place only there). */
  isTty: boolean;
  env?: Record<string, string | undefined>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseFlags<O extends Options>(argv: string[], options: O, allowPositionals = 0) {
  try {
    const r = parseArgs({ args: argv, options, allowPositionals: allowPositionals > 0, strict: true });
    if (r.positionals.length > allowPositionals) throw new UsageError(`Unexpected argument: ${r.positionals[allowPositionals]}`);
    return r;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError((err as Error).message);
  }
}

export function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageError(`Missing ${flag}`);
  return value;
}

/** Opens the configured database (embedded or DATABASE_URL), migrated, quiet unless KEPT_LOG_LEVEL says otherwise. */
export async function withDatabase<T>(io: CliIo, fn: (db: Database, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig(io.env);
  const log = pino({ level: config.logLevel === 'info' ? 'warn' : config.logLevel }, pino.destination(2));
  // Imported here, not above: `kept --help` and usage errors load no database code.
  const { connectMigrated } = await import('../server/storage/connect.ts');
  const database = await connectMigrated(config, log);
  try {
    return await fn(database, config);
  } finally {
    await database.close();
  }
}

export { KeptError };
