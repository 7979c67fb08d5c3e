// Events for an export: the whole workspace's timeline (or one customer's), newest received
// first by id (UUIDv7, the primary key's order, so each page is an index range, not a sort),
// each with the customer reference `kept import events` matches customers by.
import { sql } from 'kysely';
import type { Db } from './database.ts';

export interface EventExportFilter {
  customerId?: string;
  types?: string[];
  sources?: string[];
  from?: Date;
  to?: Date;
}

export interface ExportedEvent {
  id: string;
  type: string;
  occurredAt: Date;
  source: string;
  idempotencyKey: string | null;
  customer: { externalId: string | null; email: string | null; name: string | null };
  data: Record<string, unknown>;
}

function filtered(db: Db, workspaceId: string, f: EventExportFilter) {
  let q = db.selectFrom('events as e').where('e.workspace_id', '=', workspaceId);
  if (f.customerId) q = q.where('e.customer_id', '=', f.customerId);
  if (f.types?.length) q = q.where('e.type', 'in', f.types);
  if (f.sources?.length) q = q.where('e.source', 'in', f.sources);
  if (f.from) q = q.where('e.occurred_at', '>=', f.from);
  if (f.to) q = q.where('e.occurred_at', '<', f.to);
  return q;
}

/** A page of events, before `beforeId`. */
export async function exportedEvents(
  db: Db,
  workspaceId: string,
  f: EventExportFilter & { beforeId?: string; limit: number },
): Promise<ExportedEvent[]> {
  let q = filtered(db, workspaceId, f).innerJoin('customers as c', (j) =>
    j.onRef('c.workspace_id', '=', 'e.workspace_id').onRef('c.id', '=', 'e.customer_id'),
  );
  if (f.beforeId) q = q.where('e.id', '<', f.beforeId);
  const rows = await q
    .select(['e.id', 'e.type', 'e.occurred_at', 'e.source', 'e.idempotency_key', 'e.data', 'c.external_id', 'c.email', 'c.name'])
    .orderBy('e.id', 'desc')
    .limit(f.limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    occurredAt: r.occurred_at,
    source: r.source,
    idempotencyKey: r.idempotency_key,
    customer: { externalId: r.external_id, email: r.email, name: r.name },
    data: r.data as Record<string, unknown>,
  }));
}

/** The keys the matching events' data carry, sorted: the CSV's data.<key> columns. */
export async function eventDataKeys(db: Db, workspaceId: string, f: EventExportFilter): Promise<string[]> {
  const rows = await filtered(db, workspaceId, f)
    .select(sql<string>`jsonb_object_keys(e.data)`.as('key'))
    .distinct()
    .execute();
  return rows.map((r) => r.key).sort();
}
