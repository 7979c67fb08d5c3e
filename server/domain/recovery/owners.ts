// Who gets a case (or a leaver's promise) when no one is named: the department's round robin,
// else the workspace's default department's, else the admin with the fewest open cases.
import type { Db } from '../../storage/database.ts';
import { leastBusyAdmin, rotateOwner, type AssignmentHow } from '../../storage/case-assignments.ts';

export interface PickedOwner {
  ownerId: string | null;
  /** The case's department: the one asked for, else the default department. */
  departmentId: string | null;
  how: AssignmentHow;
}

export async function pickOwner(
  tx: Db,
  workspaceId: string,
  departmentId: string | null,
  defaultDepartment: string | null,
): Promise<PickedOwner> {
  const department = departmentId ?? defaultDepartment;
  if (departmentId) {
    const owner = await rotateOwner(tx, workspaceId, departmentId);
    if (owner) return { ownerId: owner, departmentId, how: 'round_robin' };
  }
  if (defaultDepartment && defaultDepartment !== departmentId) {
    const owner = await rotateOwner(tx, workspaceId, defaultDepartment);
    if (owner) return { ownerId: owner, departmentId: department, how: 'round_robin' };
  }
  const admin = await leastBusyAdmin(tx, workspaceId);
  return admin
    ? { ownerId: admin, departmentId: department, how: 'reassigned' }
    : { ownerId: null, departmentId: department, how: 'unassigned' };
}
