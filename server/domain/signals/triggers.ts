// Triggers: a survey that follows an event type. Storing events schedules the invitations their
// triggers ask for, in the same transaction, so none is lost or doubled.
import type { Db } from '../../storage/database.ts';
import { insertInvitations, type NewInvitation } from '../../storage/invitations.ts';
import { enabledTriggerTypes, triggersFor } from '../../storage/surveys.ts';
import { newInvitation } from './new-invitation.ts';
import { triggerGraceMs } from './thresholds.ts';

/**
 * The event types a workspace's triggers listen for, remembered for a few seconds so storing
 * events costs no extra query when nothing listens. A trigger added or removed on this instance
 * takes effect at once; on other instances within triggerCacheMs.
 */
export const triggerCacheMs = 5000;
const triggerTypeCache = new Map<string, { at: number; types: Set<string> }>();

async function triggerTypes(db: Db, workspaceId: string, now: Date): Promise<Set<string>> {
  const hit = triggerTypeCache.get(workspaceId);
  if (hit && now.getTime() - hit.at < triggerCacheMs && now.getTime() >= hit.at) return hit.types;
  const types = new Set(await enabledTriggerTypes(db, workspaceId));
  if (triggerTypeCache.size > 10_000) triggerTypeCache.clear();
  triggerTypeCache.set(workspaceId, { at: now.getTime(), types });
  return types;
}

/** Whether any of these events may schedule a survey (by the cached trigger types): a query only when the cache is stale. */
export async function mayTrigger(db: Db, workspaceId: string, events: { type: string; source: string }[], now: Date): Promise<boolean> {
  const types = await triggerTypes(db, workspaceId, now);
  return types.size > 0 && events.some((e) => e.source !== 'kept' && types.has(e.type));
}

export function forgetTriggerTypes(workspaceId: string): void {
  triggerTypeCache.delete(workspaceId);
}

/**
 * Called in the transaction that stores events: every enabled trigger listening for an event's
 * type schedules an invitation at occurred_at + delay (once per trigger and event). Sampling is
 * decided here and recorded. Kept's own events (source `kept`) never trigger surveys.
 */
export async function scheduleTriggered(
  tx: Db,
  workspaceId: string,
  events: { id: string; type: string; source: string; customerId: string; occurredAt: Date }[],
  now: Date,
  random: () => number = Math.random,
): Promise<number> {
  const types = await triggerTypes(tx, workspaceId, now);
  const candidates = events.filter((e) => e.source !== 'kept' && types.has(e.type));
  if (!candidates.length) return 0;
  const triggers = await triggersFor(tx, workspaceId, [...new Set(candidates.map((e) => e.type))]);
  if (!triggers.length) return 0;
  const invitations: NewInvitation[] = [];
  for (const e of candidates) {
    for (const t of triggers) {
      if (t.eventType !== e.type) continue;
      const sendAt = new Date(e.occurredAt.getTime() + t.delayHours * 3_600_000);
      if (sendAt.getTime() + triggerGraceMs < now.getTime()) continue;
      const sampledOut = random() * 100 >= t.samplePercent;
      invitations.push(
        newInvitation(workspaceId, {
          surveyId: t.surveyId,
          customerId: e.customerId,
          channel: 'email',
          origin: 'trigger',
          sendAt,
          now,
          triggerId: t.id,
          eventId: e.id,
          ...(sampledOut ? { status: 'suppressed' as const, suppressedReason: 'sampled_out' as const } : {}),
        }),
      );
    }
  }
  return (await insertInvitations(tx, invitations)).length;
}
