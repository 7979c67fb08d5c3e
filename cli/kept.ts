// The `kept` command: turns flags into options and calls the functions the server uses.
import { ConfigError } from '../server/config.ts';
import { KeptError } from '../server/domain/core/errors.ts';
import { commands } from './commands/index.ts';
import { UsageError, type CliIo } from './context.ts';
import { exitCodeOf, usageExitCode } from './exit-codes.ts';

export function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: kept <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `kept <command> --help` for the options of one command.',
  ].join('\n');
}

export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    (argv.length === 0 ? io.err : io.out)(usage());
    return argv.length === 0 ? usageExitCode : 0;
  }
  // Longest match first, so `admin create` wins over a command named `admin`.
  const matched = commands
    .filter((c) => {
      const words = c.name.split(' ');
      return words.every((w, i) => argv[i] === w);
    })
    .sort((a, b) => b.name.length - a.name.length)[0];
  if (!matched) {
    io.err(`kept: unknown command "${argv.slice(0, 2).join(' ')}"\n\n${usage()}`);
    return usageExitCode;
  }
  const rest = argv.slice(matched.name.split(' ').length);
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`Usage: ${matched.usage}\n\n${matched.summary}`);
    return 0;
  }
  try {
    const run = await matched.load();
    return await run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`kept ${matched.name}: ${err.message}\n\nUsage: ${matched.usage}`);
      return usageExitCode;
    }
    if (err instanceof ConfigError) {
      io.err(err.message);
      return usageExitCode;
    }
    if (err instanceof KeptError) {
      const problems = (err.details as { problems?: { path: unknown[]; message: string }[] } | undefined)?.problems ?? [];
      io.err(
        [`kept ${matched.name}: ${err.message}`, ...problems.map((p) => `  ${p.path.join('.') || '(input)'}: ${p.message}`)].join('\n'),
      );
      return exitCodeOf[err.code];
    }
    io.err(`kept ${matched.name}: ${(err as Error)?.stack ?? String(err)}`);
    return 1;
  }
}

function defaultIo(): CliIo {
  return {
    out: (s) => process.stdout.write(s + '\n'),
    err: (s) => process.stderr.write(s + '\n'),
    isTty: !!process.stderr.isTTY,
  };
}
