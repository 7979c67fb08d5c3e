// Customers: finding and creating them from the references events carry, listing and search.
import { sql, type Selectable } from 'kysely';
import type { Customer } from '../../contract/customers.ts';
import type { CustomerRef } from '../../contract/events.ts';
import { uuidv7 } from '../lib/ids.ts';
import type { Db } from './database.ts';
import type { CustomersTable } from './schema.ts';

type Row = Pick<Selectable<CustomersTable>, 'id' | 'external_id' | 'email' | 'name' | 'created_at' | 'updated_at'> & {
  last_event_at?: Date | null;
};

export function toCustomer(r: Row): Customer {
  return {
    id: r.id,
    externalId: r.external_id,
    email: r.email,
    name: r.name,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    lastEventAt: r.last_event_at ? new Date(r.last_event_at).toISOString() : null,
  };
}

export interface Known {
  id: string;
  externalId: string | null;
  email: string | null; // lower-cased, for matching
  rawEmail: string | null; // as given, for storing
  name: string | null;
}

/**
 * Resolves each reference to a customer id, creating the unknown ones, inside the caller's
 * transaction. No locks: unique indexes (external id; e-mail among customers without one)
 * make a concurrent creation of the same person conflict, and a conflict re-runs the
 * resolution, which then finds the row the other transaction committed.
 */
export async function resolveCustomers(tx: Db, workspaceId: string, refs: CustomerRef[], now: Date): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    const plan = planCustomers(await findKnown(tx, workspaceId, refs), refs, now);
    if (await insertCustomers(tx, workspaceId, [...plan.created], now)) {
      await fillInCustomers(tx, workspaceId, [...plan.changed], now);
      await applyProfiles(tx, workspaceId, plan.ids, refs, now);
      return plan.ids;
    }
    if (attempt === 5) throw new Error('customer resolution kept conflicting with concurrent writers');
  }
}

async function findKnown(tx: Db, workspaceId: string, refs: CustomerRef[]): Promise<Known[]> {
  const exts = [...new Set(refs.flatMap((r) => (r.externalId ? [r.externalId] : [])))];
  const emails = [...new Set(refs.flatMap((r) => (r.email ? [r.email.toLowerCase()] : [])))];
  const rows = await tx
    .selectFrom('customers')
    .select(['id', 'external_id', 'email', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where((eb) =>
      eb.or([
        ...(exts.length ? [eb('external_id', '=', eb.fn.any(sql.val(exts)))] : []),
        ...(emails.length ? [eb(sql`lower(email)`, '=', eb.fn.any(sql.val(emails)))] : []),
      ]),
    )
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, externalId: r.external_id, email: r.email?.toLowerCase() ?? null, rawEmail: r.email, name: r.name }));
}

/** The existing customer a reference names (matched as events match them), or undefined: creates nothing. */
export async function findCustomerByRef(db: Db, workspaceId: string, ref: CustomerRef): Promise<string | undefined> {
  const plan = planCustomers(await findKnown(db, workspaceId, [ref]), [ref], new Date(0));
  return plan.created.size ? undefined : plan.ids[0];
}

/** Matches by external id, then e-mail; plans new customers and fill-ins. Pure. */
export function planCustomers(known: Known[], refs: CustomerRef[], now: Date) {
  const byExt = new Map<string, Known>();
  const byEmail = new Map<string, Known>();
  for (const k of known) {
    if (k.externalId) byExt.set(k.externalId, k);
    if (k.email && !byEmail.has(k.email)) byEmail.set(k.email, k); // oldest first (UUIDv7 order)
  }
  const created = new Set<Known>();
  const changed = new Set<Known>();
  const ids = refs.map((ref) => {
    const email = ref.email?.toLowerCase();
    let c = ref.externalId ? byExt.get(ref.externalId) : undefined;
    if (!c && email) {
      const e = byEmail.get(email);
      // An e-mail match is the same person unless it already carries another external id.
      if (e && (!ref.externalId || !e.externalId)) c = e;
    }
    if (!c) {
      const k: Known = {
        id: uuidv7(now.getTime()),
        externalId: ref.externalId ?? null,
        email: email ?? null,
        rawEmail: ref.email ?? null,
        name: ref.name ?? null,
      };
      created.add(k);
      if (k.externalId) byExt.set(k.externalId, k);
      if (k.email && !byEmail.has(k.email)) byEmail.set(k.email, k);
      return k.id;
    }
    // Fill in what the record lacks; never overwrite what it has.
    const before = `${c.externalId}|${c.rawEmail}|${c.name}`;
    if (!c.rawEmail && ref.email) Object.assign(c, { email, rawEmail: ref.email });
    c.externalId ??= ref.externalId ?? null;
    c.name ??= ref.name ?? null;
    if (`${c.externalId}|${c.rawEmail}|${c.name}` !== before) {
      if (!created.has(c)) changed.add(c);
      if (c.externalId) byExt.set(c.externalId, c);
    }
    return c.id;
  });

  return { ids, created, changed };
}

/**
 * Concurrent writers lock customers in one order they all share, so that they wait for each other
 * instead of deadlocking. A conflicting insert waits for the other transaction to end, and an
 * update locks rows in unnest(...)'s array order: two batches naming the same customers in their
 * own orders each waited for the other (four clients of 1,000-event batches over new customers:
 * most batches failed with a 500; with the same customers' attributes, three of four).
 */
const inCodeOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** New customers in insert order: those with an external id by it, then the others by e-mail (the two unique indexes). */
export function insertOrder(c: Known[]): Known[] {
  const key = (k: Known) => (k.externalId !== null ? `0${k.externalId}` : `1${k.email ?? ''}`);
  return c
    .map((k) => [key(k), k] as const)
    .sort(([a], [b]) => inCodeOrder(a, b))
    .map(([, k]) => k);
}

/** Inserts the new customers; false when a concurrent writer created one of them first. */
async function insertCustomers(tx: Db, workspaceId: string, created: Known[], now: Date): Promise<boolean> {
  if (!created.length) return true;
  const c = insertOrder(created); // unnest yields the rows, and INSERT takes them, in array order
  const r = await sql`INSERT INTO customers (workspace_id, id, external_id, email, name, created_at, updated_at)
    SELECT ${workspaceId}, id, ext, email, name, ${now}, ${now}
    FROM unnest(${c.map((k) => k.id)}::uuid[], ${c.map((k) => k.externalId)}::text[],
                ${c.map((k) => k.rawEmail)}::text[], ${c.map((k) => k.name)}::text[]) AS t(id, ext, email, name)
    ON CONFLICT DO NOTHING`.execute(tx);
  if (Number(r.numAffectedRows) === c.length) return true;
  // Undo our part so the retry starts clean (the rows are ours: the ids are fresh).
  await tx
    .deleteFrom('customers')
    .where('workspace_id', '=', workspaceId)
    .where(
      'id',
      'in',
      c.map((k) => k.id),
    )
    .execute();
  return false;
}

/** Fills in what stored records lack; never overwrites, and never takes an external id another customer holds. */
async function fillInCustomers(tx: Db, workspaceId: string, changed: Known[], now: Date): Promise<void> {
  if (!changed.length) return;
  const c = [...changed].sort((a, b) => inCodeOrder(a.id, b.id)); // updated in id order: see inCodeOrder
  await sql`UPDATE customers SET
      external_id = CASE WHEN customers.external_id IS NULL AND NOT EXISTS (
          SELECT 1 FROM customers o WHERE o.workspace_id = customers.workspace_id AND o.external_id = t.ext)
        THEN t.ext ELSE customers.external_id END,
      email = coalesce(customers.email, t.email), name = coalesce(customers.name, t.name), updated_at = ${now}
    FROM unnest(${c.map((k) => k.id)}::uuid[], ${c.map((k) => k.externalId)}::text[],
                ${c.map((k) => k.rawEmail)}::text[], ${c.map((k) => k.name)}::text[]) AS t(id, ext, email, name)
    WHERE customers.workspace_id = ${workspaceId} AND customers.id = t.id`.execute(tx);
}

/** Merges the attributes and locale that references carry (later references win; null removes a key). */
async function applyProfiles(tx: Db, workspaceId: string, ids: string[], refs: CustomerRef[], now: Date): Promise<void> {
  const merged = new Map<string, { attrs: Record<string, unknown>; locale: string | null }>();
  refs.forEach((r, i) => {
    if (r.attributes === undefined && r.locale === undefined) return;
    const m = merged.get(ids[i]!) ?? { attrs: {}, locale: null };
    Object.assign(m.attrs, r.attributes ?? {});
    m.locale = r.locale ?? m.locale;
    merged.set(ids[i]!, m);
  });
  if (!merged.size) return;
  const rows = [...merged].sort(([a], [b]) => inCodeOrder(a, b)); // updated in id order: see inCodeOrder
  await sql`UPDATE customers SET
      attributes = jsonb_strip_nulls(customers.attributes || t.attrs), locale = coalesce(t.locale, customers.locale), updated_at = ${now}
    FROM unnest(${rows.map(([id]) => id)}::uuid[], ${rows.map(([, m]) => JSON.stringify(m.attrs))}::jsonb[],
                ${rows.map(([, m]) => m.locale)}::text[]) AS t(id, attrs, locale)
    WHERE customers.workspace_id = ${workspaceId} AND customers.id = t.id`.execute(tx);
}

const lastEventAt = sql<Date | null>`(SELECT max(e.occurred_at) FROM events e
  WHERE e.workspace_id = customers.workspace_id AND e.customer_id = customers.id)`.as('last_event_at');

export async function findCustomer(db: Db, workspaceId: string, id: string): Promise<Customer | undefined> {
  const r = await db
    .selectFrom('customers')
    .select(['id', 'external_id', 'email', 'name', 'created_at', 'updated_at', lastEventAt])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r && toCustomer(r);
}

/** Newest customers first, keyset-paged by id (UUIDv7, so by creation time). */
export async function listCustomers(
  db: Db,
  workspaceId: string,
  opts: { q?: string; limit: number; beforeId?: string },
): Promise<Customer[]> {
  let query = db
    .selectFrom('customers')
    .select(['id', 'external_id', 'email', 'name', 'created_at', 'updated_at', lastEventAt])
    .where('workspace_id', '=', workspaceId);
  if (opts.q) {
    const pattern = `%${opts.q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    query = query.where(sql`lower(coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(external_id, ''))`, 'like', pattern);
  }
  if (opts.beforeId) query = query.where('id', '<', opts.beforeId);
  const rows = await query.orderBy('id', 'desc').limit(opts.limit).execute();
  return rows.map(toCustomer);
}

/** Attribute key, value and how many of the newest `limit` customers have it. */
export async function attributeCounts(db: Db, workspaceId: string, limit: number) {
  const r = await sql<{ key: string; value: string; n: number; sampled: number }>`
    WITH c AS (SELECT attributes FROM customers WHERE workspace_id = ${workspaceId} ORDER BY id DESC LIMIT ${limit})
    SELECT a.key, a.value #>> '{}' AS value, count(*)::int AS n, (SELECT count(*)::int FROM c) AS sampled
    FROM c CROSS JOIN LATERAL jsonb_each(c.attributes) a
    WHERE jsonb_typeof(a.value) IN ('string', 'number', 'boolean')
    GROUP BY 1, 2`.execute(db);
  return r.rows;
}

/** How many of these customers were created at `at` (by the resolution that just ran with that time). */
export async function countCreatedAt(db: Db, workspaceId: string, ids: string[], at: Date): Promise<number> {
  if (!ids.length) return 0;
  const r = await db
    .selectFrom('customers')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .where('created_at', '=', at)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
