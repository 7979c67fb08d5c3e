// Who has a case: its assignments, the department rotation that picks an owner, and the staff
// a case names (owners, approvers, managers to tell).
import type { Selectable } from 'kysely';
import { uuidv7 } from '../lib/ids.ts';
import type { Db } from './database.ts';
import type { CaseAssignmentsTable } from './schema.ts';

export type AssignmentHow = 'round_robin' | 'named' | 'reassigned' | 'unassigned';

/** Who a case was given to, when, by whom and how. */
export interface Assignment {
  workspaceId: string;
  caseId: string;
  at: Date;
  ownerId: string | null;
  departmentId: string | null;
  byUser: string | null;
  how: AssignmentHow;
}

const toAssignment = (r: Selectable<CaseAssignmentsTable>): Assignment => ({
  workspaceId: r.workspace_id,
  caseId: r.case_id,
  at: r.at,
  ownerId: r.owner_id,
  departmentId: r.department_id,
  byUser: r.by_user,
  how: r.how,
});

export async function insertAssignment(tx: Db, a: Assignment): Promise<void> {
  await insertAssignments(tx, [a]);
}

export async function insertAssignments(tx: Db, list: Assignment[]): Promise<void> {
  if (!list.length) return;
  await tx
    .insertInto('case_assignments')
    .values(
      list.map((a) => ({
        workspace_id: a.workspaceId,
        case_id: a.caseId,
        id: uuidv7(a.at.getTime()),
        at: a.at,
        owner_id: a.ownerId,
        department_id: a.departmentId,
        by_user: a.byUser,
        how: a.how,
      })),
    )
    .execute();
}

/** Every assignment of a case, oldest first. */
export async function assignmentsOf(db: Db, workspaceId: string, caseId: string): Promise<Assignment[]> {
  const rows = await db
    .selectFrom('case_assignments')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('case_id', '=', caseId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map(toAssignment);
}

/** The department's next member after the one who got its last case (by user id order), and remembers them. */
export async function rotateOwner(tx: Db, workspaceId: string, departmentId: string): Promise<string | undefined> {
  const ids = await rotationMembers(tx, workspaceId, departmentId);
  if (!ids.length) return undefined;
  const next = nextInRotation(ids, await rotationLast(tx, workspaceId, departmentId));
  await saveRotation(tx, workspaceId, departmentId, next);
  return next;
}

/** The department's active members, in the order the round robin takes them. */
export async function rotationMembers(tx: Db, workspaceId: string, departmentId: string): Promise<string[]> {
  const members = await tx
    .selectFrom('department_members as m')
    .innerJoin('users as u', (j) => j.onRef('u.workspace_id', '=', 'm.workspace_id').onRef('u.id', '=', 'm.user_id'))
    .select('m.user_id')
    .where('m.workspace_id', '=', workspaceId)
    .where('m.department_id', '=', departmentId)
    .where('u.disabled_at', 'is', null)
    .orderBy('m.user_id')
    .execute();
  return members.map((m) => m.user_id);
}

/** The member the round robin gave the last case to, locked until the transaction ends. */
export async function rotationLast(tx: Db, workspaceId: string, departmentId: string): Promise<string | null> {
  const last = await tx
    .selectFrom('department_rotation')
    .select('last_user_id')
    .where('workspace_id', '=', workspaceId)
    .where('department_id', '=', departmentId)
    .forUpdate()
    .executeTakeFirst();
  return last?.last_user_id ?? null;
}

/** The member after `last` (by id), or the first. */
export const nextInRotation = (ids: string[], last: string | null): string => ids.find((id) => last !== null && id > last) ?? ids[0]!;

export async function saveRotation(tx: Db, workspaceId: string, departmentId: string, userId: string): Promise<void> {
  await tx
    .insertInto('department_rotation')
    .values({ workspace_id: workspaceId, department_id: departmentId, last_user_id: userId })
    .onConflict((oc) => oc.columns(['workspace_id', 'department_id']).doUpdateSet({ last_user_id: userId }))
    .execute();
}

/** Managers of a department (or of the workspace when it has none) and the owner, for notices. */
export async function staffEmails(db: Db, workspaceId: string, ids: string[]) {
  if (!ids.length) return [];
  return db.selectFrom('users').select(['id', 'email', 'name']).where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
}

export async function departmentManagers(db: Db, workspaceId: string, departmentId: string | null): Promise<string[]> {
  let q = db
    .selectFrom('users as u')
    .select('u.id')
    .where('u.workspace_id', '=', workspaceId)
    .where('u.role', 'in', ['manager', 'admin'])
    .where('u.disabled_at', 'is', null);
  if (departmentId) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('department_members as m')
          .select('m.user_id')
          .whereRef('m.workspace_id', '=', 'u.workspace_id')
          .whereRef('m.user_id', '=', 'u.id')
          .where('m.department_id', '=', departmentId),
      ),
    );
  }
  return (await q.execute()).map((r) => r.id);
}

/** A staff member who is not disabled, with their role; undefined otherwise. */
export async function activeStaff(db: Db, workspaceId: string, id: string) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'role'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function departmentExists(db: Db, workspaceId: string, id: string): Promise<boolean> {
  const r = await db.selectFrom('departments').select('id').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return !!r;
}

/** The active admin with the fewest open cases (then by id): the owner of last resort. */
export async function leastBusyAdmin(tx: Db, workspaceId: string): Promise<string | undefined> {
  const r = await tx
    .selectFrom('users as u')
    .select('u.id')
    .where('u.workspace_id', '=', workspaceId)
    .where('u.role', '=', 'admin')
    .where('u.disabled_at', 'is', null)
    .orderBy((eb) =>
      eb
        .selectFrom('cases as c')
        .select((e) => e.fn.countAll().as('n'))
        .whereRef('c.workspace_id', '=', 'u.workspace_id')
        .whereRef('c.owner_id', '=', 'u.id')
        .where('c.status', '=', 'open'),
    )
    .orderBy('u.id')
    .limit(1)
    .executeTakeFirst();
  return r?.id;
}
