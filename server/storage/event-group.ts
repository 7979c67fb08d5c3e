// A group of events stored in one statement (issue 15). The common case of intake: every
// customer the events name is already known and lacks nothing the events tell. One statement,
// committed on its own (autocommit: one WAL flush), then finds the customers, merges the
// attributes and locales the references carry, inserts the events once per idempotency key,
// queues their webhook deliveries, writes the requests' audit records and reads the originals
// of repeated keys. When a customer is unknown or would be filled in, it writes nothing and says
// so (`resolved: false`); the caller then takes the transaction of domain/core/events.ts, which
// creates and fills in customers. Matching is the same as storage/customers.planCustomers: by
// external id, else (a reference without one) the oldest customer with the e-mail address.
import { sql } from 'kysely';
import type { Event } from '../../contract/events.ts';
import type { CustomerRef } from '../../contract/events.ts';
import { prepared, withGenericPlans, withWorkspaceColumn, type Db } from './database.ts';
import type { NewEvent } from './events.ts';
import { insertPlannedDeliveries, type PlannedDeliveries } from './webhook-queue.ts';

/**
 * An event of the group; `ref` is the index of its customer's reference, `job` of the request it
 * came in. `occurredAt` is the ISO 8601 text planFresh made, sent as it is: a Date would be parsed
 * here and formatted again by pg for each event of a batch.
 */
export interface GroupEvent extends Omit<NewEvent, 'customerId' | 'occurredAt'> {
  occurredAt: string;
  ref: number;
  job: number;
}

/** The audit record of one request in the group: its status is 201 when any of its events (by `job`) was stored, else 200. */
export interface GroupAudit {
  id: string;
  job: number;
  actorKind: 'user' | 'token';
  actorId: string | null;
  actorRole: string;
  action: string;
  client: string | null;
  requestId: string | null;
}

export type GroupOutcome =
  | { resolved: false }
  | {
      resolved: true;
      /** The customer of each reference, in order. */
      customerIds: string[];
      /** The ids of the events inserted (the others repeated a stored key). */
      inserted: Set<string>;
      /** Stored events for the repeated keys, as far as the statement's snapshot saw them. */
      originals: Event[];
    };

interface OutcomeRow {
  ok: boolean | null;
  customer_ids: (string | null)[] | null;
  inserted: string[] | null;
  originals:
    | {
        id: string;
        customer_id: string;
        type: string;
        source: string;
        occurred_at: string;
        received_at: string;
        idempotency_key: string | null;
        data: Record<string, unknown>;
      }[]
    | null;
}

const iso = (t: string) => new Date(t).toISOString();

/** The largest group that runs the prepared statement. */
const genericPlanUpTo = 32;

/** What the group's statement stores: the workspace, its customers' references, events, webhook deliveries, audit records, and the time. */
type GroupArgs = [
  workspaceId: string,
  refs: CustomerRef[],
  events: GroupEvent[],
  deliveries: PlannedDeliveries,
  audits: GroupAudit[],
  now: Date,
];

export async function storeGroupOfKnownCustomers(db: Db, ...args: GroupArgs): Promise<GroupOutcome> {
  const q = groupStatement(...args);
  const events = args[2];
  // A group of a few events (single POSTs arriving together) runs the prepared statement's generic
  // plan: planning this statement took as long as running it. A larger group is planned each time,
  // which sees the arrays' lengths: the generic plan assumes a few rows, and joins a 1,000-event
  // batch as it joins 3 events (~10 % slower there; at 100 events the two were even).
  const r = await (events.length <= genericPlanUpTo ? prepared(q).execute(withGenericPlans(db)) : q.execute(db));
  const row = r.rows[0]!;
  if (!row.ok) return { resolved: false };
  return {
    resolved: true,
    customerIds: row.customer_ids as string[],
    inserted: new Set(row.inserted ?? []),
    originals: (row.originals ?? []).map((o) => ({
      id: o.id,
      customerId: o.customer_id,
      type: o.type,
      source: o.source,
      occurredAt: iso(o.occurred_at),
      receivedAt: iso(o.received_at),
      idempotencyKey: o.idempotency_key,
      data: o.data,
    })),
  };
}

/**
 * The references' customers by external id. A batch's statement is planned for its values: there
 * each reference probes the external-id index on its own, with the workspace as a column
 * (withWorkspaceColumn; by a constant, a batch in a workspace the last ANALYZE saw without
 * customers hashed all of its customers). A few events run a generic plan, which does not know the
 * workspace either way: there the join costs less (7-12 % of the statement for 4 events).
 */
function byExternalId(workspaceId: string, probeEach: boolean) {
  return probeEach
    ? sql`SELECT r.n, c.id, c.email, c.name FROM ${withWorkspaceColumn(workspaceId, sql`ref`)} r
      LEFT JOIN LATERAL (SELECT id, email, name FROM customers WHERE workspace_id = r.ws AND external_id = r.ext OFFSET 0) c ON true
      WHERE r.ext IS NOT NULL`
    : sql`SELECT r.n, c.id, c.email, c.name FROM ref r
      LEFT JOIN customers c ON r.ext IS NOT NULL AND c.workspace_id = ${workspaceId} AND c.external_id = r.ext
      WHERE r.ext IS NOT NULL`;
}

/** The group's one statement (exported for the test of its plan). */
export function groupStatement(...[workspaceId, refs, events, deliveries, audits, now]: GroupArgs) {
  const profile = refs.map((r) => r.attributes !== undefined || r.locale !== undefined);
  return sql<OutcomeRow>`
    WITH ref AS (
      SELECT * FROM unnest(${refs.map((_, i) => i)}::int[], ${refs.map((r) => r.externalId ?? null)}::text[],
                           ${refs.map((r) => r.email?.toLowerCase() ?? null)}::text[], ${refs.map((r) => r.email ?? null)}::text[],
                           ${refs.map((r) => r.name ?? null)}::text[], ${refs.map((r) => JSON.stringify(r.attributes ?? {}))}::jsonb[],
                           ${refs.map((r) => r.locale ?? null)}::text[], ${profile}::bool[])
        AS r(n, ext, email, raw_email, name, attrs, locale, profile)
    ), found AS (
      ${byExternalId(workspaceId, events.length > genericPlanUpTo)}
      UNION ALL
      SELECT r.n, c.id, c.email, c.name FROM ref r
      LEFT JOIN LATERAL (
        -- OFFSET 0 plans the lookup on its own, through the e-mail index. Folded into the
        -- ORDER BY id LIMIT 1, it walked the workspace's customers in id order until one matched.
        SELECT id, email, name FROM (
          SELECT id, email, name FROM customers
          WHERE workspace_id = ${workspaceId} AND lower(email) = r.email AND email IS NOT NULL
          OFFSET 0
        ) m ORDER BY id LIMIT 1
      ) c ON true
      WHERE r.ext IS NULL
    ), verdict AS (
      SELECT coalesce(bool_and(f.id IS NOT NULL
               AND NOT (f.email IS NULL AND r.raw_email IS NOT NULL) AND NOT (f.name IS NULL AND r.name IS NOT NULL)), false) AS ok
      FROM found f JOIN ref r USING (n)
    ), profile AS (
      SELECT f.id, coalesce(jsonb_object_agg(a.key, a.value ORDER BY r.n) FILTER (WHERE a.key IS NOT NULL), '{}') AS attrs,
             (array_agg(r.locale ORDER BY r.n DESC) FILTER (WHERE r.locale IS NOT NULL))[1] AS locale
      FROM ref r JOIN found f USING (n) LEFT JOIN LATERAL jsonb_each(r.attrs) a ON true
      WHERE r.profile
      GROUP BY f.id
    ), profiled AS (
      UPDATE customers SET attributes = jsonb_strip_nulls(customers.attributes || p.attrs),
        locale = coalesce(p.locale, customers.locale), updated_at = ${now}
      FROM profile p
      WHERE (SELECT ok FROM verdict) AND customers.workspace_id = ${workspaceId} AND customers.id = p.id
    ), ev AS (
      SELECT * FROM unnest(${events.map((e) => e.id)}::uuid[], ${events.map((e) => e.ref)}::int[], ${events.map((e) => e.job)}::int[],
                           ${events.map((e) => e.type)}::text[], ${events.map((e) => e.source)}::text[],
                           ${events.map((e) => e.occurredAt)}::timestamptz[], ${events.map((e) => e.idempotencyKey)}::text[],
                           ${events.map((e) => JSON.stringify(e.data))}::jsonb[])
        AS e(id, ref, job, type, source, occurred_at, idempotency_key, data)
    ), ins AS (
      INSERT INTO events (workspace_id, id, customer_id, type, source, occurred_at, received_at, idempotency_key, data)
      SELECT ${workspaceId}, e.id, f.id, e.type, e.source, e.occurred_at, ${now}, e.idempotency_key, e.data
      FROM ev e JOIN found f ON f.n = e.ref
      WHERE (SELECT ok FROM verdict)
      ON CONFLICT (workspace_id, source, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
      RETURNING id
    ), hooked AS (
      ${insertPlannedDeliveries(workspaceId, deliveries, now, 'ins')}
    ), audited AS (
      INSERT INTO audit_log (workspace_id, id, at, actor_kind, actor_id, actor_role, action, target, status, client, request_id, detail)
      SELECT ${workspaceId}, a.id, ${now}, a.kind, a.actor, a.role, a.action, NULL,
             CASE WHEN EXISTS (SELECT 1 FROM ev JOIN ins USING (id) WHERE ev.job = a.job) THEN 201 ELSE 200 END,
             a.client, a.request_id, '{}'::jsonb
      FROM unnest(${audits.map((a) => a.job)}::int[], ${audits.map((a) => a.id)}::uuid[], ${audits.map((a) => a.actorKind)}::text[],
                  ${audits.map((a) => a.actorId)}::uuid[], ${audits.map((a) => a.actorRole)}::text[], ${audits.map((a) => a.action)}::text[],
                  ${audits.map((a) => a.client)}::text[], ${audits.map((a) => a.requestId)}::text[])
        AS a(job, id, kind, actor, role, action, client, request_id)
      WHERE (SELECT ok FROM verdict)
    ), orig AS (
      -- Looked up only for the events not inserted: a plan made while events was small would
      -- otherwise scan it for every group. The workspace as a column: see withWorkspaceColumn.
      SELECT o.id, o.customer_id, o.type, o.source, o.occurred_at, o.received_at, o.idempotency_key, o.data
      FROM ${withWorkspaceColumn(workspaceId, sql`ev`)} e CROSS JOIN LATERAL (
        SELECT * FROM events o WHERE o.workspace_id = e.ws AND o.source = e.source AND o.idempotency_key = e.idempotency_key
        OFFSET 0
      ) o
      WHERE (SELECT ok FROM verdict) AND e.idempotency_key IS NOT NULL AND e.id NOT IN (SELECT id FROM ins)
    )
    SELECT (SELECT ok FROM verdict) AS ok,
           -- JSON rather than arrays: JSON.parse reads 1,000 ids at a fraction of what
           -- pg's array parser (JavaScript, character by character) costs.
           (SELECT json_agg(id ORDER BY n) FROM found) AS customer_ids,
           (SELECT json_agg(id) FROM ins) AS inserted,
           (SELECT json_agg(orig) FROM orig) AS originals`;
}
