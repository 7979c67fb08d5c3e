// The audit log table: insert and read, never update or delete (a trigger refuses both).
import { sql } from 'kysely';
import { uuidv7 } from '../lib/ids.ts';
import type { Db } from './database.ts';

export interface AuditRecord {
  id: string;
  workspaceId: string;
  at: Date;
  actorKind: 'user' | 'token' | 'system';
  actorId: string | null;
  actorRole: string | null;
  action: string;
  target: string | null;
  status: number | null;
  client: string | null;
  requestId: string | null;
  detail: Record<string, unknown>;
}

export type NewAuditRecord = Omit<AuditRecord, 'id'>;

export async function insertAuditRecord(db: Db, r: NewAuditRecord): Promise<string> {
  const id = uuidv7(r.at.getTime());
  await insertAuditRecords(db, [{ ...r, id }]);
  return id;
}

/** Several records in one statement (the requests of a group of events). */
export async function insertAuditRecords(db: Db, records: AuditRecord[]): Promise<void> {
  if (!records.length) return;
  await db
    .insertInto('audit_log')
    .values(
      records.map((r) => ({
        workspace_id: r.workspaceId,
        id: r.id,
        at: r.at,
        actor_kind: r.actorKind,
        actor_id: r.actorId,
        actor_role: r.actorRole,
        action: r.action,
        target: r.target,
        status: r.status,
        client: r.client,
        request_id: r.requestId,
        detail: JSON.stringify(r.detail),
      })),
    )
    .execute();
}

export interface AuditFilter {
  actorId?: string;
  action?: string;
  from?: Date;
  to?: Date;
  /** Keyset: entries strictly older than this (at, id). */
  before?: { at: Date; id: string };
  limit: number;
}

/** Entries newest first. */
export async function listAuditRecords(db: Db, workspaceId: string, f: AuditFilter): Promise<AuditRecord[]> {
  let q = db.selectFrom('audit_log').selectAll().where('workspace_id', '=', workspaceId);
  if (f.actorId) q = q.where('actor_id', '=', f.actorId);
  if (f.action) q = q.where(sql<boolean>`strpos(lower(action), lower(${f.action})) > 0`);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  if (f.before) q = q.where(sql<boolean>`(at, id) < (${f.before.at}, ${f.before.id}::uuid)`);
  const rows = await q.orderBy('at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    workspaceId: r.workspace_id,
    at: r.at,
    actorKind: r.actor_kind,
    actorId: r.actor_id,
    actorRole: r.actor_role,
    action: r.action,
    target: r.target,
    status: r.status,
    client: r.client,
    requestId: r.request_id,
    detail: r.detail,
  }));
}
