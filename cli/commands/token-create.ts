// kept token create: an API token for an integration, printed once.
import { roleSchema } from '../../contract/common.ts';
import { systemClock } from '../../server/domain/core/clock.ts';
import { createToken, ensureWorkspace, workspaceBySlug } from '../../server/domain/core/staff.ts';
import { parseFlags, required, UsageError, withDatabase, type CommandRun } from '../context.ts';

export const tokenCreate: CommandRun = async (argv, io) => {
  const { values } = parseFlags(argv, { name: { type: 'string' }, role: { type: 'string' }, workspace: { type: 'string' } });
  const name = required(values.name, '--name');
  const role = roleSchema.safeParse(required(values.role, '--role'));
  if (!role.success) throw new UsageError('--role must be admin, manager or agent');
  const t = await withDatabase(io, async ({ db }) => {
    const ws = values.workspace ? await workspaceBySlug(db, values.workspace) : await ensureWorkspace(db);
    return createToken(db, systemClock, ws.id, { name, role: role.data });
  });
  io.err(`Created token "${name}" (${role.data}). It is shown only now; store it somewhere safe:`);
  io.out(t.secret);
  return 0;
};
