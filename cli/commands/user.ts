// kept user list|create|deactivate: the team from the command line, through the same functions
// the API uses (a created person without --password is invited by mail, like the web app does).
import { z } from 'zod';
import { passwordSchema } from '../../contract/auth.ts';
import { roleSchema } from '../../contract/common.ts';
import { systemClock } from '../../server/domain/core/clock.ts';
import { createUser, ensureWorkspace, workspaceBySlug } from '../../server/domain/core/staff.ts';
import { findTeamMemberByEmail, inviteStaff, listTeam } from '../../server/domain/core/team.ts';
import { deactivateStaff } from '../../server/domain/recovery/hand-over.ts';
import { KeptError, parseFlags, required, UsageError, withDatabase, type CommandRun } from '../context.ts';

const workspaceFlag = { workspace: { type: 'string' } } as const;
const workspaceOf = (db: Parameters<typeof ensureWorkspace>[0], slug: string | undefined) =>
  slug ? workspaceBySlug(db, slug) : ensureWorkspace(db);

export const userList: CommandRun = async (argv, io) => {
  const { values } = parseFlags(argv, workspaceFlag);
  const team = await withDatabase(io, async ({ db }) => listTeam(db, (await workspaceOf(db, values.workspace)).id));
  for (const m of team) io.out([m.email, m.name, m.role, m.status].join('\t'));
  if (!team.length) io.err('No staff yet: add someone with `kept user create`.');
  return 0;
};

export const userCreate: CommandRun = async (argv, io) => {
  const { values } = parseFlags(argv, {
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    password: { type: 'string' },
    ...workspaceFlag,
  });
  const email = required(values.email, '--email');
  if (!z.email().safeParse(email).success) throw new UsageError(`--email: "${email}" is not an e-mail address`);
  const role = roleSchema.safeParse(required(values.role, '--role'));
  if (!role.success) throw new UsageError('--role must be admin, manager or agent');
  const pw = values.password === undefined ? undefined : passwordSchema.safeParse(values.password);
  if (pw && !pw.success) throw new UsageError(`--password ${pw.error.issues[0]!.message}`);
  const name = values.name?.trim() || email.split('@')[0]!;
  const invited = await withDatabase(io, async ({ db }, config) => {
    const ws = await workspaceOf(db, values.workspace);
    if (pw) {
      await createUser(db, systemClock, ws.id, { email, name, role: role.data, password: pw.data });
      return undefined;
    }
    return inviteStaff({ db, clock: systemClock, publicUrl: config.publicUrl }, ws.id, { email, name, role: role.data });
  });
  io.out(
    invited
      ? `Invited ${email} (${role.data}): a link to set a password is queued, good until ${invited.linkExpiresAt.toISOString()}.`
      : `Created ${email} (${role.data}). They can sign in now.`,
  );
  return 0;
};

export const userDeactivate: CommandRun = async (argv, io) => {
  const { values } = parseFlags(argv, { email: { type: 'string' }, ...workspaceFlag });
  const email = required(values.email, '--email');
  const r = await withDatabase(io, async ({ db }) => {
    const ws = await workspaceOf(db, values.workspace);
    const who = await findTeamMemberByEmail(db, ws.id, email);
    if (!who) throw new KeptError('not_found', `There is no ${email} in workspace "${ws.slug}"`);
    return deactivateStaff({ db, clock: systemClock }, ws.id, who.id, null);
  });
  const h = r.handOver;
  io.out(
    `Deactivated ${email}: ${h.sessionsEnded} session(s) ended, ${h.tokensRevoked} token(s) revoked, ` +
      `${h.cases.length} open case(s) and ${h.commitments.length} open promise(s) handed over.`,
  );
  for (const c of h.cases) io.out(`  case #${c.number} -> ${c.ownerId ?? 'no one'}`);
  return 0;
};
