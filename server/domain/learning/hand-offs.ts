// Internal customers (seed 004): when work passes between departments (a case reassigned to
// another department, a held message's task, a task closed by another team, or a request recorded
// by hand) the requesting department rates the hand-off once, 1-5 with a comment, the way customers
// rate the company. A low rating reaches the giving department's managers, never a customer.
import type { HandOff, HandOffInput, HandOffListQuery, HandOffRating } from '../../../contract/learning-people.ts';
import type { Db } from '../../storage/database.ts';
import { findDepartment } from '../../storage/departments.ts';
import * as store from '../../storage/learning-hand-offs.ts';
import { staffDirectory } from '../../storage/learning-kudos.ts';
import { enqueueMail } from '../../storage/mails.ts';
import { isUuid, uuidv7 } from '../../lib/ids.ts';
import { z } from 'zod';
import type { Clock } from '../core/clock.ts';
import { decodeCursor, encodeCursor } from '../core/cursor.ts';
import { invalidInput, KeptError, notFound, type FieldProblem } from '../core/errors.ts';
import type { Principal } from '../core/principal.ts';
import { composeTeamNote } from '../core/team-mail.ts';

/** A rating at or below this reaches the giving department's managers. */
export const lowHandOffRating = 2;

export interface HandOffDeps {
  db: Db;
  clock: Clock;
  publicUrl?: string;
}

export const presentHandOff = (h: store.HandOffRecord): HandOff => ({
  id: h.id,
  kind: h.kind,
  refId: h.refId,
  requestingDepartmentId: h.requestingDepartmentId,
  givingDepartmentId: h.givingDepartmentId,
  title: h.title,
  handedAt: h.handedAt.toISOString(),
  rating: h.rating,
  comment: h.comment,
  ratedAt: h.ratedAt?.toISOString() ?? null,
  ratedBy: h.ratedBy,
});

/**
 * Records a hand-off in the caller's transaction; nothing when either side is unknown or both are
 * the same department (work that stayed in a team is no hand-off).
 */
export async function recordHandOffIn(
  tx: Db,
  clock: Clock,
  workspaceId: string,
  h: {
    kind: store.HandOffRecord['kind'];
    refId: string | null;
    requesting: string | null;
    giving: string | null;
    title: string;
    byUser: string | null;
  },
): Promise<string | null> {
  if (!h.requesting || !h.giving || h.requesting === h.giving) return null;
  const now = clock.now();
  const id = uuidv7(now.getTime());
  await store.insertHandOff(tx, workspaceId, {
    id,
    kind: h.kind,
    refId: h.refId,
    requestingDepartmentId: h.requesting,
    givingDepartmentId: h.giving,
    title: h.title.slice(0, 300),
    handedAt: now,
    byUser: h.byUser,
  });
  return id;
}

/**
 * A task closed: the department that sent the held message (its source is the department's key)
 * asked for the work; the task's department did it, unless someone of another team closed it,
 * whose department did.
 */
export async function recordTaskHandOffIn(
  tx: Db,
  clock: Clock,
  workspaceId: string,
  taskId: string,
  closedBy: string | null,
): Promise<void> {
  const t = await store.taskOrigin(tx, workspaceId, taskId);
  if (!t) return;
  let giving = t.taskDepartmentId;
  if (closedBy) {
    const closer = (await staffDirectory(tx, workspaceId)).find((s) => s.id === closedBy);
    if (closer?.departmentIds.length && !(giving && closer.departmentIds.includes(giving))) giving = closer.departmentIds[0]!;
  }
  const requesting = t.senderDepartmentId ?? t.taskDepartmentId;
  await recordHandOffIn(tx, clock, workspaceId, { kind: 'task', refId: taskId, requesting, giving, title: t.title, byUser: closedBy });
}

/** A request recorded by hand (work asked of another department outside cases and tasks). */
export async function requestHandOff(d: HandOffDeps, p: Principal, input: HandOffInput): Promise<HandOff> {
  const problems: FieldProblem[] = [];
  for (const field of ['requestingDepartmentId', 'givingDepartmentId'] as const) {
    if (!(await findDepartment(d.db, p.workspaceId, input[field])))
      problems.push({ path: [field], message: 'no such department in this workspace' });
  }
  if (!problems.length && input.requestingDepartmentId === input.givingDepartmentId) {
    problems.push({ path: ['givingDepartmentId'], message: 'is the requesting department: a hand-off is between two departments' });
  }
  if (problems.length) throw invalidInput('The hand-off was not recorded', problems);
  const id = await d.db.transaction().execute((tx) =>
    recordHandOffIn(tx, d.clock, p.workspaceId, {
      kind: 'request',
      refId: null,
      requesting: input.requestingDepartmentId,
      giving: input.givingDepartmentId,
      title: input.title,
      byUser: p.userId ?? null,
    }),
  );
  return getHandOff(d.db, p.workspaceId, id!);
}

async function handOffOf(db: Db, workspaceId: string, id: string, lock = false) {
  const h = isUuid(id) ? await store.findHandOff(db, workspaceId, id, lock) : undefined;
  if (!h) throw notFound('The hand-off');
  return h;
}

export async function getHandOff(db: Db, workspaceId: string, id: string): Promise<HandOff> {
  return presentHandOff(await handOffOf(db, workspaceId, id));
}

/**
 * The requesting department rates the hand-off, once: a member of that department, or a manager
 * or admin. A low rating is mailed to the giving department's managers.
 */
export async function rateHandOff(d: HandOffDeps, p: Principal, id: string, input: HandOffRating): Promise<HandOff> {
  const now = d.clock.now();
  await d.db.transaction().execute(async (tx) => {
    const h = await handOffOf(tx, p.workspaceId, id, true);
    const staff = await staffDirectory(tx, p.workspaceId);
    const me = staff.find((s) => s.id === p.userId);
    if (p.role === 'agent' && !me?.departmentIds.includes(h.requestingDepartmentId)) {
      throw new KeptError('forbidden', 'Only the requesting department (or a manager) rates a hand-off', {
        reason: 'not_requesting_department',
      });
    }
    if (
      h.rating !== null ||
      !(await store.rateHandOff(tx, p.workspaceId, id, {
        rating: input.rating,
        comment: input.comment ?? null,
        at: now,
        by: p.userId ?? null,
      }))
    ) {
      throw new KeptError('conflict', 'The hand-off is rated already; a rating is given once', { reason: 'hand_off_rated' });
    }
    if (input.rating > lowHandOffRating) return;
    const [requesting, giving] = await Promise.all([
      findDepartment(tx, p.workspaceId, h.requestingDepartmentId),
      findDepartment(tx, p.workspaceId, h.givingDepartmentId),
    ]);
    const managers = staff.filter((s) => s.role !== 'agent' && s.departmentIds.includes(h.givingDepartmentId));
    for (const m of managers) {
      const mail = composeTeamNote({
        subject: `${requesting?.name ?? 'A department'} rated a hand-off ${input.rating} of 5`,
        name: m.name,
        lines: [
          `${requesting?.name ?? 'A department'} rated ${giving?.name ?? 'your department'}’s work on “${h.title}” ${input.rating} of 5.`,
        ],
        quote: input.comment,
        url: d.publicUrl ? `${d.publicUrl}/learning/internal-customers` : null,
      });
      await enqueueMail(
        tx,
        p.workspaceId,
        { customerId: null, invitationId: null, kind: 'staff_hand_off_low', to: m.email, ...mail, headers: {} },
        now,
      );
    }
  });
  return getHandOff(d.db, p.workspaceId, id);
}

const positionSchema = z.object({ at: z.iso.datetime(), id: z.uuid() });

export async function listHandOffs(
  db: Db,
  workspaceId: string,
  q: HandOffListQuery,
): Promise<{ items: HandOff[]; nextCursor: string | null }> {
  const before = q.cursor ? decodeCursor(q.cursor, positionSchema) : undefined;
  const rows = await store.listHandOffs(db, workspaceId, {
    state: q.state,
    departmentId: q.departmentId,
    before: before && { at: new Date(before.at), id: before.id },
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map(presentHandOff),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ at: last.handedAt.toISOString(), id: last.id }) : null,
  };
}
