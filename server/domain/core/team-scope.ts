// Who may bring whom into the team and let whom go. Admins: anyone. Managers: agents only, into
// departments they are in themselves, and out of them (an agent who shares a department with the
// manager). Never an admin, never a role above the manager's own. Role changes stay with admins.
import type { Role } from '../../../contract/common.ts';
import type { Db } from '../../storage/database.ts';
import { findUser } from '../../storage/staff.ts';
import { departmentsOf } from '../../storage/team.ts';
import { isUuid } from '../../lib/ids.ts';
import { KeptError } from './errors.ts';
import type { Principal } from './principal.ts';

/** The one role a manager may invite and deactivate. */
export const managerMayManage: Role = 'agent';

export type TeamRefusal = 'agents_only' | 'not_your_department' | 'admins_only';

interface Person {
  role: Role;
  departmentIds: readonly string[];
}

/** Why `actor` may not invite someone as `invitee`, or null when they may. */
export function inviteRefusal(actor: Person, invitee: Person): TeamRefusal | null {
  if (actor.role === 'admin') return null;
  if (actor.role !== 'manager') return 'admins_only';
  if (invitee.role !== managerMayManage) return 'agents_only';
  if (!invitee.departmentIds.length) return 'not_your_department';
  return invitee.departmentIds.every((d) => actor.departmentIds.includes(d)) ? null : 'not_your_department';
}

/** Why `actor` may not deactivate (or mail a new link to) `member`, or null when they may. */
export function leaverRefusal(actor: Person, member: Person): TeamRefusal | null {
  if (actor.role === 'admin') return null;
  if (actor.role !== 'manager') return 'admins_only';
  if (member.role !== managerMayManage) return 'agents_only';
  return member.departmentIds.some((d) => actor.departmentIds.includes(d)) ? null : 'not_your_department';
}

const messages: Record<TeamRefusal, string> = {
  admins_only: 'Only admins and managers manage the team',
  agents_only: 'A manager invites and deactivates agents only; ask an admin for a manager or an admin',
  not_your_department: 'A manager invites into, and deactivates from, departments they are in themselves',
};

export function teamRefused(reason: TeamRefusal): KeptError {
  return new KeptError('forbidden', messages[reason], { reason });
}

/** The person acting, as the rules above read them (an API token belongs to no department). */
async function actorOf(db: Db, p: Principal): Promise<Person> {
  if (p.role === 'admin' || !p.userId) return { role: p.role, departmentIds: [] };
  return { role: p.role, departmentIds: (await departmentsOf(db, p.workspaceId, [p.userId])).get(p.userId) ?? [] };
}

export async function checkMayInvite(db: Db, p: Principal, invitee: { role: Role; departmentIds?: string[] }): Promise<void> {
  if (p.role === 'admin') return;
  const reason = inviteRefusal(await actorOf(db, p), { role: invitee.role, departmentIds: invitee.departmentIds ?? [] });
  if (reason) throw teamRefused(reason);
}

/** Checked before a deactivation or a new invitation link; an unknown person is left to the action's own 404. */
export async function checkMayLetGo(db: Db, p: Principal, memberId: string): Promise<void> {
  if (p.role === 'admin' || !isUuid(memberId)) return;
  const u = await findUser(db, p.workspaceId, memberId);
  if (!u) return;
  const departmentIds = (await departmentsOf(db, p.workspaceId, [memberId])).get(memberId) ?? [];
  const reason = leaverRefusal(await actorOf(db, p), { role: u.role, departmentIds });
  if (reason) throw teamRefused(reason);
}
