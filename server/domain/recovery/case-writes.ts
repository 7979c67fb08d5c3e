// What reporting an oops reads and writes, behind one interface with two ways of doing it:
// `directWrites` sends each statement as it comes (a staff report, a complaint: one oops), and
// `batchWrites` serves a batch of oopses of one workspace (domain/recovery/oops-queue.ts) with
// one read of their dedupe keys and open cases, case numbers counted on from one read, the round
// robin read once per department, and the oopses, assignments, timeline events and clock points
// written with one statement each at `flush()`. Cases themselves are inserted as they open, so
// "the admin with the fewest open cases" still counts the batch's own.
import type { Db } from '../../storage/database.ts';
import { insertEvents, type NewEvent } from '../../storage/events.ts';
import { insertAssignment, insertAssignments, saveRotation, type Assignment } from '../../storage/case-assignments.ts';
import * as store from '../../storage/cases.ts';
import { scheduleClock, scheduleClocks } from '../../storage/case-clocks.ts';
import { pickOwner, type OwnerRotation, type PickedOwner } from './owners.ts';

export interface CaseWrites {
  /** The case an oops with this dedupe key went to, if one was reported. */
  seen(key: string): Promise<string | undefined>;
  openCase(customerId: string): Promise<store.CaseRecord | undefined>;
  nextNumber(): Promise<number>;
  pickOwner(departmentId: string | null, defaultDepartment: string | null): Promise<PickedOwner>;
  insertCase(c: store.NewCase): Promise<void>;
  /** The case's oops time and due time moved earlier. */
  moveCase(c: store.CaseRecord, oopsAt: Date, dueAt: Date): Promise<void>;
  insertOops(o: store.Oops): Promise<void>;
  insertAssignment(a: Assignment): Promise<void>;
  insertEvent(e: NewEvent, at: Date): Promise<void>;
  scheduleClock(caseId: string, runAt: Date): Promise<void>;
}

export function directWrites(tx: Db, workspaceId: string): CaseWrites {
  return {
    seen: async (key) => (await store.findOopsByKey(tx, workspaceId, key))?.caseId,
    openCase: (customerId) => store.findOpenCase(tx, workspaceId, customerId),
    nextNumber: () => store.nextCaseNumber(tx, workspaceId),
    pickOwner: (departmentId, defaultDepartment) => pickOwner(tx, workspaceId, departmentId, defaultDepartment),
    insertCase: (c) => store.insertCase(tx, c),
    moveCase: (c, oopsAt, dueAt) => store.updateCase(tx, workspaceId, c.id, { oopsAt, dueAt }),
    insertOops: async (o) => void (await store.insertOops(tx, o)),
    insertAssignment: (a) => insertAssignment(tx, a),
    insertEvent: async (e, at) => void (await insertEvents(tx, workspaceId, [e], at)),
    scheduleClock: (caseId, runAt) => scheduleClock(tx, workspaceId, caseId, runAt),
  };
}

/** Writes for a batch of oopses of one workspace, under the workspace's case-creation lock. */
export async function batchWrites(
  tx: Db,
  workspaceId: string,
  batch: { keys: string[]; customerIds: string[] },
): Promise<CaseWrites & { flush(): Promise<void> }> {
  const seen = await store.findOopsesByKeys(tx, workspaceId, batch.keys);
  const open = await store.findOpenCases(tx, workspaceId, batch.customerIds);
  let number: number | undefined;
  const rotation: OwnerRotation = new Map();
  const oopses: store.Oops[] = [];
  const assignments: Assignment[] = [];
  const events: { e: NewEvent; at: Date }[] = [];
  const clocks: { workspaceId: string; caseId: string; runAt: Date }[] = [];
  return {
    seen: async (key) => seen.get(key),
    openCase: async (customerId) => open.get(customerId),
    async nextNumber() {
      number = number === undefined ? await store.nextCaseNumber(tx, workspaceId) : number + 1;
      return number;
    },
    pickOwner: (departmentId, defaultDepartment) => pickOwner(tx, workspaceId, departmentId, defaultDepartment, rotation),
    async insertCase(c) {
      await store.insertCase(tx, c);
      open.set(c.customerId, {
        ...c,
        customerTitle: c.customerTitle ?? null,
        remindedAt: null,
        escalatedAt: null,
        breachedAt: null,
        recoveredAt: null,
        closedAt: null,
        closedBy: null,
      });
    },
    async moveCase(c, oopsAt, dueAt) {
      await store.updateCase(tx, workspaceId, c.id, { oopsAt, dueAt });
      open.set(c.customerId, { ...c, oopsAt, dueAt });
    },
    async insertOops(o) {
      oopses.push(o);
      if (o.dedupeKey) seen.set(o.dedupeKey, o.caseId);
    },
    insertAssignment: async (a) => void assignments.push(a),
    insertEvent: async (e, at) => void events.push({ e, at }),
    scheduleClock: async (caseId, runAt) => void clocks.push({ workspaceId, caseId, runAt }),
    async flush() {
      await store.insertOopses(tx, oopses);
      await insertAssignments(tx, assignments);
      if (events.length)
        await insertEvents(
          tx,
          workspaceId,
          events.map((x) => x.e),
          events[0]!.at,
        );
      if (clocks.length) await scheduleClocks(tx, clocks);
      for (const [departmentId, r] of rotation) if (r.moved && r.last) await saveRotation(tx, workspaceId, departmentId, r.last);
    },
  };
}
