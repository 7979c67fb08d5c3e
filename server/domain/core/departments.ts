// Departments: first-class owners of parts of the customer's experience. An event's `source`
// names the department that reported it, by key; later capabilities route work to them.
import type { Department } from '../../../contract/departments.ts';
import type { Db } from '../../storage/database.ts';
import * as store from '../../storage/departments.ts';
import { findUser } from '../../storage/staff.ts';
import type { Clock } from './clock.ts';
import { KeptError, notFound } from './errors.ts';
import { isUuid, uuidv7 } from '../../lib/ids.ts';

export const listDepartments = store.listDepartments;

export async function getDepartment(db: Db, workspaceId: string, id: string): Promise<Department> {
  const d = isUuid(id) ? await store.findDepartment(db, workspaceId, id) : undefined;
  if (!d) throw notFound('Department');
  return d;
}

export async function createDepartment(
  db: Db,
  clock: Clock,
  workspaceId: string,
  input: { key: string; name: string; colour: string },
): Promise<Department> {
  const id = uuidv7();
  try {
    await store.insertDepartment(db, workspaceId, { id, ...input, createdAt: clock.now() });
  } catch (err) {
    if ((err as { code?: string }).code === '23505') {
      throw new KeptError('conflict', `A department with the key "${input.key}" already exists`, {
        problems: [{ path: ['key'], message: 'already taken' }],
      });
    }
    throw err;
  }
  return getDepartment(db, workspaceId, id);
}

export async function updateDepartment(db: Db, workspaceId: string, id: string, patch: { name?: string; colour?: string }) {
  if (!isUuid(id) || !(await store.updateDepartment(db, workspaceId, id, patch))) throw notFound('Department');
  return getDepartment(db, workspaceId, id);
}

export async function setMembership(db: Db, clock: Clock, workspaceId: string, departmentId: string, userId: string, member: boolean) {
  await getDepartment(db, workspaceId, departmentId);
  if (!isUuid(userId) || !(await findUser(db, workspaceId, userId))) throw notFound('User');
  if (member) await store.addMember(db, workspaceId, departmentId, userId, clock.now());
  else await store.removeMember(db, workspaceId, departmentId, userId);
  return getDepartment(db, workspaceId, departmentId);
}
