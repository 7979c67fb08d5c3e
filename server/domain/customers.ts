// Reading customers and their timelines, with keyset pagination.
import { z } from 'zod';
import type { Customer, CustomerListQuery } from '../../contract/customers.ts';
import type { Event, TimelineQuery } from '../../contract/events.ts';
import { findCustomer, listCustomers } from '../storage/customers.ts';
import type { Db } from '../storage/database.ts';
import { readTimeline } from '../storage/events.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { notFound } from './errors.ts';
import { isUuid } from './ids.ts';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export async function getCustomer(db: Db, workspaceId: string, id: string): Promise<Customer> {
  const c = isUuid(id) ? await findCustomer(db, workspaceId, id) : undefined;
  if (!c) throw notFound('Customer');
  return c;
}

export async function searchCustomers(db: Db, workspaceId: string, q: CustomerListQuery): Promise<Page<Customer>> {
  const beforeId = q.cursor ? decodeCursor(q.cursor, z.object({ id: z.uuid() })).id : undefined;
  const items = await listCustomers(db, workspaceId, { q: q.q, limit: q.limit + 1, beforeId });
  const more = items.length > q.limit;
  if (more) items.pop();
  return { items, nextCursor: more ? encodeCursor({ id: items.at(-1)!.id }) : null };
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
