// A workspace's recovery settings: the clock's target and hours, the answer thresholds that
// open a case, the steps a case needs before it closes. Made with the defaults on first use.
import * as store from '../storage/cases.ts';
import type { Db } from '../storage/database.ts';
import { clockPoints, type BusinessHours, type ClockPoints } from './case-clock.ts';
import { notFound } from './errors.ts';

export async function recoverySettingsOf(db: Db, workspaceId: string, now: Date): Promise<store.RecoverySettingsRow> {
  const s = await store.readRecoverySettings(db, workspaceId, now);
  if (!s) throw notFound('The workspace');
  return s;
}

/** The clock's points for an oops under the workspace's target and hours. */
export function pointsFor(settings: store.RecoverySettingsRow, oopsAt: Date): ClockPoints {
  return clockPoints(oopsAt, settings.target_hours, (settings.business_hours as BusinessHours | null) ?? null);
}
