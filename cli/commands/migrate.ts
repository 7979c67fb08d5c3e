// kept migrate: apply pending database migrations and say which.
import { parseFlags, withDatabase, type Command } from '../context.ts';
import { migrate as runMigrations } from '../../server/storage/migrate.ts';

export const migrate: Command = {
  name: 'migrate',
  summary: 'Apply pending database migrations',
  usage: 'kept migrate',
  async run(argv, io) {
    parseFlags(argv, {});
    const r = await withDatabase(io, async ({ db, url }) => runMigrations(db, url));
    io.out(r.applied.length ? `Applied: ${r.applied.join(', ')}` : `Up to date (${r.alreadyApplied} migrations applied before)`);
    return 0;
  },
};
