// kept import events: loads historical events from a JSON Lines or CSV file onto customers'
// timelines through recordEvents, the function the API uses. A record without an idempotency
// key gets one derived from its content, so importing the same file again adds nothing.
import { eventInputSchema, maxEventsPerBatch, type EventInput } from '../../contract/events.ts';
import { systemClock } from '../../server/domain/core/clock.ts';
import { KeptError, type FieldProblem } from '../../server/domain/core/errors.ts';
import { checkEvents, recordEvents } from '../../server/domain/core/events.ts';
import { canonicalJson, contentKey, importCommand } from '../import-file.ts';

export const importEvents = importCommand<EventInput>({
  name: 'import events',
  noun: 'events',
  maxBatch: maxEventsPerBatch,
  importer: (db, workspaceId) => ({
    check: checkedEvent,
    async store(batch) {
      const results = await recordEvents(db, systemClock, workspaceId, batch);
      const duplicates = results.filter((r) => r.duplicate).length;
      return { stored: results.length - duplicates, duplicates };
    },
  }),
});

/** The record as an event ready to store, or what is wrong with it. */
export function checkedEvent(record: unknown): EventInput | FieldProblem[] {
  const parsed = eventInputSchema.safeParse(record);
  if (!parsed.success)
    return parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message }));
  try {
    checkEvents([parsed.data], systemClock.now(), () => []);
  } catch (err) {
    if (err instanceof KeptError) return (err.details as { problems: FieldProblem[] }).problems;
    throw err;
  }
  return { ...parsed.data, idempotencyKey: parsed.data.idempotencyKey ?? importKey(parsed.data) };
}

/** A key derived from everything the record says, so the same record imported twice is stored once. */
export function importKey(e: EventInput): string {
  return contentKey({ ...e, idempotencyKey: undefined, occurredAt: new Date(e.occurredAt).toISOString() });
}

export { canonicalJson };
