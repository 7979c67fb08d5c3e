// Causes: a root cause (e.g. "batch B-42 filled with henna") groups cases and has a selector over
// timeline events that finds every customer it touched, including those who never complained.
import { z } from 'zod';
import { cursorSchema, idSchema, isoDateTimeSchema, limitSchema, pageSchema } from './common.ts';
import { eventTypeSchema } from './events.ts';

export const maxSelectorConditions = 10;
export const selectorOps = ['eq', 'ne', 'in', 'contains', 'gte', 'lte', 'exists', 'lte_field', 'gte_field'] as const;
/** In lte_field / gte_field, the value that names the event's own time instead of a field of its data. */
export const occurredAtField = '@occurredAt';
export const selectorOpSchema = z.enum(selectorOps);
export type SelectorOp = z.infer<typeof selectorOpSchema>;

export const selectorPathSchema = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+){0,9}$/, 'must be a dotted path of letters, digits and _, e.g. batch or items.0.sku')
  .meta({ example: 'batch' });

const scalarSchema = z.union([z.string().max(500), z.number(), z.boolean()]);

export const selectorConditionSchema = z
  .strictObject({
    path: selectorPathSchema.describe('where in the event’s data; a number steps into an array (items.0.sku)'),
    op: selectorOpSchema.describe(
      'eq / ne: equal / not equal (ne also matches events without the path); in: one of an array; ' +
        'contains: a substring of a string (case-insensitive) or an element of an array; ' +
        'gte / lte: a number, or an ISO date or date-time; exists: the path is present (no value); ' +
        'lte_field / gte_field: at or before / at or after another field of the same event, whose path is the value ' +
        '(numbers with numbers, dates with dates; "@occurredAt" is the event’s own time), e.g. ' +
        '{ "path": "promisedBy", "op": "gte_field", "value": "@occurredAt" } is "delivered by the promised date"',
    ),
    value: z.union([scalarSchema, z.array(scalarSchema).max(100)]).optional(),
  })
  .meta({ id: 'SelectorCondition' });
export type SelectorCondition = z.infer<typeof selectorConditionSchema>;

export const causeSelectorSchema = z
  .strictObject({
    eventType: eventTypeSchema,
    where: z.array(selectorConditionSchema).max(maxSelectorConditions).default([]).describe('all must hold'),
    from: isoDateTimeSchema.optional().describe('events that occurred at or after'),
    to: isoDateTimeSchema.optional().describe('events that occurred before'),
  })
  .meta({
    id: 'CauseSelector',
    example: { eventType: 'order.placed', where: [{ path: 'batch', op: 'eq', value: 'B-42' }] },
  });
export type CauseSelector = z.infer<typeof causeSelectorSchema>;

export const causeInputSchema = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(5000).optional(),
    selector: causeSelectorSchema,
  })
  .meta({ id: 'CauseInput' });
export type CauseInput = z.infer<typeof causeInputSchema>;

export const causeSchema = z
  .object({
    id: idSchema,
    title: z.string(),
    description: z.string().nullable(),
    selector: causeSelectorSchema,
    createdAt: isoDateTimeSchema,
    affectedCustomers: z.number().int().optional().describe('customers with at least one matching event (on one cause, not in lists)'),
    notLinked: z
      .number()
      .int()
      .optional()
      .describe('of them, those whose newest case is not linked to this cause: whom an outreach would contact (on one cause)'),
  })
  .meta({ id: 'Cause' });
export type Cause = z.infer<typeof causeSchema>;

export const causeListQuerySchema = z.strictObject({ limit: limitSchema, cursor: cursorSchema.optional() });
export type CauseListQuery = z.infer<typeof causeListQuerySchema>;
export const causePageSchema = pageSchema(causeSchema).meta({ id: 'CausePage' });

export const affectedCustomerSchema = z
  .object({
    customerId: idSchema,
    name: z.string().nullable(),
    email: z.string().nullable(),
    externalId: z.string().nullable(),
    firstEventAt: isoDateTimeSchema.describe('the first matching event'),
    lastEventAt: isoDateTimeSchema.describe('the last matching event'),
    events: z.number().int().describe('matching events'),
    caseId: idSchema.nullable().describe('the customer’s newest case'),
    caseNumber: z.number().int().nullable(),
    caseStatus: z.enum(['open', 'closed']).nullable(),
    caseLinked: z.boolean().describe('true when that case is linked to this cause'),
  })
  .meta({ id: 'AffectedCustomer' });
export type AffectedCustomer = z.infer<typeof affectedCustomerSchema>;

export const affectedQuerySchema = z.strictObject({ limit: limitSchema, cursor: cursorSchema.optional() });
export type AffectedQuery = z.infer<typeof affectedQuerySchema>;
export const affectedPageSchema = pageSchema(affectedCustomerSchema).meta({
  id: 'AffectedCustomerPage',
  description: 'Ordered by the first matching event, then customer id.',
});

export const outreachInputSchema = z
  .strictObject({
    message: z
      .string()
      .trim()
      .min(1)
      .max(5000)
      .describe('the apology each customer gets by e-mail; may use {customerName}, {staffName}, {caseTitle}, {caseNumber}, {company}'),
    severity: z.enum(['low', 'normal', 'high', 'critical']).default('normal'),
    departmentId: idSchema.optional().describe('the department whose members own the new cases, in turn'),
  })
  .meta({ id: 'OutreachInput' });
export type OutreachInput = z.infer<typeof outreachInputSchema>;

export const outreachSchema = z
  .object({
    id: idSchema,
    causeId: idSchema,
    status: z.enum(['running', 'done', 'failed']),
    total: z.number().int().describe('customers the cause touched when the outreach started'),
    processed: z.number().int(),
    opened: z.number().int().describe('proactive cases opened'),
    joined: z.number().int().describe('customers whose open case the oops joined'),
    skipped: z.number().int().describe('customers whose case was already linked to this cause'),
    apologised: z.number().int().describe('apologies sent'),
    error: z.string().nullable(),
    startedAt: isoDateTimeSchema,
    finishedAt: isoDateTimeSchema.nullable(),
  })
  .meta({ id: 'Outreach' });
export type Outreach = z.infer<typeof outreachSchema>;
