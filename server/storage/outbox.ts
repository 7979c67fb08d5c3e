// The outbox's record of every message to a customer and the guard's decision on it; and the
// tasks held messages become.
import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db } from './database.ts';
import type { OutboxMessagesTable, TasksTable } from './schema.ts';

export type OutboxRow = Selectable<OutboxMessagesTable>;
export type TaskRow = Selectable<TasksTable>;

export async function insertOutboxMessage(tx: Db, row: Insertable<OutboxMessagesTable>): Promise<void> {
  await tx.insertInto('outbox_messages').values(row).execute();
}

export async function findOutboxMessage(db: Db, workspaceId: string, id: string, lock = false): Promise<OutboxRow | undefined> {
  let q = db.selectFrom('outbox_messages').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function findOutboxByKey(db: Db, workspaceId: string, source: string, key: string): Promise<OutboxRow | undefined> {
  return db
    .selectFrom('outbox_messages')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('source', '=', source)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

export async function updateOutboxMessage(
  tx: Db,
  workspaceId: string,
  id: string,
  set: Partial<Omit<Insertable<OutboxMessagesTable>, 'workspace_id' | 'id'>>,
): Promise<void> {
  await tx.updateTable('outbox_messages').set(set).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

/** Newest first, keyset-paged by (created_at, id). */
export async function listOutboxMessages(
  db: Db,
  workspaceId: string,
  f: { status?: OutboxRow['status']; customerId?: string; limit: number; before?: { at: Date; id: string } },
): Promise<OutboxRow[]> {
  let q = db.selectFrom('outbox_messages').selectAll().where('workspace_id', '=', workspaceId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.customerId) q = q.where('customer_id', '=', f.customerId);
  if (f.before) {
    const b = f.before;
    q = q.where(({ eb, refTuple, tuple }) => eb(refTuple('created_at', 'id'), '<', tuple(b.at, b.id)));
  }
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

/** A department by id, key or name (case-insensitive), for a rule's task. */
export async function findDepartmentRef(db: Db, workspaceId: string, ref: string): Promise<string | undefined> {
  const r = await sql<{ id: string }>`SELECT id FROM departments WHERE workspace_id = ${workspaceId}
    AND (id::text = ${ref} OR key = ${ref.toLowerCase()} OR lower(name) = ${ref.toLowerCase()}) LIMIT 1`.execute(db);
  return r.rows[0]?.id;
}

export async function insertTask(tx: Db, row: Insertable<TasksTable>): Promise<void> {
  await tx.insertInto('tasks').values(row).execute();
}

export async function findTask(db: Db, workspaceId: string, id: string, lock = false): Promise<TaskRow | undefined> {
  let q = db.selectFrom('tasks').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function updateTask(
  tx: Db,
  workspaceId: string,
  id: string,
  set: Partial<Omit<Insertable<TasksTable>, 'workspace_id' | 'id'>>,
): Promise<void> {
  await tx.updateTable('tasks').set(set).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

export async function listTasks(
  db: Db,
  workspaceId: string,
  f: { status: TaskRow['status']; departmentId?: string; customerId?: string; limit: number; before?: { at: Date; id: string } },
): Promise<TaskRow[]> {
  let q = db.selectFrom('tasks').selectAll().where('workspace_id', '=', workspaceId).where('status', '=', f.status);
  if (f.departmentId) q = q.where('department_id', '=', f.departmentId);
  if (f.customerId) q = q.where('customer_id', '=', f.customerId);
  if (f.before) {
    const b = f.before;
    q = q.where(({ eb, refTuple, tuple }) => eb(refTuple('created_at', 'id'), '<', tuple(b.at, b.id)));
  }
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

/**
 * Open tasks that close on an event, the least recently checked first, marked checked now and
 * locked for the sweep (SKIP LOCKED: instances share it). Each sweep costs at most `limit`
 * look-ups, and every open task comes round in turn.
 */
export async function claimResolvableTasks(tx: Db, now: Date, limit: number): Promise<TaskRow[]> {
  const r = await sql<TaskRow>`UPDATE tasks t SET checked_at = ${now}
    FROM (SELECT workspace_id, id FROM tasks WHERE status = 'open' AND resolve_on IS NOT NULL
          ORDER BY checked_at LIMIT ${limit} FOR UPDATE SKIP LOCKED) due
    WHERE t.workspace_id = due.workspace_id AND t.id = due.id
    RETURNING t.*`.execute(tx);
  return r.rows;
}
