// A workspace's recovery settings: the clock's target and hours, the answer thresholds that
// open a case, the steps a case needs before it closes. Made with the defaults on first use.
import type { RecoverySettings } from '../../../contract/cases.ts';
import { stepNames } from '../../../contract/playbook.ts';
import * as store from '../../storage/cases.ts';
import type { Db } from '../../storage/database.ts';
import { clockPoints, type BusinessHours, type ClockPoints } from './case-clock.ts';
import { invalidInput, notFound } from '../core/errors.ts';

export async function recoverySettingsOf(db: Db, workspaceId: string, now: Date): Promise<store.RecoverySettingsRow> {
  const s = await store.readRecoverySettings(db, workspaceId, now);
  if (!s) throw notFound('The workspace');
  return s;
}

/** The clock's points for an oops under the workspace's target and hours. */
export function pointsFor(settings: store.RecoverySettingsRow, oopsAt: Date): ClockPoints {
  return clockPoints(oopsAt, settings.target_hours, (settings.business_hours as BusinessHours | null) ?? null);
}

export function toRecoverySettings(s: store.RecoverySettingsRow): RecoverySettings {
  return {
    targetHours: s.target_hours,
    businessHours: (s.business_hours as BusinessHours | null) ?? null,
    thresholds: { nps: s.nps_max, csat: s.csat_max, ces: s.ces_max },
    requiredSteps: stepNames.filter((n) => s.required_steps.includes(n)),
    defaultDepartmentId: s.default_department,
    followUpDays: s.follow_up_days,
  };
}

export async function getRecoverySettings(db: Db, workspaceId: string, now: Date): Promise<RecoverySettings> {
  return toRecoverySettings(await recoverySettingsOf(db, workspaceId, now));
}

/**
 * Replaces the settings. Open cases keep the due time they were given; a new target applies to
 * cases opened from now on (a clock does not move under someone's feet).
 */
export async function changeRecoverySettings(db: Db, workspaceId: string, now: Date, s: RecoverySettings): Promise<RecoverySettings> {
  if (s.defaultDepartmentId && !(await store.departmentExists(db, workspaceId, s.defaultDepartmentId))) {
    throw invalidInput('No such department', [{ path: ['defaultDepartmentId'], message: 'no such department in this workspace' }]);
  }
  // A target the working hours cannot reach (720 h on one hour a week) is refused here, not at the first case.
  clockPoints(now, s.targetHours, s.businessHours as BusinessHours | null);
  await recoverySettingsOf(db, workspaceId, now);
  await store.updateRecoverySettings(db, workspaceId, {
    target_hours: s.targetHours,
    business_hours: s.businessHours ? JSON.stringify(s.businessHours) : null,
    nps_max: s.thresholds.nps,
    csat_max: s.thresholds.csat,
    ces_max: s.thresholds.ces,
    required_steps: s.requiredSteps,
    default_department: s.defaultDepartmentId,
    follow_up_days: s.followUpDays,
    updated_at: now,
  });
  return getRecoverySettings(db, workspaceId, now);
}
