// A group of intake requests (event-intake.ts) stored with as few round trips as it takes (issue
// 15). When every customer is known and lacks nothing the events tell, and no survey trigger or
// basic watches the events' types, the whole group is one statement (storage/event-group.ts):
// events, attribute merges, webhook deliveries and the requests' audit records commit together,
// with one WAL flush. Otherwise, or when that statement finds a customer to create or fill in,
// the group takes recordEvents' transaction, which does all of that and the triggers and basics
// statement by statement. Either way the results are the same, event for event.
import type { EventInput } from '../../../contract/events.ts';
import type { Db } from '../../storage/database.ts';
import { storeGroupOfKnownCustomers, type GroupAudit } from '../../storage/event-group.ts';
import { findByIdempotencyKeys } from '../../storage/events.ts';
import { planWebhookDeliveries } from '../../storage/webhook-queue.ts';
import { mayBreakBasics } from '../measurement/basic-breaks.ts';
import { mayTrigger } from '../signals/triggers.ts';
import type { Clock } from './clock.ts';
import {
  auditRecordsOf,
  checkEvents,
  planFresh,
  recordEvents,
  resultsOf,
  withCustomer,
  type AuditedSpan,
  type IntakeAudit,
  type RecordedEvent,
} from './events.ts';
import type { Event } from '../../../contract/events.ts';

export interface GroupJob {
  inputs: EventInput[];
  /** The request's audit record, written with its events. */
  audit?: IntakeAudit;
}

/** Stores the jobs' events all or nothing; one list of results per job, indexed from 0 within it. */
export async function recordEventGroup(db: Db, clock: Clock, workspaceId: string, jobs: GroupJob[]): Promise<RecordedEvent[][]> {
  const inputs = jobs.flatMap((j) => j.inputs);
  const spans: (AuditedSpan & { job: number })[] = [];
  const jobOf: number[] = [];
  jobs.forEach((j, k) => {
    if (j.audit) spans.push({ audit: j.audit, from: jobOf.length, count: j.inputs.length, job: k });
    for (let i = 0; i < j.inputs.length; i++) jobOf.push(k);
  });
  const results =
    (await inOneStatement(db, clock, workspaceId, inputs, spans, jobOf)) ?? (await recordEvents(db, clock, workspaceId, inputs, spans));
  let at = 0;
  return jobs.map((j) => {
    const mine = results.slice(at, at + j.inputs.length).map((r, index) => ({ index, event: r.event, duplicate: r.duplicate }));
    at += j.inputs.length;
    return mine;
  });
}

/** The group in one statement, or undefined when it needs recordEvents' transaction (nothing written then). */
async function inOneStatement(
  db: Db,
  clock: Clock,
  workspaceId: string,
  inputs: EventInput[],
  spans: (AuditedSpan & { job: number })[],
  jobOf: number[],
): Promise<RecordedEvent[] | undefined> {
  const now = clock.now();
  checkEvents(inputs, now, (i) => (inputs.length === 1 ? [] : ['events', i]));
  const planned = planFresh(inputs, now);
  const candidates = [...planned.fresh.values()];
  if ((await mayTrigger(db, workspaceId, candidates, now)) || (await mayBreakBasics(db, workspaceId, candidates, now))) return undefined;
  // The audit records' ids and times; their status is decided by the statement (201 when one of the request's events was stored).
  const audits: GroupAudit[] = auditRecordsOf(workspaceId, now, spans, []).map((a, i) => ({
    id: a.id,
    job: spans[i]!.job,
    actorKind: a.actorKind as 'user' | 'token',
    actorId: a.actorId,
    actorRole: a.actorRole!,
    action: a.action,
    client: a.client,
    requestId: a.requestId,
  }));
  // Literals, not spreads: see withCustomer.
  const events = [...planned.fresh].map(([i, e]) => ({
    id: e.id,
    type: e.type,
    source: e.source,
    occurredAt: e.occurredAt,
    idempotencyKey: e.idempotencyKey,
    data: e.data,
    ref: i,
    job: jobOf[i]!,
  }));
  const deliveries = await planWebhookDeliveries(db, workspaceId, candidates, now);
  const out = await storeGroupOfKnownCustomers(
    db,
    workspaceId,
    inputs.map((e) => e.customer),
    events,
    deliveries,
    audits,
    now,
  );
  if (!out.resolved) return undefined;
  const fresh = new Map([...planned.fresh].map(([i, e]): [number, Event] => [i, withCustomer(e, out.customerIds[i]!)]));
  // A key stored by a transaction that committed while the statement ran is not in its snapshot: read it now.
  const found = new Set(out.originals.map((o) => `${o.source}\u0000${o.idempotencyKey}`));
  const missing = events.filter((e) => !out.inserted.has(e.id) && !found.has(`${e.source}\u0000${e.idempotencyKey}`));
  const late = await findByIdempotencyKeys(
    db,
    workspaceId,
    missing.map((e) => ({ source: e.source, key: e.idempotencyKey! })),
  );
  return resultsOf(inputs, fresh, planned.firstWithKey, out.inserted, [...out.originals, ...late]);
}
