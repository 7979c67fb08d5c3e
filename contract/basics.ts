// Brilliant at the basics (seed 002): the promises every customer takes for granted — the right
// product, place, time and way — as conditions on timeline events, with their rates.
import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './common.ts';
import { eventTypeSchema } from './events.ts';
import { maxSelectorConditions, selectorConditionSchema } from './causes.ts';
import { caseSeveritySchema } from './cases.ts';

export const basicKinds = ['product', 'place', 'time', 'way'] as const;
export const basicKindSchema = z.enum(basicKinds).describe('the right product, the right place, the right time, the right way');
export type BasicKind = z.infer<typeof basicKindSchema>;

export const basicInputSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).meta({ example: 'Delivered by the promised date' }),
    kind: basicKindSchema,
    departmentId: idSchema.nullable().optional().describe('the department that keeps it; its cases go there'),
    eventType: eventTypeSchema.describe('the events the basic is about, e.g. order.delivered'),
    appliesWhen: z
      .array(selectorConditionSchema)
      .max(maxSelectorConditions)
      .default([])
      .describe('which of those events it applies to (all must hold); every one of the type when empty'),
    keptWhen: z
      .array(selectorConditionSchema)
      .min(1)
      .max(maxSelectorConditions)
      .describe('the basic is kept when all hold; an event it applies to that fails one is a broken basic, an oops'),
    severity: caseSeveritySchema.default('normal').describe('of the oops a broken basic reports'),
    enabled: z.boolean().default(true),
  })
  .meta({
    id: 'BasicInput',
    example: {
      name: 'Delivered by the promised date',
      kind: 'time',
      eventType: 'order.delivered',
      appliesWhen: [{ path: 'promisedBy', op: 'exists' }],
      keptWhen: [{ path: 'promisedBy', op: 'gte_field', value: '@occurredAt' }],
    },
  });
export type BasicInput = z.infer<typeof basicInputSchema>;

export const basicSchema = z
  .object({
    id: idSchema,
    name: z.string(),
    kind: basicKindSchema,
    departmentId: idSchema.nullable(),
    eventType: z.string(),
    appliesWhen: z.array(selectorConditionSchema),
    keptWhen: z.array(selectorConditionSchema),
    severity: caseSeveritySchema,
    enabled: z.boolean(),
    createdAt: isoDateTimeSchema,
    updatedAt: isoDateTimeSchema,
  })
  .meta({ id: 'Basic' });
export type Basic = z.infer<typeof basicSchema>;
export const basicListSchema = z.object({ items: z.array(basicSchema) }).meta({ id: 'BasicList' });

export const basicRatesQuerySchema = z
  .strictObject({
    granularity: z.enum(['month', 'quarter']).default('month'),
    periods: z.coerce.number().int().min(2).max(24).default(6),
    at: isoDateTimeSchema.optional().describe('a moment in the last period; now when absent'),
    departmentId: idSchema.optional(),
  })
  .meta({ id: 'BasicRatesQuery' });
export type BasicRatesQuery = z.infer<typeof basicRatesQuerySchema>;

const intervalSchema = z.object({ low: z.number(), high: z.number() });
export const basicPeriodSchema = z.object({
  start: isoDateTimeSchema,
  label: z.string(),
  events: z.number().int().describe('events the basic applied to'),
  kept: z.number().int(),
  broken: z.number().int(),
  rate: z.number().nullable().describe('kept ÷ events, %; null without events'),
  interval: intervalSchema.nullable().describe('95 % Wilson interval; null under 30 events'),
});
export const basicRateSchema = z.object({
  basic: basicSchema,
  departmentName: z.string().nullable(),
  periods: z.array(basicPeriodSchema),
  trend: z.number().nullable().describe('the last period’s rate minus the one before, in points'),
});
export type BasicRate = z.infer<typeof basicRateSchema>;
export const basicRatesSchema = z
  .object({ granularity: z.enum(['month', 'quarter']), items: z.array(basicRateSchema) })
  .meta({ id: 'BasicRates', description: 'Per basic, ordered by department then name.' });
export type BasicRates = z.infer<typeof basicRatesSchema>;
