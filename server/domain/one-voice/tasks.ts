// Tasks: the work a held message asks of a department ("billing says the return was not received;
// the carrier delivered it: check"). Staff close a task by hand, or it closes itself when the
// event it waits for arrives (return.received): then its held message, now known to be wrong,
// is cancelled, and the timeline says why.
import { z } from 'zod';
import type { Task, TaskListQuery } from '../../../contract/outbox.ts';
import { staffNames } from '../../storage/case-messages.ts';
import type { Db } from '../../storage/database.ts';
import { insertEvents } from '../../storage/events.ts';
import { findMatchingEvent } from '../../storage/guard.ts';
import { customerProfiles } from '../../storage/invitations.ts';
import * as store from '../../storage/outbox.ts';
import type { Clock } from '../core/clock.ts';
import { decodeCursor, encodeCursor } from '../core/cursor.ts';
import { KeptError, notFound } from '../core/errors.ts';
import { isUuid, uuidv7 } from '../../lib/ids.ts';
import { closeHeldIn } from './outbox.ts';
import { recordTaskHandOffIn } from '../learning/hand-offs.ts';

async function present(db: Db, workspaceId: string, rows: store.TaskRecord[]): Promise<Task[]> {
  const customers = await customerProfiles(
    db,
    workspaceId,
    rows.map((r) => r.customerId),
  );
  const names = await staffNames(
    db,
    workspaceId,
    rows.map((r) => r.closedBy),
  );
  return rows.map((r) => {
    const c = customers.get(r.customerId);
    return {
      id: r.id,
      departmentId: r.departmentId,
      customerId: r.customerId,
      customer: { name: c?.name ?? null, email: c?.email ?? null, externalId: c?.externalId ?? null },
      title: r.title,
      detail: r.detail,
      status: r.status,
      messageId: r.messageId,
      createdAt: r.createdAt.toISOString(),
      closedAt: r.closedAt?.toISOString() ?? null,
      closedNote: r.closedNote,
      closedBy: r.closedBy ? { id: r.closedBy, name: names.get(r.closedBy) ?? 'Former staff' } : null,
      closedByEventId: r.closedByEvent,
    };
  });
}

export async function listTasks(db: Db, workspaceId: string, q: TaskListQuery) {
  const before = q.cursor ? decodeCursor(q.cursor, z.object({ at: z.iso.datetime(), id: z.uuid() })) : undefined;
  const rows = await store.listTasks(db, workspaceId, {
    status: q.status,
    departmentId: q.departmentId,
    customerId: q.customerId,
    limit: q.limit + 1,
    before: before && { at: new Date(before.at), id: before.id },
  });
  const page = rows.slice(0, q.limit);
  const last = rows.length > q.limit ? page.at(-1) : undefined;
  return {
    items: await present(db, workspaceId, page),
    nextCursor: last ? encodeCursor({ at: last.createdAt.toISOString(), id: last.id }) : null,
  };
}

export async function getTask(db: Db, workspaceId: string, id: string): Promise<Task> {
  const r = isUuid(id) ? await store.findTask(db, workspaceId, id) : undefined;
  if (!r) throw notFound('The task');
  return (await present(db, workspaceId, [r]))[0]!;
}

const taskEvent = (t: store.TaskRecord, at: Date, data: Record<string, unknown>) => ({
  id: uuidv7(at.getTime()),
  customerId: t.customerId,
  type: 'task.closed',
  source: 'kept',
  occurredAt: at,
  idempotencyKey: `task:${t.id}:closed`,
  data: { taskId: t.id, title: t.title, departmentId: t.departmentId, ...data },
});

/** A person closes a task. Its held message, if still held, stays for them to release or cancel. */
export async function closeTask(db: Db, clock: Clock, workspaceId: string, id: string, by: string | null, note?: string): Promise<Task> {
  const now = clock.now();
  await db.transaction().execute(async (tx) => {
    const t = isUuid(id) ? await store.findTask(tx, workspaceId, id, true) : undefined;
    if (!t) throw notFound('The task');
    if (t.status !== 'open') throw new KeptError('conflict', 'The task is closed already');
    await store.updateTask(tx, workspaceId, id, { status: 'done', closedAt: now, closedBy: by, closedNote: note ?? null });
    await insertEvents(tx, workspaceId, [taskEvent(t, now, { byUserId: by, note: note ?? null })], now);
    // Work done for another department: a hand-off its requester rates (learning/hand-offs.ts).
    await recordTaskHandOffIn(tx, clock, workspaceId, id, by);
  });
  return getTask(db, workspaceId, id);
}

/**
 * One pass over open tasks that wait for an event (the least recently checked first, at most
 * `limit`): a task whose event has arrived since it opened closes, and its held message is
 * cancelled with that event as the reason. Safe on several instances (SKIP LOCKED).
 */
export async function closeResolvedTasks(db: Db, clock: Clock, limit = 200): Promise<number> {
  const now = clock.now();
  return db.transaction().execute(async (tx) => {
    let closed = 0;
    for (const t of await store.claimResolvableTasks(tx, now, limit)) {
      if (!t.resolveOn) continue;
      const e = await findMatchingEvent(tx, t.workspaceId, t.customerId, t.resolveOn, now, t.createdAt);
      if (!e) continue;
      const note = `${e.type} from ${e.source} on ${e.occurredAt.toISOString().slice(0, 16).replace('T', ' ')} UTC (event ${e.id})`;
      const m = t.messageId ? await store.findOutboxMessage(tx, t.workspaceId, t.messageId, true) : undefined;
      if (m?.status === 'held') {
        await closeHeldIn(tx, t.workspaceId, m, 'cancel', now, { by: null, note: `Resolved: ${note}`, eventId: e.id });
      } else {
        await store.updateTask(tx, t.workspaceId, t.id, {
          status: 'done',
          closedAt: now,
          closedNote: `Resolved: ${note}`,
          closedByEvent: e.id,
        });
      }
      await insertEvents(tx, t.workspaceId, [taskEvent(t, now, { resolvedByEventId: e.id, note: `Resolved: ${note}` })], now);
      closed++;
    }
    return closed;
  });
}
