// Reading customers and their timelines, with keyset pagination.
import { z } from 'zod';
import type { Customer, CustomerAttributes, CustomerListItem, CustomerListQuery } from '../../../contract/customers.ts';
import type { CustomerRef, Event, TimelineQuery } from '../../../contract/events.ts';
import type { Clock } from './clock.ts';
import { attributeCounts, countCreatedAt, findCustomer, listCustomers, resolveCustomers } from '../../storage/customers.ts';
import { customerSummaries } from '../../storage/customer-summaries.ts';
import type { Db } from '../../storage/database.ts';
import { readTimeline } from '../../storage/events.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { notFound } from './errors.ts';
import { checkReferences } from './references.ts';
import { isUuid } from '../../lib/ids.ts';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export async function getCustomer(db: Db, workspaceId: string, id: string): Promise<Customer> {
  const c = isUuid(id) ? await findCustomer(db, workspaceId, id) : undefined;
  if (!c) throw notFound('Customer');
  return c;
}

export async function searchCustomers(db: Db, workspaceId: string, q: CustomerListQuery): Promise<Page<CustomerListItem>> {
  const beforeId = q.cursor ? decodeCursor(q.cursor, z.object({ id: z.uuid() })).id : undefined;
  const items = await listCustomers(db, workspaceId, { q: q.q, limit: q.limit + 1, beforeId });
  const more = items.length > q.limit;
  if (more) items.pop();
  const summaries = await customerSummaries(
    db,
    workspaceId,
    items.map((c) => c.id),
  );
  return {
    items: items.map((c) => {
      const s = summaries.get(c.id)!;
      return {
        ...c,
        openCase: s.openCase && { ...s.openCase, dueAt: s.openCase.dueAt.toISOString() },
        lastScore: s.lastScore && { ...s.lastScore, answeredAt: s.lastScore.answeredAt.toISOString() },
        lastContactAt: s.lastContactAt?.toISOString() ?? null,
      };
    }),
    nextCursor: more ? encodeCursor({ id: items.at(-1)!.id }) : null,
  };
}

const timelineCursor = z.object({ t: z.iso.datetime(), id: z.uuid() });

export async function customerTimeline(db: Db, workspaceId: string, customerId: string, q: TimelineQuery): Promise<Page<Event>> {
  await getCustomer(db, workspaceId, customerId);
  const before = q.cursor ? decodeCursor(q.cursor, timelineCursor) : undefined;
  const items = await readTimeline(db, workspaceId, customerId, {
    types: q.type,
    sources: q.source,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    before: before && { occurredAt: new Date(before.t), id: before.id },
    limit: q.limit + 1,
  });
  const more = items.length > q.limit;
  if (more) items.pop();
  const last = items.at(-1);
  return { items, nextCursor: more && last ? encodeCursor({ t: last.occurredAt, id: last.id }) : null };
}

/** How many customers are looked at to list attributes: the newest ones, which is enough to name the segments. */
export const attributeSample = 10_000;

/** The attributes the newest customers carry, most common first, each with its 20 most common values. */
export async function customerAttributes(db: Db, workspaceId: string): Promise<CustomerAttributes> {
  const rows = await attributeCounts(db, workspaceId, attributeSample);
  const byKey = new Map<string, { key: string; customers: number; values: { value: string; customers: number }[] }>();
  for (const r of rows) {
    let k = byKey.get(r.key);
    if (!k) byKey.set(r.key, (k = { key: r.key, customers: 0, values: [] }));
    k.customers += r.n;
    k.values.push({ value: r.value, customers: r.n });
  }
  const items = [...byKey.values()]
    .map((k) => ({ ...k, values: k.values.sort((a, b) => b.customers - a.customers || a.value.localeCompare(b.value)).slice(0, 20) }))
    .sort((a, b) => b.customers - a.customers || a.key.localeCompare(b.key));
  return { items, sampled: rows[0]?.sampled ?? 0 };
}

/** A customer named by id (which must exist) or by reference (found, or created when unknown). */
export async function resolveCustomerId(
  db: Db,
  clock: Clock,
  workspaceId: string,
  by: { customerId?: string; customer?: CustomerRef },
): Promise<string> {
  if (by.customerId) {
    await checkReferences(db, workspaceId, [['customer', by.customerId, ['customerId']]]);
    return by.customerId;
  }
  return (await resolveCustomers(db, workspaceId, [by.customer!], clock.now()))[0]!;
}

/**
 * Customers from a file (`kept import customers`): each reference is matched as events match
 * customers (externalId, then e-mail), created when unknown, filled in where a stored one lacks a
 * field. One transaction per batch.
 */
export async function importCustomers(db: Db, clock: Clock, workspaceId: string, refs: CustomerRef[]) {
  return db.transaction().execute(async (tx) => {
    const now = clock.now();
    const ids = await resolveCustomers(tx, workspaceId, refs, now);
    const created = await countCreatedAt(tx, workspaceId, [...new Set(ids)], now);
    return { stored: created, duplicates: refs.length - created };
  });
}
