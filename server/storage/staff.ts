// Workspaces, staff users, their sessions and API tokens.
import type { Role } from '../../contract/common.ts';
import type { Db } from './database.ts';

export interface WorkspaceRecord {
  id: string;
  slug: string;
  name: string;
}

export interface StaffUser {
  id: string;
  workspaceId: string;
  email: string;
  name: string;
  role: Role;
  createdAt: Date;
  disabledAt: Date | null;
  /** Null while an invited person has not set their password yet. */
  passwordSetAt: Date | null;
}

/** A user found by e-mail to sign in: with the password hash and the workspace's slug. */
export interface StaffCredentials extends StaffUser {
  passwordHash: string;
  workspaceSlug: string;
}

export interface SessionRecord {
  userId: string;
  csrfToken: string;
  expiresAt: Date;
  lastSeenAt: Date;
  role: Role;
  userDisabledAt: Date | null;
}

export interface ApiToken {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  /** The person who made it (null: the CLI, another token, or before issue 17); revoked when they leave. */
  createdBy: string | null;
}

const workspaceColumns = ['id', 'slug', 'name'] as const;

export const findWorkspaceBySlug = (db: Db, slug: string): Promise<WorkspaceRecord | undefined> =>
  db.selectFrom('workspaces').select(workspaceColumns).where('slug', '=', slug).executeTakeFirst();

export const findWorkspace = (db: Db, id: string): Promise<WorkspaceRecord | undefined> =>
  db.selectFrom('workspaces').select(workspaceColumns).where('id', '=', id).executeTakeFirst();

export const listWorkspaces = (db: Db): Promise<WorkspaceRecord[]> =>
  db.selectFrom('workspaces').select(workspaceColumns).orderBy('created_at').execute();

export async function insertWorkspace(db: Db, w: WorkspaceRecord) {
  await db.insertInto('workspaces').values(w).execute();
}

const userColumns = ['id', 'workspace_id', 'email', 'name', 'role', 'created_at', 'disabled_at', 'password_set_at'] as const;

const toUser = (r: {
  id: string;
  workspace_id: string;
  email: string;
  name: string;
  role: Role;
  created_at: Date;
  disabled_at: Date | null;
  password_set_at: Date | null;
}): StaffUser => ({
  id: r.id,
  workspaceId: r.workspace_id,
  email: r.email,
  name: r.name,
  role: r.role,
  createdAt: r.created_at,
  disabledAt: r.disabled_at,
  passwordSetAt: r.password_set_at,
});

export async function findUsersByEmail(db: Db, email: string): Promise<StaffCredentials[]> {
  const rows = await db
    .selectFrom('users')
    .innerJoin('workspaces', 'workspaces.id', 'users.workspace_id')
    .select([...userColumns.map((c) => `users.${c}` as const), 'users.password_hash', 'workspaces.slug'])
    .where((eb) => eb(eb.fn('lower', ['users.email']), '=', email.toLowerCase()))
    .execute();
  return rows.map((r) => ({ ...toUser(r), passwordHash: r.password_hash, workspaceSlug: r.slug }));
}

export async function findUser(db: Db, workspaceId: string, id: string): Promise<StaffUser | undefined> {
  const r = await db
    .selectFrom('users')
    .select(userColumns)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r && toUser(r);
}

export async function listUsers(db: Db, workspaceId: string): Promise<StaffUser[]> {
  const rows = await db.selectFrom('users').select(userColumns).where('workspace_id', '=', workspaceId).orderBy('name').execute();
  return rows.map(toUser);
}

export async function insertUser(
  db: Db,
  u: {
    workspaceId: string;
    id: string;
    email: string;
    name: string;
    role: Role;
    passwordHash: string;
    createdAt: Date;
    passwordSetAt: Date | null;
  },
) {
  await db
    .insertInto('users')
    .values({
      workspace_id: u.workspaceId,
      id: u.id,
      email: u.email,
      name: u.name,
      role: u.role,
      password_hash: u.passwordHash,
      created_at: u.createdAt,
      password_set_at: u.passwordSetAt,
    })
    .execute();
}

export async function insertSession(
  db: Db,
  s: { workspaceId: string; idHash: Buffer; userId: string; csrfToken: string; createdAt: Date; lastSeenAt: Date; expiresAt: Date },
) {
  await db
    .insertInto('sessions')
    .values({
      workspace_id: s.workspaceId,
      id_hash: s.idHash,
      user_id: s.userId,
      csrf_token: s.csrfToken,
      created_at: s.createdAt,
      last_seen_at: s.lastSeenAt,
      expires_at: s.expiresAt,
    })
    .execute();
}

export async function findSession(db: Db, workspaceId: string, idHash: Buffer): Promise<SessionRecord | undefined> {
  const r = await db
    .selectFrom('sessions')
    .innerJoin('users', (j) => j.onRef('users.workspace_id', '=', 'sessions.workspace_id').onRef('users.id', '=', 'sessions.user_id'))
    .select(['sessions.user_id', 'sessions.csrf_token', 'sessions.expires_at', 'sessions.last_seen_at', 'users.role', 'users.disabled_at'])
    .where('sessions.workspace_id', '=', workspaceId)
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst();
  return (
    r && {
      userId: r.user_id,
      csrfToken: r.csrf_token,
      expiresAt: r.expires_at,
      lastSeenAt: r.last_seen_at,
      role: r.role,
      userDisabledAt: r.disabled_at,
    }
  );
}

export async function touchSession(db: Db, workspaceId: string, idHash: Buffer, now: Date, expiresAt: Date) {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now, expires_at: expiresAt })
    .where('workspace_id', '=', workspaceId)
    .where('id_hash', '=', idHash)
    .execute();
}

export async function deleteSession(db: Db, workspaceId: string, idHash: Buffer) {
  await db.deleteFrom('sessions').where('workspace_id', '=', workspaceId).where('id_hash', '=', idHash).execute();
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<number> {
  const r = await db.deleteFrom('sessions').where('expires_at', '<', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function insertToken(db: Db, workspaceId: string, t: ApiToken & { secretHash: Buffer }) {
  await db
    .insertInto('api_tokens')
    .values({
      workspace_id: workspaceId,
      id: t.id,
      name: t.name,
      role: t.role,
      secret_hash: t.secretHash,
      prefix: t.prefix,
      created_at: t.createdAt,
      created_by: t.createdBy,
    })
    .execute();
}

const tokenColumns = ['id', 'name', 'role', 'prefix', 'created_at', 'last_used_at', 'revoked_at', 'created_by'] as const;

const toToken = (r: {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
  created_by: string | null;
}): ApiToken => ({
  id: r.id,
  name: r.name,
  role: r.role,
  prefix: r.prefix,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
  createdBy: r.created_by,
});

export async function listTokens(db: Db, workspaceId: string): Promise<ApiToken[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .select(tokenColumns)
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toToken);
}

export async function findTokenBySecretHash(db: Db, workspaceId: string, hash: Buffer): Promise<ApiToken | undefined> {
  const r = await db
    .selectFrom('api_tokens')
    .select(tokenColumns)
    .where('workspace_id', '=', workspaceId)
    .where('secret_hash', '=', hash)
    .executeTakeFirst();
  return r && toToken(r);
}

export async function markTokenUsed(db: Db, workspaceId: string, id: string, now: Date) {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

export async function revokeToken(db: Db, workspaceId: string, id: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}
