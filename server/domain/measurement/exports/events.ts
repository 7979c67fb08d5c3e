// Timeline events of every customer (or one), newest received first, with the timeline's
// filters (type, source, period). Each row is what `kept import events` reads: type,
// occurredAt, source, idempotencyKey, the customer's externalId, email and name, and data
// (in CSV one data.<key> column per key the matching events carry).
import { z } from 'zod';
import { idSchema } from '../../../../contract/common.ts';
import { timelineQuerySchema } from '../../../../contract/events.ts';
import { eventDataKeys, exportedEvents, type EventExportFilter, type ExportedEvent } from '../../../storage/event-export.ts';
import { decodeCursor, encodeCursor } from '../../core/cursor.ts';
import { defineExportKind } from '../export.ts';

const filterSchema = timelineQuerySchema
  .omit({ limit: true, cursor: true })
  .extend({ customerId: idSchema.optional().describe('only this customer\u2019s timeline') });
type Filter = z.infer<typeof filterSchema>;

const storeFilter = (f: Filter): EventExportFilter => ({
  customerId: f.customerId,
  types: f.type,
  sources: f.source,
  from: f.from ? new Date(f.from) : undefined,
  to: f.to ? new Date(f.to) : undefined,
});

/** Only what is known: an import refuses null where it expects a text. */
const withoutNulls = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null));

const present = (e: ExportedEvent) => ({
  type: e.type,
  occurredAt: e.occurredAt.toISOString(),
  source: e.source,
  ...(e.idempotencyKey === null ? {} : { idempotencyKey: e.idempotencyKey }),
  customer: withoutNulls(e.customer),
  data: e.data,
});

const topColumns = ['type', 'occurredAt', 'source', 'idempotencyKey', 'customer.externalId', 'customer.email', 'customer.name'];

export const eventsExport = defineExportKind({
  name: 'events',
  filter: filterSchema,
  pageSize: 5000,
  columns: async ({ db, workspaceId }, f) => [
    ...topColumns,
    ...(await eventDataKeys(db, workspaceId, storeFilter(f))).map((k) => `data.${k}`),
  ],
  async page({ db, workspaceId }, f, cursor, limit) {
    const beforeId = cursor ? decodeCursor(cursor, z.object({ id: z.uuid() })).id : undefined;
    const rows = await exportedEvents(db, workspaceId, { ...storeFilter(f), beforeId, limit: limit + 1 });
    const more = rows.length > limit;
    if (more) rows.pop();
    return { items: rows.map(present), nextCursor: more ? encodeCursor({ id: rows.at(-1)!.id }) : null };
  },
});
