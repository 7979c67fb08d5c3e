// Workspaces, staff users, their sessions and API tokens.
import type { Role } from '../../contract/common.ts';
import type { Db } from './database.ts';

export const findWorkspaceBySlug = (db: Db, slug: string) =>
  db.selectFrom('workspaces').selectAll().where('slug', '=', slug).executeTakeFirst();

export const findWorkspace = (db: Db, id: string) => db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();

export const listWorkspaces = (db: Db) => db.selectFrom('workspaces').selectAll().orderBy('created_at').execute();

export async function insertWorkspace(db: Db, w: { id: string; slug: string; name: string }) {
  await db.insertInto('workspaces').values(w).execute();
}

const userColumns = ['id', 'workspace_id', 'email', 'name', 'role', 'created_at', 'password_hash', 'disabled_at'] as const;

export const findUsersByEmail = (db: Db, email: string) =>
  db
    .selectFrom('users')
    .innerJoin('workspaces', 'workspaces.id', 'users.workspace_id')
    .select([...userColumns.map((c) => `users.${c}` as const), 'workspaces.slug'])
    .where((eb) => eb(eb.fn('lower', ['users.email']), '=', email.toLowerCase()))
    .execute();

export const findUser = (db: Db, workspaceId: string, id: string) =>
  db.selectFrom('users').select(userColumns).where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();

export const listUsers = (db: Db, workspaceId: string) =>
  db.selectFrom('users').select(userColumns).where('workspace_id', '=', workspaceId).orderBy('name').execute();

export async function insertUser(
  db: Db,
  u: { workspace_id: string; id: string; email: string; name: string; role: Role; password_hash: string; created_at: Date },
) {
  await db.insertInto('users').values(u).execute();
}

export async function insertSession(
  db: Db,
  s: { workspace_id: string; id_hash: Buffer; user_id: string; csrf_token: string; created_at: Date; last_seen_at: Date; expires_at: Date },
) {
  await db.insertInto('sessions').values(s).execute();
}

export const findSession = (db: Db, workspaceId: string, idHash: Buffer) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', (j) => j.onRef('users.workspace_id', '=', 'sessions.workspace_id').onRef('users.id', '=', 'sessions.user_id'))
    .select(['sessions.user_id', 'sessions.csrf_token', 'sessions.expires_at', 'sessions.last_seen_at', 'users.role', 'users.disabled_at'])
    .where('sessions.workspace_id', '=', workspaceId)
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst();

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

export async function insertToken(
  db: Db,
  t: { workspace_id: string; id: string; name: string; role: Role; secret_hash: Buffer; prefix: string; created_at: Date },
) {
  await db.insertInto('api_tokens').values(t).execute();
}

const tokenColumns = ['id', 'name', 'role', 'prefix', 'created_at', 'last_used_at', 'revoked_at'] as const;

export const listTokens = (db: Db, workspaceId: string) =>
  db.selectFrom('api_tokens').select(tokenColumns).where('workspace_id', '=', workspaceId).orderBy('created_at', 'desc').execute();

export const findTokenBySecretHash = (db: Db, workspaceId: string, hash: Buffer) =>
  db
    .selectFrom('api_tokens')
    .select([...tokenColumns, 'secret_hash'])
    .where('workspace_id', '=', workspaceId)
    .where('secret_hash', '=', hash)
    .executeTakeFirst();

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
