// Group commit for event intake. Every acknowledged event must be durable, so each request
// waits for a COMMIT and its WAL flush (about 1 ms on these disks). Concurrent requests are
// therefore stored together: while transactions are in flight, new requests queue, and the
// next transaction takes all of them (up to 1,000 events, one workspace), so one flush
// acknowledges many requests. An idle server stores a request at once, with no added wait.
import type { EventInput } from '../../contract/events.ts';
import type { Db } from '../storage/database.ts';
import type { Clock } from './clock.ts';
import { checkEvents, recordEvents, type RecordedEvent } from './events.ts';

export interface EventIntake {
  /** Stores the events all or nothing, like recordEvents, possibly in one transaction with other calls. */
  record(workspaceId: string, inputs: EventInput[]): Promise<RecordedEvent[]>;
}

interface Job {
  workspaceId: string;
  inputs: EventInput[];
  resolve(r: RecordedEvent[]): void;
  reject(err: unknown): void;
}

export function createEventIntake(db: Db, clock: Clock, opts: { maxEvents?: number; maxInFlight?: number } = {}): EventIntake {
  const maxEvents = opts.maxEvents ?? 1000;
  const maxInFlight = opts.maxInFlight ?? 4;
  const queue: Job[] = [];
  let inFlight = 0;

  const store = (j: Job) => recordEvents(db, clock, j.workspaceId, j.inputs).then(j.resolve, j.reject);

  async function flush(group: Job[]): Promise<void> {
    if (group.length === 1) return store(group[0]!);
    try {
      const results = await recordEvents(
        db,
        clock,
        group[0]!.workspaceId,
        group.flatMap((j) => j.inputs),
      );
      let at = 0;
      for (const j of group) {
        j.resolve(results.slice(at, at + j.inputs.length).map((r, index) => ({ ...r, index })));
        at += j.inputs.length;
      }
    } catch {
      // One request's data may have failed the shared transaction: store each alone, so only it fails.
      await Promise.all(group.map(store));
    }
  }

  function pump(): void {
    while (inFlight < maxInFlight && queue.length) {
      const first = queue.shift()!;
      const group = [first];
      let events = first.inputs.length;
      for (let i = 0; i < queue.length && events < maxEvents;) {
        const j = queue[i]!;
        if (j.workspaceId === first.workspaceId && events + j.inputs.length <= maxEvents) {
          group.push(j);
          events += j.inputs.length;
          queue.splice(i, 1);
        } else i++;
      }
      inFlight++;
      void flush(group).finally(() => {
        inFlight--;
        pump();
      });
    }
  }

  return {
    async record(workspaceId, inputs) {
      // Refuse bad input before it can share a transaction with anyone else's.
      checkEvents(inputs, clock.now(), (i) => (inputs.length === 1 ? [] : ['events', i]));
      return new Promise((resolve, reject) => {
        queue.push({ workspaceId, inputs, resolve, reject });
        pump();
      });
    },
  };
}
