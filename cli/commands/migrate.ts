// kept migrate: apply pending database migrations and say which.
import { parseFlags, withDatabase, type CommandRun } from '../context.ts';
import { migrate as runMigrations } from '../../server/storage/migrate.ts';

export const migrate: CommandRun = async (argv, io) => {
  parseFlags(argv, {});
  const r = await withDatabase(io, async ({ db, url }) => runMigrations(db, url));
  io.out(r.applied.length ? `Applied: ${r.applied.join(', ')}` : `Up to date (${r.alreadyApplied} migrations applied before)`);
  return 0;
};
