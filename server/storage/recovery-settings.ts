// A workspace's recovery settings: the clock's target and hours, the answer thresholds, the steps
// a case needs before it closes. Made with the domain's defaults on first use.
import { sql, type Selectable } from 'kysely';
import type { Db } from './database.ts';
import type { RecoverySettingsTable } from './schema.ts';

/** A workspace's recovery settings as stored. */
export interface RecoverySettingsRecord {
  workspaceId: string;
  targetHours: number;
  businessHours: Record<string, unknown> | null;
  npsMax: number;
  csatMax: number;
  cesMax: number;
  requiredSteps: string[];
  defaultDepartment: string | null;
  followUpDays: number;
  /** A case waiting only for the follow-up answer closes itself after this many days without one. */
  waitingCloseDays: number;
  updatedAt: Date;
}

/** The defaults a workspace's settings are made with on first use (the domain names them). */
export interface RecoveryDefaults {
  targetHours: number;
  waitingCloseDays: number;
}

export const toRecoverySettingsRecord = (r: Selectable<RecoverySettingsTable>): RecoverySettingsRecord => ({
  workspaceId: r.workspace_id,
  targetHours: r.target_hours,
  businessHours: r.business_hours,
  npsMax: r.nps_max,
  csatMax: r.csat_max,
  cesMax: r.ces_max,
  requiredSteps: r.required_steps,
  defaultDepartment: r.default_department,
  followUpDays: r.follow_up_days,
  waitingCloseDays: r.waiting_close_days,
  updatedAt: r.updated_at,
});

/**
 * The workspace's recovery settings, made with the defaults on first use; undefined for no such
 * workspace.
 */
export async function readRecoverySettings(
  db: Db,
  workspaceId: string,
  now: Date,
  defaults: RecoveryDefaults,
): Promise<RecoverySettingsRecord | undefined> {
  const select = () => db.selectFrom('recovery_settings').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
  const r = await select();
  if (r) return toRecoverySettingsRecord(r);
  await sql`INSERT INTO recovery_settings (workspace_id, target_hours, waiting_close_days, updated_at)
    SELECT id, ${defaults.targetHours}::int, ${defaults.waitingCloseDays}::int, ${now} FROM workspaces WHERE id = ${workspaceId}
    ON CONFLICT (workspace_id) DO NOTHING`.execute(db);
  const made = await select();
  return made && toRecoverySettingsRecord(made);
}

export async function updateRecoverySettings(db: Db, workspaceId: string, s: Omit<RecoverySettingsRecord, 'workspaceId'>): Promise<void> {
  await db
    .updateTable('recovery_settings')
    .set({
      target_hours: s.targetHours,
      business_hours: s.businessHours ? JSON.stringify(s.businessHours) : null,
      nps_max: s.npsMax,
      csat_max: s.csatMax,
      ces_max: s.cesMax,
      required_steps: s.requiredSteps,
      default_department: s.defaultDepartment,
      follow_up_days: s.followUpDays,
      waiting_close_days: s.waitingCloseDays,
      updated_at: s.updatedAt,
    })
    .where('workspace_id', '=', workspaceId)
    .execute();
}

/** Sets the workspace's default department, making its settings row with the target given when missing. */
export async function setDefaultDepartment(db: Db, workspaceId: string, departmentId: string, targetHours: number, now: Date) {
  await sql`INSERT INTO recovery_settings (workspace_id, target_hours, default_department, updated_at)
    VALUES (${workspaceId}, ${targetHours}::int, ${departmentId}, ${now})
    ON CONFLICT (workspace_id) DO UPDATE SET default_department = EXCLUDED.default_department, updated_at = EXCLUDED.updated_at`.execute(
    db,
  );
}
