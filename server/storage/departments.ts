// Departments and their members.
import { sql } from 'kysely';
import type { Department } from '../../contract/departments.ts';
import type { Db } from './database.ts';

const withMembers = (db: Db, workspaceId: string) =>
  db
    .selectFrom('departments as d')
    .select([
      'd.id',
      'd.key',
      'd.name',
      'd.colour',
      'd.created_at',
      sql<string[]>`coalesce((SELECT array_agg(m.user_id ORDER BY m.added_at) FROM department_members m
        WHERE m.workspace_id = d.workspace_id AND m.department_id = d.id), '{}')`.as('member_ids'),
    ])
    .where('d.workspace_id', '=', workspaceId);

type Row = { id: string; key: string; name: string; colour: string; created_at: Date; member_ids: string[] };
const toDepartment = (r: Row): Department => ({
  id: r.id,
  key: r.key,
  name: r.name,
  colour: r.colour,
  memberIds: r.member_ids,
  createdAt: r.created_at.toISOString(),
});

export async function listDepartments(db: Db, workspaceId: string): Promise<Department[]> {
  return (await withMembers(db, workspaceId).orderBy('d.name').execute()).map(toDepartment);
}

export async function findDepartment(db: Db, workspaceId: string, id: string): Promise<Department | undefined> {
  const r = await withMembers(db, workspaceId).where('d.id', '=', id).executeTakeFirst();
  return r && toDepartment(r);
}

export async function insertDepartment(
  db: Db,
  workspaceId: string,
  d: { id: string; key: string; name: string; colour: string; createdAt: Date },
): Promise<void> {
  await db
    .insertInto('departments')
    .values({ workspace_id: workspaceId, id: d.id, key: d.key, name: d.name, colour: d.colour, created_at: d.createdAt })
    .execute();
}

export async function updateDepartment(db: Db, workspaceId: string, id: string, patch: { name?: string; colour?: string }) {
  const r = await db.updateTable('departments').set(patch).where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function addMember(db: Db, workspaceId: string, departmentId: string, userId: string, now: Date) {
  await db
    .insertInto('department_members')
    .values({ workspace_id: workspaceId, department_id: departmentId, user_id: userId, added_at: now })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function removeMember(db: Db, workspaceId: string, departmentId: string, userId: string) {
  await db
    .deleteFrom('department_members')
    .where('workspace_id', '=', workspaceId)
    .where('department_id', '=', departmentId)
    .where('user_id', '=', userId)
    .execute();
}
