// The team: admins invite staff by e-mail (a one-time link to set a password), change their role
// and departments; anyone changes their own password with the current one, or asks for a reset
// link by mail. A link is single-use, expires, and only the hash of its secret is stored.
import type { Role } from '../../../contract/common.ts';
import type { TeamMember } from '../../../contract/team.ts';
import type { Db } from '../../storage/database.ts';
import { enqueueMail } from '../../storage/mails.ts';
import * as store from '../../storage/team.ts';
import { findSession, findUser, findUsersByEmail, insertUser, listUsers } from '../../storage/staff.ts';
import { isUuid, uuidv7 } from '../../lib/ids.ts';
import type { Clock } from './clock.ts';
import { invalidInput, KeptError, notFound } from './errors.ts';
import { decoyHash, hashPassword, verifyPassword } from './passwords.ts';
import { newSecret, parseSessionId, sha256 } from './secrets.ts';
import { composeStaffMail } from './team-mail.ts';

/** How long a link stays good: an invitation a week, a reset an hour. */
export const linkHours = { invitation: 7 * 24, reset: 1 } as const;

export interface TeamDeps {
  db: Db;
  clock: Clock;
  /** Where the web app is, for the links in the mails. */
  publicUrl: string;
}

type UserRecord = NonNullable<Awaited<ReturnType<typeof findUser>>>;

function present(u: UserRecord, departmentIds: string[]): TeamMember {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    createdAt: u.createdAt.toISOString(),
    status: u.disabledAt ? 'deactivated' : u.passwordSetAt ? 'active' : 'invited',
    deactivatedAt: u.disabledAt?.toISOString() ?? null,
    departmentIds,
  };
}

export async function listTeam(db: Db, workspaceId: string): Promise<TeamMember[]> {
  const users = await listUsers(db, workspaceId);
  const deps = await store.departmentsOf(
    db,
    workspaceId,
    users.map((u) => u.id),
  );
  return users.map((u) => present(u, deps.get(u.id) ?? []));
}

export async function getTeamMember(db: Db, workspaceId: string, id: string): Promise<TeamMember> {
  const u = isUuid(id) ? await findUser(db, workspaceId, id) : undefined;
  if (!u) throw notFound('The person');
  return present(u, (await store.departmentsOf(db, workspaceId, [id])).get(id) ?? []);
}

async function checkDepartments(db: Db, workspaceId: string, ids: string[]): Promise<void> {
  const found = await store.existingDepartments(db, workspaceId, ids);
  const problems = ids.flatMap((id, i) =>
    found.has(id) ? [] : [{ path: ['departmentIds', i], message: 'no such department in this workspace' }],
  );
  if (problems.length) throw invalidInput('No such department', problems);
}

async function mailLink(
  tx: Db,
  d: TeamDeps,
  user: { workspaceId: string; id: string; email: string; name: string },
  purpose: store.PasswordLinkPurpose,
) {
  const now = d.clock.now();
  const secret = newSecret();
  const expiresAt = new Date(now.getTime() + linkHours[purpose] * 3600_000);
  await store.insertPasswordLink(tx, {
    workspaceId: user.workspaceId,
    id: uuidv7(now.getTime()),
    userId: user.id,
    purpose,
    secretHash: sha256(secret),
    createdAt: now,
    expiresAt,
  });
  // In the fragment, so the secret reaches neither server logs nor a Referer header.
  const url = `${d.publicUrl}/set-password#token=${secret}`;
  const mail = composeStaffMail({ purpose, name: user.name, url, expiresAt });
  await enqueueMail(
    tx,
    user.workspaceId,
    { customerId: null, invitationId: null, kind: `staff_${purpose}`, to: user.email, ...mail, headers: {} },
    now,
  );
  return expiresAt;
}

/** Adds a person who sets their own password from the link mailed to them. */
export async function inviteStaff(
  d: TeamDeps,
  workspaceId: string,
  input: { email: string; name: string; role: Role; departmentIds?: string[] },
): Promise<{ member: TeamMember; linkExpiresAt: Date }> {
  const departmentIds = [...new Set(input.departmentIds ?? [])];
  await checkDepartments(d.db, workspaceId, departmentIds);
  const id = uuidv7();
  const now = d.clock.now();
  try {
    const linkExpiresAt = await d.db.transaction().execute(async (tx) => {
      // No one knows this password: the person sets theirs from the link.
      await insertUser(tx, {
        workspaceId,
        id,
        email: input.email,
        name: input.name,
        role: input.role,
        passwordHash: await hashPassword(newSecret()),
        createdAt: now,
        passwordSetAt: null,
      });
      await store.replaceDepartments(tx, workspaceId, id, departmentIds, now);
      return mailLink(tx, d, { workspaceId, id, email: input.email, name: input.name }, 'invitation');
    });
    return { member: await getTeamMember(d.db, workspaceId, id), linkExpiresAt };
  } catch (err) {
    if ((err as { code?: string }).code === '23505') {
      throw new KeptError('conflict', `A user with the e-mail ${input.email} already exists in this workspace`, {
        problems: [{ path: ['email'], message: 'already in this workspace' }],
      });
    }
    throw err;
  }
}

/** Mails a new invitation link to someone who has not set a password yet (the old links stop working). */
export async function reinvite(d: TeamDeps, workspaceId: string, id: string): Promise<Date> {
  const u = isUuid(id) ? await findUser(d.db, workspaceId, id) : undefined;
  if (!u) throw notFound('The person');
  if (u.disabledAt || u.passwordSetAt) throw new KeptError('conflict', `${u.name} is not waiting for an invitation`);
  return d.db.transaction().execute(async (tx) => {
    await store.usePasswordLinks(tx, workspaceId, id, d.clock.now());
    return mailLink(tx, d, { workspaceId, id, email: u.email, name: u.name }, 'invitation');
  });
}

/** Changes a person's role and/or the departments they are in. The last active admin stays an admin. */
export async function updateStaff(
  d: Omit<TeamDeps, 'publicUrl'>,
  workspaceId: string,
  id: string,
  patch: { role?: Role; departmentIds?: string[] },
): Promise<TeamMember> {
  if (!isUuid(id)) throw notFound('The person');
  const departmentIds = patch.departmentIds && [...new Set(patch.departmentIds)];
  if (departmentIds) await checkDepartments(d.db, workspaceId, departmentIds);
  await d.db.transaction().execute(async (tx) => {
    const u = await findUser(tx, workspaceId, id);
    if (!u) throw notFound('The person');
    if (u.disabledAt) throw new KeptError('conflict', `${u.name} has been deactivated`);
    if (patch.role && patch.role !== u.role) {
      if (u.role === 'admin' && !(await store.otherActiveAdmins(tx, workspaceId, id)))
        throw new KeptError('conflict', 'The workspace needs at least one admin', {
          problems: [{ path: ['role'], message: 'last admin' }],
        });
      await store.setRole(tx, workspaceId, id, patch.role);
    }
    if (departmentIds) await store.replaceDepartments(tx, workspaceId, id, departmentIds, d.clock.now());
  });
  return getTeamMember(d.db, workspaceId, id);
}

const badLink = () => new KeptError('gone', 'This link is not valid any more: it was used, replaced or expired. Ask for a new one.');

/** Sets the password from an invitation or reset link, once; ends the person's other sessions. */
export async function setPasswordWithLink(d: Omit<TeamDeps, 'publicUrl'>, secret: string, password: string): Promise<void> {
  const hash = await hashPassword(password);
  const now = d.clock.now();
  await d.db.transaction().execute(async (tx) => {
    const link = await store.lockPasswordLink(tx, sha256(secret));
    if (!link || link.usedAt || link.expiresAt <= now) throw badLink();
    const u = await findUser(tx, link.workspaceId, link.userId);
    if (!u || u.disabledAt) throw badLink();
    await store.usePasswordLinks(tx, link.workspaceId, link.userId, now);
    await store.setPassword(tx, link.workspaceId, link.userId, hash, now);
    await store.deleteSessionsOf(tx, link.workspaceId, link.userId);
  });
}

/**
 * Mails a reset link to the active person with this e-mail (in every workspace they are in, or
 * the one named). Answers nothing either way, so the answer does not tell who has an account.
 */
export async function requestPasswordReset(d: TeamDeps, input: { email: string; workspace?: string }): Promise<void> {
  const users = (await findUsersByEmail(d.db, input.email)).filter(
    (u) => !u.disabledAt && (!input.workspace || u.workspaceSlug === input.workspace),
  );
  for (const u of users)
    await d.db
      .transaction()
      .execute((tx) => mailLink(tx, d, { workspaceId: u.workspaceId, id: u.id, email: u.email, name: u.name }, 'reset'));
}

/** The signed-in person changes their password with their current one; their other sessions end. */
export async function changeOwnPassword(
  d: Omit<TeamDeps, 'publicUrl'>,
  who: { workspaceId: string; userId: string; cookieValue: string },
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const found = await findUser(d.db, who.workspaceId, who.userId);
  const u = found && (await findUsersByEmail(d.db, found.email)).find((x) => x.workspaceId === who.workspaceId && x.id === found.id);
  const ok = await verifyPassword(input.currentPassword, u?.passwordHash ?? decoyHash);
  if (!u || !ok)
    throw new KeptError('invalid_input', 'The current password is not right', {
      problems: [{ path: ['currentPassword'], message: 'is not right' }],
    });
  if (input.currentPassword === input.newPassword)
    throw invalidInput('The new password is the current one', [
      { path: ['newPassword'], message: 'must differ from the current password' },
    ]);
  const hash = await hashPassword(input.newPassword);
  const parsed = parseSessionId(who.cookieValue);
  const keep = parsed && (await findSession(d.db, who.workspaceId, sha256(parsed.secret))) ? sha256(parsed.secret) : undefined;
  await d.db.transaction().execute(async (tx) => {
    await store.setPassword(tx, who.workspaceId, who.userId, hash, d.clock.now());
    await store.usePasswordLinks(tx, who.workspaceId, who.userId, d.clock.now());
    await store.deleteSessionsOf(tx, who.workspaceId, who.userId, keep);
  });
}

/** The person with this e-mail in the workspace, if any. */
export async function findTeamMemberByEmail(db: Db, workspaceId: string, email: string): Promise<TeamMember | undefined> {
  const u = (await findUsersByEmail(db, email)).find((x) => x.workspaceId === workspaceId);
  return u && getTeamMember(db, workspaceId, u.id);
}
