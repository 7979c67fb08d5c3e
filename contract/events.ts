// Events: what other systems send to a customer's timeline.
import { z } from 'zod';
import { cursorSchema, idSchema, isoDateTimeSchema, limitSchema, pageSchema } from './common.ts';

export const maxEventsPerBatch = 1000;

export const eventTypeSchema = z
  .string()
  .max(100)
  .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, 'must be lowercase dotted words, e.g. order.delivered')
  .meta({ example: 'order.delivered' });

export const sourceSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'must be a lowercase key of up to 64 characters, e.g. billing')
  .meta({ example: 'logistics' });

export const customerRefSchema = z
  .strictObject({
    externalId: z.string().min(1).max(200).optional(),
    email: z.email().max(320).optional(),
    name: z.string().min(1).max(200).optional(),
    attributes: z
      .record(
        z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'must be a key like plan or region'),
        z.union([z.string().max(200), z.number(), z.boolean(), z.null()]),
      )
      .refine((r) => Object.keys(r).length <= 20, 'at most 20 attributes')
      .optional()
      .describe('Merged into the customer\u2019s attributes (null removes one). Scores are segmented by them.'),
    locale: z
      .string()
      .regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'must be a language tag like en, fr or pt-BR')
      .optional()
      .describe('the language the customer prefers'),
  })
  .refine((c) => c.externalId !== undefined || c.email !== undefined, {
    message: 'needs an externalId or an email',
  })
  .meta({ id: 'CustomerRef', description: 'Matched by externalId, then by e-mail (case-insensitive); created when unknown.' });
export type CustomerRef = z.infer<typeof customerRefSchema>;

export const eventInputSchema = z
  .strictObject({
    type: eventTypeSchema,
    customer: customerRefSchema,
    occurredAt: isoDateTimeSchema.describe('When it happened. The past is allowed (backfill); at most 5 minutes ahead.'),
    source: sourceSchema.describe('The department or system that reports it: billing, logistics, support, ...'),
    idempotencyKey: z.string().min(1).max(200).optional().describe('The same key from the same source stores one event.'),
    data: z.record(z.string(), z.unknown()).default({}).describe('Any JSON object.'),
  })
  .meta({ id: 'EventInput' });
export type EventInput = z.infer<typeof eventInputSchema>;

export const eventBatchInputSchema = z
  .strictObject({ events: z.array(eventInputSchema).min(1).max(maxEventsPerBatch) })
  .meta({ id: 'EventBatchInput' });

export const eventSchema = z
  .object({
    id: idSchema,
    customerId: idSchema,
    type: z.string(),
    source: z.string(),
    occurredAt: isoDateTimeSchema,
    receivedAt: isoDateTimeSchema,
    idempotencyKey: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'Event' });
export type Event = z.infer<typeof eventSchema>;

export const eventResultSchema = z
  .object({ event: eventSchema, duplicate: z.boolean().describe('true when the idempotency key had been seen: the original is returned') })
  .meta({ id: 'EventResult' });

export const eventBatchResultSchema = z
  .object({
    stored: z.number().int().describe('events newly stored'),
    duplicates: z.number().int().describe('events whose idempotency key had been seen'),
    results: z.array(z.object({ index: z.number().int(), id: idSchema, customerId: idSchema, duplicate: z.boolean() })),
  })
  .meta({ id: 'EventBatchResult' });

const listOf = (s: z.ZodString) =>
  z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(s).max(20));

export const timelineQuerySchema = z.strictObject({
  type: listOf(eventTypeSchema).optional().describe('comma-separated event types'),
  source: listOf(sourceSchema).optional().describe('comma-separated sources'),
  from: isoDateTimeSchema.optional().describe('events that occurred at or after'),
  to: isoDateTimeSchema.optional().describe('events that occurred before'),
  limit: limitSchema,
  cursor: cursorSchema.optional(),
});
export type TimelineQuery = z.infer<typeof timelineQuerySchema>;

export const timelinePageSchema = pageSchema(eventSchema).meta({ id: 'TimelinePage' });
