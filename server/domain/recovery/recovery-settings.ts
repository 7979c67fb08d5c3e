// A workspace's recovery settings: the clock's target and hours, the answer thresholds that
// open a case, the steps a case needs before it closes. Made with the defaults on first use.
import type { RecoverySettings } from '../../../contract/cases.ts';
import { stepNames } from '../../../contract/playbook.ts';
import { departmentExists } from '../../storage/case-assignments.ts';
import type { Db } from '../../storage/database.ts';
import * as store from '../../storage/recovery-settings.ts';
import { clockPoints, type BusinessHours, type ClockPoints } from './case-clock.ts';
import { invalidInput, notFound } from '../core/errors.ts';
import { recoveryDefaults } from './targets.ts';

export async function recoverySettingsOf(db: Db, workspaceId: string, now: Date): Promise<store.RecoverySettingsRecord> {
  const s = await store.readRecoverySettings(db, workspaceId, now, recoveryDefaults);
  if (!s) throw notFound('The workspace');
  return s;
}

/** The clock's points for an oops under the workspace's target and hours. */
export function pointsFor(settings: store.RecoverySettingsRecord, oopsAt: Date): ClockPoints {
  return clockPoints(oopsAt, settings.targetHours, (settings.businessHours as BusinessHours | null) ?? null);
}

export function toRecoverySettings(s: store.RecoverySettingsRecord): RecoverySettings {
  return {
    targetHours: s.targetHours,
    businessHours: (s.businessHours as BusinessHours | null) ?? null,
    thresholds: { nps: s.npsMax, csat: s.csatMax, ces: s.cesMax },
    requiredSteps: stepNames.filter((n) => s.requiredSteps.includes(n)),
    defaultDepartmentId: s.defaultDepartment,
    followUpDays: s.followUpDays,
    waitingCloseDays: s.waitingCloseDays,
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
  if (s.defaultDepartmentId && !(await departmentExists(db, workspaceId, s.defaultDepartmentId))) {
    throw invalidInput('No such department', [{ path: ['defaultDepartmentId'], message: 'no such department in this workspace' }]);
  }
  // A target the working hours cannot reach (720 h on one hour a week) is refused here, not at the first case.
  clockPoints(now, s.targetHours, s.businessHours as BusinessHours | null);
  const current = await recoverySettingsOf(db, workspaceId, now);
  await store.updateRecoverySettings(db, workspaceId, {
    targetHours: s.targetHours,
    businessHours: s.businessHours,
    npsMax: s.thresholds.nps,
    csatMax: s.thresholds.csat,
    cesMax: s.thresholds.ces,
    requiredSteps: s.requiredSteps,
    defaultDepartment: s.defaultDepartmentId,
    followUpDays: s.followUpDays,
    waitingCloseDays: s.waitingCloseDays ?? current.waitingCloseDays,
    updatedAt: now,
  });
  return getRecoverySettings(db, workspaceId, now);
}
