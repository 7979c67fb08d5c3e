// The team's own tables and updates: one-time password links (invitations and resets), a
// person's role and departments, and what a leaver leaves: sessions, API tokens, open work.
import type { Role } from '../../contract/common.ts';
import type { Db } from './database.ts';

export type PasswordLinkPurpose = 'invitation' | 'reset';

/** A one-time link to set a password; only the hash of its secret is kept. */
export interface PasswordLink {
  workspaceId: string;
  id: string;
  userId: string;
  purpose: PasswordLinkPurpose;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

export async function insertPasswordLink(tx: Db, l: Omit<PasswordLink, 'usedAt'> & { secretHash: Buffer }): Promise<void> {
  await tx
    .insertInto('password_links')
    .values({
      workspace_id: l.workspaceId,
      id: l.id,
      user_id: l.userId,
      purpose: l.purpose,
      secret_hash: l.secretHash,
      created_at: l.createdAt,
      expires_at: l.expiresAt,
    })
    .execute();
}

/** The link with this secret hash, locked so two uses of it cannot both succeed. */
export async function lockPasswordLink(tx: Db, secretHash: Buffer): Promise<PasswordLink | undefined> {
  const r = await tx.selectFrom('password_links').selectAll().where('secret_hash', '=', secretHash).forUpdate().executeTakeFirst();
  return (
    r && {
      workspaceId: r.workspace_id,
      id: r.id,
      userId: r.user_id,
      purpose: r.purpose,
      createdAt: r.created_at,
      expiresAt: r.expires_at,
      usedAt: r.used_at,
    }
  );
}

/** Marks this link used, and every other unused link of the person too: only the newest mail works, once. */
export async function usePasswordLinks(tx: Db, workspaceId: string, userId: string, now: Date): Promise<void> {
  await tx
    .updateTable('password_links')
    .set({ used_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}

export async function setPassword(tx: Db, workspaceId: string, userId: string, hash: string, now: Date): Promise<void> {
  await tx
    .updateTable('users')
    .set({ password_hash: hash, password_set_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', userId)
    .execute();
}

export async function setRole(tx: Db, workspaceId: string, userId: string, role: Role): Promise<void> {
  await tx.updateTable('users').set({ role }).where('workspace_id', '=', workspaceId).where('id', '=', userId).execute();
}

/** Active admins of the workspace other than this person, locked: the last admin may not go. */
export async function otherActiveAdmins(tx: Db, workspaceId: string, userId: string): Promise<number> {
  const rows = await tx
    .selectFrom('users')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .where('id', '!=', userId)
    .forUpdate()
    .execute();
  return rows.length;
}

/** The departments a person is in. */
export async function departmentsOf(db: Db, workspaceId: string, userIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(userIds.map((id) => [id, []]));
  if (!userIds.length) return out;
  const rows = await db
    .selectFrom('department_members')
    .select(['user_id', 'department_id'])
    .where('workspace_id', '=', workspaceId)
    .where('user_id', 'in', userIds)
    .orderBy('added_at')
    .execute();
  for (const r of rows) out.get(r.user_id)?.push(r.department_id);
  return out;
}

/** Puts the person in exactly these departments (ids already checked). */
export async function replaceDepartments(tx: Db, workspaceId: string, userId: string, departmentIds: string[], now: Date): Promise<void> {
  let del = tx.deleteFrom('department_members').where('workspace_id', '=', workspaceId).where('user_id', '=', userId);
  if (departmentIds.length) del = del.where('department_id', 'not in', departmentIds);
  await del.execute();
  if (departmentIds.length)
    await tx
      .insertInto('department_members')
      .values(departmentIds.map((d) => ({ workspace_id: workspaceId, department_id: d, user_id: userId, added_at: now })))
      .onConflict((oc) => oc.doNothing())
      .execute();
}

export async function existingDepartments(db: Db, workspaceId: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.selectFrom('departments').select('id').where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

export async function disableUser(tx: Db, workspaceId: string, userId: string, now: Date): Promise<void> {
  await tx.updateTable('users').set({ disabled_at: now }).where('workspace_id', '=', workspaceId).where('id', '=', userId).execute();
}

/** Ends every session of the person; answers how many. */
export async function deleteSessionsOf(tx: Db, workspaceId: string, userId: string, keepIdHash?: Buffer): Promise<number> {
  let q = tx.deleteFrom('sessions').where('workspace_id', '=', workspaceId).where('user_id', '=', userId);
  if (keepIdHash) q = q.where('id_hash', '!=', keepIdHash);
  return Number((await q.executeTakeFirst()).numDeletedRows);
}

/** Revokes the API tokens the person made; answers their ids. */
export async function revokeTokensOf(tx: Db, workspaceId: string, userId: string, now: Date): Promise<string[]> {
  const rows = await tx
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('created_by', '=', userId)
    .where('revoked_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** The person's open cases, locked, oldest first. */
export async function openCasesOwnedBy(tx: Db, workspaceId: string, userId: string) {
  return tx
    .selectFrom('cases')
    .select(['id', 'number', 'title', 'customer_id as customerId', 'department_id as departmentId'])
    .where('workspace_id', '=', workspaceId)
    .where('owner_id', '=', userId)
    .where('status', '=', 'open')
    .orderBy('opened_at')
    .forUpdate()
    .execute();
}

/** The person's open promises, locked, soonest due first. */
export async function openCommitmentsOwnedBy(tx: Db, workspaceId: string, userId: string) {
  return tx
    .selectFrom('commitments')
    .select(['id', 'due_at as dueAt', 'department_id as departmentId', 'case_id as caseId'])
    .where('workspace_id', '=', workspaceId)
    .where('owner_id', '=', userId)
    .where('status', 'in', ['open', 'renegotiated'])
    .orderBy('due_at')
    .forUpdate()
    .execute();
}
