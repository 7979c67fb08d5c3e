// A leaver: deactivating a person ends their sessions and revokes the API tokens they made at
// once, and hands their open cases and open promises to their department's round robin (else the
// default department's, else an admin), recorded on each case's assignments and timeline and in
// each promise's history. One transaction: either all of it happens or none.
import type { HandOver } from '../../../contract/team.ts';
import type { Db } from '../../storage/database.ts';
import { insertAssignment } from '../../storage/case-assignments.ts';
import { updateCase } from '../../storage/cases.ts';
import { insertChange, updateCommitment } from '../../storage/commitments.ts';
import { insertEvents } from '../../storage/events.ts';
import { findUser } from '../../storage/staff.ts';
import * as team from '../../storage/team.ts';
import type { Clock } from '../core/clock.ts';
import { KeptError, notFound } from '../core/errors.ts';
import { isUuid, uuidv7 } from '../../lib/ids.ts';
import { getTeamMember } from '../core/team.ts';
import { caseEvent } from './case-events.ts';
import { pickOwner } from './owners.ts';
import { recoverySettingsOf } from './recovery-settings.ts';

/** Deactivates the person; answers the hand-over and the revoked tokens' ids (for the token cache to forget). */
export async function deactivateStaff(
  d: { db: Db; clock: Clock },
  workspaceId: string,
  id: string,
  byUserId: string | null,
): Promise<{ handOver: HandOver; tokenIds: string[] }> {
  if (!isUuid(id)) throw notFound('The person');
  if (id === byUserId) throw new KeptError('conflict', 'You cannot deactivate yourself; ask another admin');
  const now = d.clock.now();
  const out = await d.db.transaction().execute(async (tx) => {
    const u = await findUser(tx, workspaceId, id);
    if (!u) throw notFound('The person');
    if (u.disabledAt) throw new KeptError('conflict', `${u.name} is already deactivated`);
    if (u.role === 'admin' && !(await team.otherActiveAdmins(tx, workspaceId, id)))
      throw new KeptError('conflict', 'The workspace needs at least one active admin');
    await team.disableUser(tx, workspaceId, id, now);
    const sessionsEnded = await team.deleteSessionsOf(tx, workspaceId, id);
    const tokenIds = await team.revokeTokensOf(tx, workspaceId, id, now);
    await team.usePasswordLinks(tx, workspaceId, id, now);
    const ownDepartment = (await team.departmentsOf(tx, workspaceId, [id])).get(id)?.[0] ?? null;
    const settings = await recoverySettingsOf(tx, workspaceId, now);
    const cases: HandOver['cases'] = [];
    for (const c of await team.openCasesOwnedBy(tx, workspaceId, id)) {
      const to = await pickOwner(tx, workspaceId, c.departmentId ?? ownDepartment, settings.defaultDepartment);
      await updateCase(tx, workspaceId, c.id, { ownerId: to.ownerId, departmentId: to.departmentId });
      await insertAssignment(tx, {
        workspaceId,
        caseId: c.id,
        at: now,
        ownerId: to.ownerId,
        departmentId: to.departmentId,
        byUser: byUserId,
        how: to.how,
      });
      const reason = 'owner_deactivated';
      await insertEvents(
        tx,
        workspaceId,
        [
          caseEvent(c, 'case.reassigned', now, {
            ownerId: to.ownerId,
            departmentId: to.departmentId,
            previousOwnerId: id,
            byUserId,
            reason,
          }),
        ],
        now,
      );
      cases.push({ caseId: c.id, number: c.number, ownerId: to.ownerId });
    }
    const commitments: HandOver['commitments'] = [];
    for (const m of await team.openCommitmentsOwnedBy(tx, workspaceId, id)) {
      const to = await pickOwner(tx, workspaceId, m.departmentId ?? ownDepartment, settings.defaultDepartment);
      await updateCommitment(tx, workspaceId, m.id, { ownerId: to.ownerId });
      await insertChange(tx, {
        workspaceId,
        commitmentId: m.id,
        id: uuidv7(now.getTime()),
        change: 'handed_over',
        at: now,
        recordedAt: now,
        dueAt: m.dueAt,
        previousDueAt: null,
        byUser: byUserId,
        byToken: null,
        note: `${u.name} left; handed to ${to.ownerId ? 'the next person of the department' : 'no one (no one active to take it)'}`,
      });
      commitments.push({ commitmentId: m.id, ownerId: to.ownerId });
    }
    return { sessionsEnded, tokensRevoked: tokenIds.length, tokenIds, cases, commitments };
  });
  const { tokenIds, ...handOver } = out;
  return { handOver: { member: await getTeamMember(d.db, workspaceId, id), ...handOver }, tokenIds };
}
