// Recovery cases: every oops opens one (or joins the customer's open case), with a clock that
// starts at the oops.
import { z } from 'zod';
import { cursorSchema, idSchema, isoDateTimeSchema, limitSchema, pageSchema } from './common.ts';
import { customerRefSchema } from './events.ts';

export const caseOrigins = ['survey', 'complaint', 'manual', 'proactive', 'commitment', 'contradiction'] as const;
export const caseOriginSchema = z.enum(caseOrigins);
export const caseSeveritySchema = z.enum(['low', 'normal', 'high', 'critical']);
export type CaseSeverity = z.infer<typeof caseSeveritySchema>;

export const oopsSchema = z
  .object({
    id: idSchema,
    kind: caseOriginSchema,
    occurredAt: isoDateTimeSchema,
    reportedAt: isoDateTimeSchema,
    summary: z.string(),
    ref: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'Oops' });

export const caseSchema = z
  .object({
    id: idSchema,
    number: z.number().int(),
    customerId: idSchema,
    customer: z.object({ name: z.string().nullable(), email: z.string().nullable(), externalId: z.string().nullable() }),
    status: z.enum(['open', 'closed']),
    origin: caseOriginSchema,
    severity: caseSeveritySchema,
    title: z.string(),
    oopsAt: isoDateTimeSchema.describe('the moment of the oops: the clock starts here'),
    remindAt: isoDateTimeSchema.describe('50 % of the target: the owner is reminded'),
    escalateAt: isoDateTimeSchema.describe('80 %: the department’s managers are told'),
    dueAt: isoDateTimeSchema.describe('100 %: the target; after it the case is breached'),
    ownerId: idSchema.nullable(),
    departmentId: idSchema.nullable(),
    causeId: idSchema.nullable(),
    openedAt: isoDateTimeSchema,
    remindedAt: isoDateTimeSchema.nullable(),
    escalatedAt: isoDateTimeSchema.nullable(),
    breachedAt: isoDateTimeSchema.nullable(),
    closedAt: isoDateTimeSchema.nullable(),
    oopses: z.array(oopsSchema),
  })
  .meta({ id: 'Case' });
export type Case = z.infer<typeof caseSchema>;

export const manualOopsInputSchema = z
  .strictObject({
    customerId: idSchema.optional(),
    customer: customerRefSchema.optional(),
    summary: z.string().trim().min(1).max(2000).describe('what went wrong, in a sentence'),
    occurredAt: isoDateTimeSchema.optional().describe('when it went wrong (the incident time); now when absent'),
    severity: caseSeveritySchema.default('normal'),
    departmentId: idSchema.optional(),
    ownerId: idSchema.optional().describe('a named owner; otherwise round-robin within the department'),
  })
  .refine((v) => (v.customerId === undefined) !== (v.customer === undefined), { message: 'give customerId or customer, not both' })
  .meta({ id: 'ManualOopsInput' });
export type ManualOopsInput = z.infer<typeof manualOopsInputSchema>;

export const reportResultSchema = z
  .object({ case: caseSchema, joined: z.boolean().describe('true when the oops joined the customer’s open case') })
  .meta({ id: 'OopsReported' });

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
export const caseListQuerySchema = z.strictObject({
  status: z.enum(['open', 'closed']).default('open'),
  mine: flag.optional(),
  departmentId: idSchema.optional(),
  origin: caseOriginSchema.optional(),
  breached: flag.optional(),
  limit: limitSchema,
  cursor: cursorSchema.optional(),
});
export type CaseListQuery = z.infer<typeof caseListQuerySchema>;
export const casePageSchema = pageSchema(caseSchema).meta({ id: 'CasePage' });
