// POST /api/v1/events: one event, or { events: [...] } up to 1,000.
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/common.ts';
import {
  eventBatchInputSchema,
  eventBatchResultSchema,
  eventInputSchema,
  eventResultSchema,
  type EventInput,
} from '../../../contract/events.ts';
import { clientAddress } from '../client-address.ts';
import { defineRoute } from '../route.ts';

type Body = EventInput | { events: EventInput[] };

const isBatch = (raw: unknown) => typeof raw === 'object' && raw !== null && 'events' in raw;

export const postEvents = defineRoute<undefined, undefined, Body>({
  method: 'post',
  path: '/api/v1/events',
  tag: 'Events',
  summary: 'Add events to customers\u2019 timelines',
  description:
    'Send one event, or `{ "events": [...] }` with at most 1,000. A batch is all or nothing: if any event ' +
    'is invalid, none is stored and the error lists every bad field by its path (`events.3.occurredAt`). ' +
    'An event whose `idempotencyKey` its `source` has used before is not stored again; the answer points at the original. ' +
    'Bodies are limited to 1 MiB.',
  access: 'agent',
  body: z.union([eventInputSchema, eventBatchInputSchema]),
  bodyFor: (raw) => (isBatch(raw) ? { schema: eventBatchInputSchema, path: [] } : { schema: eventInputSchema, path: [] }),
  responses: {
    201: {
      description: 'Stored (one event: the event; a batch: one result per event, in order)',
      schema: z.union([eventResultSchema, eventBatchResultSchema]),
    },
    200: {
      description: 'Nothing new: every event repeated an idempotency key; the originals are returned',
      schema: z.union([eventResultSchema, eventBatchResultSchema]),
    },
    400: { description: 'Malformed JSON or an invalid event; nothing was stored', schema: errorBodySchema },
    413: { description: 'Body over 1 MiB', schema: errorBodySchema },
  },
  // The audit record is written with the events, in their statement or transaction.
  audit: 'self',
  async handle({ body, principal, services, c }) {
    const inputs = 'events' in body ? body.events : [body];
    const results = await services.intake.record(principal.workspaceId, inputs, {
      principal,
      action: 'POST /api/v1/events',
      client: clientAddress(c, services.config.trustProxy),
      requestId: c.get('requestId'),
    });
    const stored = results.filter((r) => !r.duplicate).length;
    services.metrics.eventsStored.inc(stored);
    services.metrics.eventsDuplicate.inc(results.length - stored);
    const status = stored > 0 ? 201 : 200;
    if (!('events' in body)) return { status, body: { event: results[0]!.event, duplicate: results[0]!.duplicate } };
    return {
      status,
      body: {
        stored,
        duplicates: results.length - stored,
        results: results.map((r) => ({ index: r.index, id: r.event.id, customerId: r.event.customerId, duplicate: r.duplicate })),
      },
    };
  },
});

export const eventRoutes = [postEvents];
