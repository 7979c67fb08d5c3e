// The revenue ledger's mappings (which event types carry money, where the amount and currency
// are) and the workspace's growth settings. Raw SQL: the tables are this module's alone.
import { sql } from 'kysely';
import type { Db } from './database.ts';

export interface RevenueMappingRecord {
  id: string;
  eventType: string;
  amountPath: string;
  amountUnit: 'major' | 'minor';
  currencyPath: string | null;
  currency: string | null;
  negate: boolean;
  createdAt: Date;
  updatedAt: Date;
}

interface MappingRow {
  id: string;
  event_type: string;
  amount_path: string;
  amount_unit: 'major' | 'minor';
  currency_path: string | null;
  currency: string | null;
  negate: boolean;
  created_at: Date;
  updated_at: Date;
}

const record = (r: MappingRow): RevenueMappingRecord => ({
  id: r.id,
  eventType: r.event_type,
  amountPath: r.amount_path,
  amountUnit: r.amount_unit,
  currencyPath: r.currency_path,
  currency: r.currency,
  negate: r.negate,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function listMappings(db: Db, workspaceId: string): Promise<RevenueMappingRecord[]> {
  const r = await sql<MappingRow>`SELECT * FROM revenue_mappings WHERE workspace_id = ${workspaceId} ORDER BY event_type`.execute(db);
  return r.rows.map(record);
}

export async function findMapping(db: Db, workspaceId: string, id: string): Promise<RevenueMappingRecord | undefined> {
  const r = await sql<MappingRow>`SELECT * FROM revenue_mappings WHERE workspace_id = ${workspaceId} AND id = ${id}`.execute(db);
  return r.rows[0] && record(r.rows[0]);
}

/** Inserts or replaces the mapping of its event type (one per type); answers the stored one. */
export async function upsertMapping(db: Db, workspaceId: string, m: Omit<RevenueMappingRecord, 'createdAt' | 'updatedAt'>, now: Date) {
  const r = await sql<MappingRow>`
    INSERT INTO revenue_mappings (workspace_id, id, event_type, amount_path, amount_unit, currency_path, currency, negate, created_at, updated_at)
    VALUES (${workspaceId}, ${m.id}, ${m.eventType}, ${m.amountPath}, ${m.amountUnit}, ${m.currencyPath}, ${m.currency}, ${m.negate}, ${now}, ${now})
    ON CONFLICT (workspace_id, event_type) DO UPDATE SET amount_path = EXCLUDED.amount_path, amount_unit = EXCLUDED.amount_unit,
      currency_path = EXCLUDED.currency_path, currency = EXCLUDED.currency, negate = EXCLUDED.negate, updated_at = EXCLUDED.updated_at
    RETURNING *`.execute(db);
  return record(r.rows[0]!);
}

export async function deleteMapping(db: Db, workspaceId: string, id: string): Promise<boolean> {
  const r = await sql`DELETE FROM revenue_mappings WHERE workspace_id = ${workspaceId} AND id = ${id}`.execute(db);
  return Number(r.numAffectedRows ?? 0) > 0;
}

/**
 * What the newest events of a type hold at a path: how many were looked at, how many have a
 * number there (or a decimal in a string), and the distinct texts found at a currency path.
 */
export async function probePaths(db: Db, workspaceId: string, eventType: string, amountPath: string, currencyPath: string | null) {
  const r = await sql<{ events: number; amounts: number; currencies: (string | null)[] | null }>`
    WITH recent AS (
      SELECT data FROM events WHERE workspace_id = ${workspaceId} AND type = ${eventType} ORDER BY occurred_at DESC LIMIT 200)
    SELECT count(*)::int AS events,
      count(*) FILTER (WHERE (data #>> ${amountPath.split('.')}::text[]) ~ '^-?[0-9]+(\\.[0-9]+)?$')::int AS amounts,
      array_agg(DISTINCT data #>> ${(currencyPath ?? '').split('.')}::text[]) FILTER (WHERE ${currencyPath !== null}) AS currencies
    FROM recent`.execute(db);
  const row = r.rows[0]!;
  return { events: row.events, amounts: row.amounts, currencies: (row.currencies ?? []).filter((c): c is string => c !== null) };
}

export interface GrowthSettingsRecord {
  reportingCurrency: string;
  acquisitionEvents: { eventType: string; path: string; earnedValues: string[] }[];
  updatedAt: Date;
}

export async function findGrowthSettings(db: Db, workspaceId: string): Promise<GrowthSettingsRecord | undefined> {
  const r = await sql<{ reporting_currency: string; acquisition_events: GrowthSettingsRecord['acquisitionEvents']; updated_at: Date }>`
    SELECT reporting_currency, acquisition_events, updated_at FROM growth_settings WHERE workspace_id = ${workspaceId}`.execute(db);
  const row = r.rows[0];
  return row && { reportingCurrency: row.reporting_currency, acquisitionEvents: row.acquisition_events, updatedAt: row.updated_at };
}

export async function saveGrowthSettings(
  db: Db,
  workspaceId: string,
  s: Omit<GrowthSettingsRecord, 'updatedAt'>,
  now: Date,
): Promise<void> {
  await sql`
    INSERT INTO growth_settings (workspace_id, reporting_currency, acquisition_events, updated_at)
    VALUES (${workspaceId}, ${s.reportingCurrency}, ${JSON.stringify(s.acquisitionEvents)}::jsonb, ${now})
    ON CONFLICT (workspace_id) DO UPDATE SET reporting_currency = EXCLUDED.reporting_currency,
      acquisition_events = EXCLUDED.acquisition_events, updated_at = EXCLUDED.updated_at`.execute(db);
}
