// The recovery business defaults, named once for the domain: the recovery target a workspace's
// case clock starts with (and the report's within-24-hours figure counts against), and the points
// of the clock at which the owner is reminded and the managers are told. The API documents the
// target and the points, so their values come from the contract (contract/case-clock.ts).
import { escalatePercent, recoveryTargetHours, remindPercent, waitingCloseDays } from '../../../contract/case-clock.ts';

export { escalatePercent, recoveryTargetHours, remindPercent, waitingCloseDays };

/** Share of the target at which the owner is reminded (50 %). */
export const remindFraction = remindPercent / 100;
/** Share of the target at which the department's managers are told (80 %). */
export const escalateFraction = escalatePercent / 100;

/** What a workspace's recovery settings are made with on first use. */
export const recoveryDefaults = { targetHours: recoveryTargetHours, waitingCloseDays };
