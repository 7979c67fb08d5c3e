// Event intake with group commit (domain/group-commit.ts): concurrent POSTs of one workspace
// share a transaction of up to 1,000 events and one WAL flush; each is answered after COMMIT.
import type { EventInput } from '../../../contract/events.ts';
import type { Db } from '../../storage/database.ts';
import type { Clock } from './clock.ts';
import { checkEvents, recordEvents, type RecordedEvent } from './events.ts';
import { createGroupCommit } from './group-commit.ts';

export interface EventIntake {
  /** Stores the events all or nothing, like recordEvents, possibly in one transaction with other calls. */
  record(workspaceId: string, inputs: EventInput[]): Promise<RecordedEvent[]>;
}

interface Job {
  workspaceId: string;
  inputs: EventInput[];
}

export function createEventIntake(db: Db, clock: Clock, opts: { maxEvents?: number; maxInFlight?: number } = {}): EventIntake {
  const commits = createGroupCommit<Job, RecordedEvent[]>({
    maxItems: opts.maxEvents ?? 1000,
    maxInFlight: opts.maxInFlight ?? 4,
    size: (j) => j.inputs.length,
    group: (j) => j.workspaceId,
    async run(jobs) {
      const results = await recordEvents(
        db,
        clock,
        jobs[0]!.workspaceId,
        jobs.flatMap((j) => j.inputs),
      );
      let at = 0;
      return jobs.map((j) => {
        const mine = results.slice(at, at + j.inputs.length).map((r, index) => ({ ...r, index }));
        at += j.inputs.length;
        return mine;
      });
    },
  });
  return {
    async record(workspaceId, inputs) {
      // Refuse bad input before it can share a transaction with anyone else's.
      checkEvents(inputs, clock.now(), (i) => (inputs.length === 1 ? [] : ['events', i]));
      return commits.submit({ workspaceId, inputs });
    },
  };
}
