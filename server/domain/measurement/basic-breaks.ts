// A broken basic is an oops: called in the transaction that stores events, it finds the new
// events that break an enabled basic and queues an oops report for each through the one entry
// point (recovery/cases), with the oops at the event's time and one report per basic and event.
import type { Db } from '../../storage/database.ts';
import { brokenAmong, enabledBasicTypes, listBasics } from '../../storage/basics.ts';
import type { Clock } from '../core/clock.ts';
import { queueOopsReports, type OopsReport } from '../recovery/cases.ts';

/** Like survey triggers: the event types basics watch, remembered a few seconds per workspace. */
export const basicCacheMs = 5000;
const typeCache = new Map<string, { at: number; types: Set<string> }>();

async function watchedTypes(db: Db, workspaceId: string, now: Date): Promise<Set<string>> {
  const hit = typeCache.get(workspaceId);
  if (hit && now.getTime() - hit.at < basicCacheMs && now.getTime() >= hit.at) return hit.types;
  const types = new Set(await enabledBasicTypes(db, workspaceId));
  if (typeCache.size > 10_000) typeCache.clear();
  typeCache.set(workspaceId, { at: now.getTime(), types });
  return types;
}

/** Whether any of these events may break a basic (by the cached watched types): a query only when the cache is stale. */
export async function mayBreakBasics(db: Db, workspaceId: string, events: { type: string; source: string }[], now: Date): Promise<boolean> {
  const types = await watchedTypes(db, workspaceId, now);
  return types.size > 0 && events.some((e) => e.source !== 'kept' && types.has(e.type));
}

export function forgetBasicTypes(workspaceId: string): void {
  typeCache.delete(workspaceId);
}

export async function reportBrokenBasics(
  tx: Db,
  clock: Clock,
  workspaceId: string,
  events: { id: string; type: string; source: string }[],
): Promise<number> {
  const types = await watchedTypes(tx, workspaceId, clock.now());
  const candidates = events.filter((e) => e.source !== 'kept' && types.has(e.type));
  if (!candidates.length) return 0;
  const basics = await listBasics(tx, workspaceId, { eventTypes: [...new Set(candidates.map((e) => e.type))] });
  const reports: (OopsReport & { dedupeKey: string })[] = [];
  for (const b of basics) {
    const ids = candidates.filter((e) => e.type === b.eventType).map((e) => e.id);
    for (const e of await brokenAmong(tx, workspaceId, b, ids)) {
      reports.push({
        kind: 'basic',
        customerId: e.customerId,
        occurredAt: e.occurredAt,
        summary: `A basic was broken: ${b.name}`,
        severity: b.severity,
        ref: { basicId: b.id, eventId: e.id, basic: b.name, kind: b.kind },
        dedupeKey: `basic:${b.id}:${e.id}`,
        departmentId: b.departmentId,
      });
    }
  }
  if (reports.length) await queueOopsReports(tx, clock, workspaceId, reports);
  return reports.length;
}
