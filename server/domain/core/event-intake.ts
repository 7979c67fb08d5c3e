// Event intake with group commit (domain/group-commit.ts): concurrent POSTs of one workspace
// share a transaction (most often a single statement: event-group.ts) of up to 1,000 events and
// one WAL flush; each is answered after COMMIT.
import type { EventInput } from '../../../contract/events.ts';
import type { Db } from '../../storage/database.ts';
import type { Clock } from './clock.ts';
import { recordEventGroup } from './event-group.ts';
import { checkEvents, type IntakeAudit, type RecordedEvent } from './events.ts';
import { createGroupCommit } from './group-commit.ts';

export interface EventIntake {
  /**
   * Stores the events all or nothing, like recordEvents, possibly in one transaction (or one
   * statement) with other calls; `audit` is the request's audit record, written with them.
   */
  record(workspaceId: string, inputs: EventInput[], audit?: IntakeAudit): Promise<RecordedEvent[]>;
}

interface Job {
  workspaceId: string;
  inputs: EventInput[];
  audit?: IntakeAudit;
}

export function createEventIntake(db: Db, clock: Clock, opts: { maxEvents?: number; maxInFlight?: number } = {}): EventIntake {
  const commits = createGroupCommit<Job, RecordedEvent[]>({
    maxItems: opts.maxEvents ?? 1000,
    maxInFlight: opts.maxInFlight ?? 4,
    size: (j) => j.inputs.length,
    group: (j) => j.workspaceId,
    run: (jobs) => recordEventGroup(db, clock, jobs[0]!.workspaceId, jobs),
  });
  return {
    async record(workspaceId, inputs, audit) {
      // Refuse bad input before it can share a transaction with anyone else's.
      checkEvents(inputs, clock.now(), (i) => (inputs.length === 1 ? [] : ['events', i]));
      return commits.submit({ workspaceId, inputs, audit });
    },
  };
}
