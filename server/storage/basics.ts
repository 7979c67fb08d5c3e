// The basics (seed 002): their definitions, the events that break them, and their rates per
// period, all with the event-condition SQL that causes and guard rules use.
import { sql, type RawBuilder } from 'kysely';
import type { SelectorCondition } from '../../contract/causes.ts';
import type { Db } from './database.ts';
import { condition } from './event-conditions.ts';

export interface BasicRecord {
  id: string;
  name: string;
  kind: 'product' | 'place' | 'time' | 'way';
  departmentId: string | null;
  eventType: string;
  appliesWhen: SelectorCondition[];
  keptWhen: SelectorCondition[];
  severity: 'low' | 'normal' | 'high' | 'critical';
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

interface BasicRow {
  id: string;
  name: string;
  kind: BasicRecord['kind'];
  department_id: string | null;
  event_type: string;
  applies_when: SelectorCondition[];
  kept_when: SelectorCondition[];
  severity: BasicRecord['severity'];
  enabled: boolean;
  created_at: Date;
  updated_at: Date;
}

const record = (r: BasicRow): BasicRecord => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  departmentId: r.department_id,
  eventType: r.event_type,
  appliesWhen: r.applies_when,
  keptWhen: r.kept_when,
  severity: r.severity,
  enabled: r.enabled,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function listBasics(db: Db, workspaceId: string, o: { departmentId?: string; eventTypes?: string[] } = {}) {
  const r = await sql<BasicRow>`
    SELECT * FROM basics WHERE workspace_id = ${workspaceId}
      ${o.departmentId ? sql`AND department_id = ${o.departmentId}` : sql``}
      ${o.eventTypes ? sql`AND enabled AND event_type = ANY(${o.eventTypes}::text[])` : sql``}
    ORDER BY name, id`.execute(db);
  return r.rows.map(record);
}

export async function findBasic(db: Db, workspaceId: string, id: string): Promise<BasicRecord | undefined> {
  const r = await sql<BasicRow>`SELECT * FROM basics WHERE workspace_id = ${workspaceId} AND id = ${id}`.execute(db);
  return r.rows[0] && record(r.rows[0]);
}

export async function enabledBasicTypes(db: Db, workspaceId: string): Promise<string[]> {
  const r = await sql<{ event_type: string }>`
    SELECT DISTINCT event_type FROM basics WHERE workspace_id = ${workspaceId} AND enabled`.execute(db);
  return r.rows.map((x) => x.event_type);
}

export async function saveBasic(db: Db, workspaceId: string, b: Omit<BasicRecord, 'createdAt' | 'updatedAt'>, now: Date) {
  const r = await sql<BasicRow>`
    INSERT INTO basics (workspace_id, id, name, kind, department_id, event_type, applies_when, kept_when, severity, enabled, created_at, updated_at)
    VALUES (${workspaceId}, ${b.id}, ${b.name}, ${b.kind}, ${b.departmentId}, ${b.eventType}, ${JSON.stringify(b.appliesWhen)}::jsonb,
      ${JSON.stringify(b.keptWhen)}::jsonb, ${b.severity}, ${b.enabled}, ${now}, ${now})
    ON CONFLICT (workspace_id, id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, department_id = EXCLUDED.department_id,
      event_type = EXCLUDED.event_type, applies_when = EXCLUDED.applies_when, kept_when = EXCLUDED.kept_when,
      severity = EXCLUDED.severity, enabled = EXCLUDED.enabled, updated_at = EXCLUDED.updated_at
    RETURNING *`.execute(db);
  return record(r.rows[0]!);
}

export async function deleteBasic(db: Db, workspaceId: string, id: string): Promise<boolean> {
  const r = await sql`DELETE FROM basics WHERE workspace_id = ${workspaceId} AND id = ${id}`.execute(db);
  return Number(r.numAffectedRows ?? 0) > 0;
}

const all = (cs: SelectorCondition[]): RawBuilder<boolean> =>
  cs.length
    ? sql<boolean>`(${sql.join(
        cs.map((c) => sql`COALESCE(${condition(c)}, false)`),
        sql` AND `,
      )})`
    : sql<boolean>`true`;

/** Of these events, those the basic applies to and that do not keep it. */
export async function brokenAmong(db: Db, workspaceId: string, b: BasicRecord, eventIds: string[]) {
  const r = await sql<{ id: string; customer_id: string; occurred_at: Date }>`
    SELECT e.id, e.customer_id, e.occurred_at FROM events e
    WHERE e.workspace_id = ${workspaceId} AND e.id = ANY(${eventIds}::uuid[]) AND e.type = ${b.eventType}
      AND ${all(b.appliesWhen)} AND NOT ${all(b.keptWhen)}`.execute(db);
  return r.rows.map((e) => ({ id: e.id, customerId: e.customer_id, occurredAt: e.occurred_at }));
}

/** Events the basic applied to and how many kept it, per bucket of the boundaries (1 = the first period). */
export async function basicCounts(db: Db, workspaceId: string, b: BasicRecord, bounds: Date[]) {
  const r = await sql<{ bucket: number; events: number; kept: number }>`
    SELECT width_bucket(e.occurred_at, ${bounds.map((d) => d.toISOString())}::timestamptz[]) AS bucket,
      count(*)::int AS events, count(*) FILTER (WHERE ${all(b.keptWhen)})::int AS kept
    FROM events e
    WHERE e.workspace_id = ${workspaceId} AND e.type = ${b.eventType}
      AND e.occurred_at >= ${bounds[0]!} AND e.occurred_at < ${bounds[bounds.length - 1]!} AND ${all(b.appliesWhen)}
    GROUP BY 1`.execute(db);
  return new Map(r.rows.map((x) => [x.bucket, { events: x.events, kept: x.kept }]));
}
