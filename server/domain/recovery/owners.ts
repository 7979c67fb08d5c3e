// Who gets a case (or a leaver's promise) when no one is named: the department's round robin,
// else the workspace's default department's, else the admin with the fewest open cases.
import type { Db } from '../../storage/database.ts';
import {
  leastBusyAdmin,
  nextInRotation,
  rotateOwner,
  rotationLast,
  rotationMembers,
  type AssignmentHow,
} from '../../storage/case-assignments.ts';

export interface PickedOwner {
  ownerId: string | null;
  /** The case's department: the one asked for, else the default department. */
  departmentId: string | null;
  how: AssignmentHow;
}

/**
 * A batch's round robin per department, read once (the rotation row stays locked) and saved by
 * the caller once the batch is done (case-writes.ts): `moved` when it gave out a case.
 */
export type OwnerRotation = Map<string, { members: string[]; last: string | null; moved: boolean }>;

export async function pickOwner(
  tx: Db,
  workspaceId: string,
  departmentId: string | null,
  defaultDepartment: string | null,
  rotation?: OwnerRotation,
): Promise<PickedOwner> {
  const department = departmentId ?? defaultDepartment;
  const rotate = async (id: string): Promise<string | undefined> => {
    if (!rotation) return rotateOwner(tx, workspaceId, id);
    let r = rotation.get(id);
    if (!r) {
      const members = await rotationMembers(tx, workspaceId, id);
      r = { members, last: members.length ? await rotationLast(tx, workspaceId, id) : null, moved: false };
      rotation.set(id, r);
    }
    if (!r.members.length) return undefined;
    r.last = nextInRotation(r.members, r.last);
    r.moved = true;
    return r.last;
  };
  if (departmentId) {
    const owner = await rotate(departmentId);
    if (owner) return { ownerId: owner, departmentId, how: 'round_robin' };
  }
  if (defaultDepartment && defaultDepartment !== departmentId) {
    const owner = await rotate(defaultDepartment);
    if (owner) return { ownerId: owner, departmentId: department, how: 'round_robin' };
  }
  const admin = await leastBusyAdmin(tx, workspaceId);
  return admin
    ? { ownerId: admin, departmentId: department, how: 'reassigned' }
    : { ownerId: null, departmentId: department, how: 'unassigned' };
}
