// The outbox's record of every message to a customer and the guard's decision on it; and the
// tasks held messages become.
import { sql, type Selectable, type Updateable } from 'kysely';
import type { GuardRule, OutboxMessage, Task } from '../../contract/outbox.ts';
import type { Db } from './database.ts';
import type { OutboxMessagesTable, TasksTable } from './schema.ts';

type OutboxRow = Selectable<OutboxMessagesTable>;
type TaskRow = Selectable<TasksTable>;

/** A message to a customer and the guard's decision on it, as the domain reads it. */
export interface OutboxMessageRecord {
  workspaceId: string;
  id: string;
  customerId: string;
  kind: string;
  source: string;
  subject: string;
  text: string;
  html: string | null;
  to: string;
  idempotencyKey: string | null;
  status: OutboxMessage['status'];
  /** The guard's decision in words. */
  decision: string;
  ruleId: string | null;
  eventId: string | null;
  taskId: string | null;
  mailId: string | null;
  createdAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
  decidedNote: string | null;
}

export type NewOutboxMessage = Omit<OutboxMessageRecord, 'decidedAt' | 'decidedBy' | 'decidedNote'>;
export type OutboxMessageChanges = Partial<Pick<OutboxMessageRecord, 'status' | 'mailId' | 'decidedAt' | 'decidedBy' | 'decidedNote'>>;

/** The event a task waits for, to close itself (a guard rule's resolvesOn). */
export type ResolvesOn = NonNullable<GuardRule['resolvesOn']>;

/** Work a held message asks of a department. */
export interface TaskRecord {
  workspaceId: string;
  id: string;
  departmentId: string | null;
  customerId: string;
  title: string;
  detail: string | null;
  status: Task['status'];
  messageId: string | null;
  ruleId: string | null;
  resolveOn: ResolvesOn | null;
  createdAt: Date;
  closedAt: Date | null;
  closedBy: string | null;
  closedNote: string | null;
  closedByEvent: string | null;
}

export type NewTask = Omit<TaskRecord, 'closedAt' | 'closedBy' | 'closedNote' | 'closedByEvent'>;
export type TaskChanges = Partial<Pick<TaskRecord, 'status' | 'closedAt' | 'closedBy' | 'closedNote' | 'closedByEvent'>>;

const toMessage = (r: OutboxRow): OutboxMessageRecord => ({
  workspaceId: r.workspace_id,
  id: r.id,
  customerId: r.customer_id,
  kind: r.kind,
  source: r.source,
  subject: r.subject,
  text: r.text,
  html: r.html,
  to: r.to_address,
  idempotencyKey: r.idempotency_key,
  status: r.status,
  decision: r.decision,
  ruleId: r.rule_id,
  eventId: r.event_id,
  taskId: r.task_id,
  mailId: r.mail_id,
  createdAt: r.created_at,
  decidedAt: r.decided_at,
  decidedBy: r.decided_by,
  decidedNote: r.decided_note,
});

const toTask = (r: TaskRow): TaskRecord => ({
  workspaceId: r.workspace_id,
  id: r.id,
  departmentId: r.department_id,
  customerId: r.customer_id,
  title: r.title,
  detail: r.detail,
  status: r.status,
  messageId: r.message_id,
  ruleId: r.rule_id,
  resolveOn: r.resolve_on as ResolvesOn | null,
  createdAt: r.created_at,
  closedAt: r.closed_at,
  closedBy: r.closed_by,
  closedNote: r.closed_note,
  closedByEvent: r.closed_by_event,
});

export async function insertOutboxMessage(tx: Db, m: NewOutboxMessage): Promise<void> {
  await tx
    .insertInto('outbox_messages')
    .values({
      workspace_id: m.workspaceId,
      id: m.id,
      customer_id: m.customerId,
      kind: m.kind,
      source: m.source,
      subject: m.subject,
      text: m.text,
      html: m.html,
      to_address: m.to,
      idempotency_key: m.idempotencyKey,
      status: m.status,
      decision: m.decision,
      rule_id: m.ruleId,
      event_id: m.eventId,
      task_id: m.taskId,
      mail_id: m.mailId,
      created_at: m.createdAt,
    })
    .execute();
}

export async function findOutboxMessage(db: Db, workspaceId: string, id: string, lock = false): Promise<OutboxMessageRecord | undefined> {
  let q = db.selectFrom('outbox_messages').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (lock) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r && toMessage(r);
}

export async function findOutboxByKey(db: Db, workspaceId: string, source: string, key: string): Promise<OutboxMessageRecord | undefined> {
  const r = await db
    .selectFrom('outbox_messages')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('source', '=', source)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  return r && toMessage(r);
}

export async function updateOutboxMessage(tx: Db, workspaceId: string, id: string, c: OutboxMessageChanges): Promise<void> {
  const set: Updateable<OutboxMessagesTable> = {
    status: c.status,
    mail_id: c.mailId,
    decided_at: c.decidedAt,
    decided_by: c.decidedBy,
    decided_note: c.decidedNote,
  };
  await tx.updateTable('outbox_messages').set(set).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

/** Newest first, keyset-paged by (created_at, id). */
export async function listOutboxMessages(
  db: Db,
  workspaceId: string,
  f: { status?: OutboxMessage['status']; customerId?: string; limit: number; before?: { at: Date; id: string } },
): Promise<OutboxMessageRecord[]> {
  let q = db.selectFrom('outbox_messages').selectAll().where('workspace_id', '=', workspaceId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.customerId) q = q.where('customer_id', '=', f.customerId);
  if (f.before) {
    const b = f.before;
    q = q.where(({ eb, refTuple, tuple }) => eb(refTuple('created_at', 'id'), '<', tuple(b.at, b.id)));
  }
  return (await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute()).map(toMessage);
}

/** A department by id, key or name (case-insensitive), for a rule's task. */
export async function findDepartmentRef(db: Db, workspaceId: string, ref: string): Promise<string | undefined> {
  const r = await sql<{ id: string }>`SELECT id FROM departments WHERE workspace_id = ${workspaceId}
    AND (id::text = ${ref} OR key = ${ref.toLowerCase()} OR lower(name) = ${ref.toLowerCase()}) LIMIT 1`.execute(db);
  return r.rows[0]?.id;
}

export async function insertTask(tx: Db, t: NewTask): Promise<void> {
  await tx
    .insertInto('tasks')
    .values({
      workspace_id: t.workspaceId,
      id: t.id,
      department_id: t.departmentId,
      customer_id: t.customerId,
      title: t.title,
      detail: t.detail,
      status: t.status,
      message_id: t.messageId,
      rule_id: t.ruleId,
      resolve_on: t.resolveOn ? JSON.stringify(t.resolveOn) : null,
      created_at: t.createdAt,
    })
    .execute();
}

export async function findTask(db: Db, workspaceId: string, id: string, lock = false): Promise<TaskRecord | undefined> {
  let q = db.selectFrom('tasks').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (lock) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r && toTask(r);
}

export async function updateTask(tx: Db, workspaceId: string, id: string, c: TaskChanges): Promise<void> {
  const set: Updateable<TasksTable> = {
    status: c.status,
    closed_at: c.closedAt,
    closed_by: c.closedBy,
    closed_note: c.closedNote,
    closed_by_event: c.closedByEvent,
  };
  await tx.updateTable('tasks').set(set).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

export async function listTasks(
  db: Db,
  workspaceId: string,
  f: { status: Task['status']; departmentId?: string; customerId?: string; limit: number; before?: { at: Date; id: string } },
): Promise<TaskRecord[]> {
  let q = db.selectFrom('tasks').selectAll().where('workspace_id', '=', workspaceId).where('status', '=', f.status);
  if (f.departmentId) q = q.where('department_id', '=', f.departmentId);
  if (f.customerId) q = q.where('customer_id', '=', f.customerId);
  if (f.before) {
    const b = f.before;
    q = q.where(({ eb, refTuple, tuple }) => eb(refTuple('created_at', 'id'), '<', tuple(b.at, b.id)));
  }
  return (await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute()).map(toTask);
}

/**
 * Open tasks that close on an event, the least recently checked first, marked checked now and
 * locked for the sweep (SKIP LOCKED: instances share it). Each sweep costs at most `limit`
 * look-ups, and every open task comes round in turn.
 */
export async function claimResolvableTasks(tx: Db, now: Date, limit: number): Promise<TaskRecord[]> {
  const r = await sql<TaskRow>`UPDATE tasks t SET checked_at = ${now}
    FROM (SELECT workspace_id, id FROM tasks WHERE status = 'open' AND resolve_on IS NOT NULL
          ORDER BY checked_at LIMIT ${limit} FOR UPDATE SKIP LOCKED) due
    WHERE t.workspace_id = due.workspace_id AND t.id = due.id
    RETURNING t.*`.execute(tx);
  return r.rows.map(toTask);
}
