// kept rollups rebuild: recompute the score rollups the dashboards read from the stored answers
// and invitations. Rollups are kept current as answers arrive; this is the repair after a
// manual data fix, and the check that they agree (it prints how many rows it wrote).
import { workspaceBySlug } from '../../server/domain/core/staff.ts';
import { rebuildRollups } from '../../server/storage/rollup-rebuild.ts';
import { parseFlags, withDatabase, type CommandRun } from '../context.ts';

export const rollupsRebuild: CommandRun = async (argv, io) => {
  const { values } = parseFlags(argv, { workspace: { type: 'string' } });
  const r = await withDatabase(io, async ({ db }) => {
    const ws = values.workspace ? await workspaceBySlug(db, values.workspace) : undefined;
    const started = performance.now();
    const result = await rebuildRollups(db, ws?.id);
    return { result, seconds: (performance.now() - started) / 1000, where: ws ? `workspace "${ws.slug}"` : 'all workspaces' };
  });
  io.out(`Rebuilt the score rollups of ${r.where}: ${r.result.rows} rows in ${r.seconds.toFixed(1)} s`);
  return 0;
};
