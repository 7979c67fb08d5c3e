// The audit log: every change a person or an API token makes, who, what, when and from where.
// The route layer records each successful write (http/route.ts); actions that matter on their
// own (erasing a customer, changing retention) record themselves, with before and after.
import { z } from 'zod';
import type { AuditEntry, AuditExportQuery, AuditPage, AuditQuery } from '../../../contract/audit.ts';
import { insertAuditRecord, listAuditRecords, type AuditFilter, type AuditRecord } from '../../storage/audit-log.ts';
import type { Db } from '../../storage/database.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import type { Principal } from './principal.ts';

/** Where an action came from: the request's client address and id (absent for the CLI and jobs). */
export interface AuditOrigin {
  client?: string;
  requestId?: string;
}

export interface AuditAction {
  action: string;
  target?: string | null;
  status?: number | null;
  detail?: Record<string, unknown>;
}

/** Records an action of a principal, or of Kept itself (`principal` undefined: a job or the CLI). */
export async function recordAudit(
  db: Db,
  now: Date,
  workspaceId: string,
  principal: Principal | undefined,
  a: AuditAction,
  origin: AuditOrigin = {},
): Promise<string> {
  return insertAuditRecord(db, {
    workspaceId,
    at: now,
    actorKind: principal?.kind ?? 'system',
    actorId: (principal?.kind === 'user' ? principal.userId : principal?.tokenId) ?? null,
    actorRole: principal?.role ?? null,
    action: a.action,
    target: a.target ?? null,
    status: a.status ?? null,
    client: origin.client ?? null,
    requestId: origin.requestId ?? null,
    detail: a.detail ?? {},
  });
}

const toEntry = (r: AuditRecord): AuditEntry => ({
  id: r.id,
  at: r.at.toISOString(),
  actor: { kind: r.actorKind, id: r.actorId, role: r.actorRole },
  action: r.action,
  target: r.target,
  status: r.status,
  client: r.client,
  requestId: r.requestId,
  detail: r.detail,
});

const auditCursor = z.object({ at: z.iso.datetime(), id: z.uuid() });

const filterOf = (q: Omit<AuditQuery, 'limit' | 'cursor'>): Omit<AuditFilter, 'limit'> => ({
  actorId: q.actor,
  action: q.action,
  from: q.from ? new Date(q.from) : undefined,
  to: q.to ? new Date(q.to) : undefined,
});

/** A page of the log, newest first. */
export async function readAudit(db: Db, workspaceId: string, q: AuditQuery): Promise<AuditPage> {
  const before = q.cursor ? decodeCursor(q.cursor, auditCursor) : undefined;
  const rows = await listAuditRecords(db, workspaceId, {
    ...filterOf(q),
    before: before && { at: new Date(before.at), id: before.id },
    limit: q.limit + 1,
  });
  const more = rows.length > q.limit;
  if (more) rows.pop();
  const last = rows.at(-1);
  return { items: rows.map(toEntry), nextCursor: more && last ? encodeCursor({ at: last.at.toISOString(), id: last.id }) : null };
}

const csvColumns = ['id', 'at', 'actorKind', 'actorId', 'actorRole', 'action', 'target', 'status', 'client', 'requestId', 'detail'];
const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  return /[",\r\n]/.test(s) || /^[=+\-@\t]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** The whole (filtered) log as lines of CSV (with a header) or JSON, oldest last, a page at a time. */
export async function* exportAudit(db: Db, workspaceId: string, q: AuditExportQuery): AsyncGenerator<string> {
  if (q.format === 'csv') yield csvColumns.join(',') + '\r\n';
  let before: AuditFilter['before'];
  for (;;) {
    const rows = await listAuditRecords(db, workspaceId, { ...filterOf(q), before, limit: 1000 });
    for (const r of rows) {
      const e = toEntry(r);
      if (q.format === 'jsonl') yield JSON.stringify(e) + '\n';
      else {
        const flat = { ...e, actorKind: e.actor.kind, actorId: e.actor.id, actorRole: e.actor.role };
        yield csvColumns.map((k) => csvCell(flat[k as keyof typeof flat])).join(',') + '\r\n';
      }
    }
    if (rows.length < 1000) return;
    const last = rows.at(-1)!;
    before = { at: last.at, id: last.id };
  }
}
