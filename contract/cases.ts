// Recovery cases: every oops opens one (or joins the customer's open case), with a clock that
// starts at the oops.
import { z } from 'zod';
import { cursorSchema, idSchema, isoDateTimeSchema, limitSchema, pageSchema } from './common.ts';
import { customerRefSchema } from './events.ts';
import {
  businessHoursSchema,
  escalatePercent,
  recoveryTargetHours,
  remindPercent,
  targetHoursSchema,
  waitingCloseDays,
} from './case-clock.ts';
import { caseMessageSchema, personSchema, playbookStepSchema, stepNameSchema, stepNames } from './playbook.ts';
import { restitutionOfferSchema } from './restitution.ts';

export const caseOrigins = ['survey', 'complaint', 'manual', 'proactive', 'commitment', 'contradiction', 'basic'] as const;
export const caseOriginSchema = z.enum(caseOrigins);
export type CaseOrigin = z.infer<typeof caseOriginSchema>;
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
    state: z
      .enum(['open', 'waiting_on_customer', 'closed'])
      .describe('waiting_on_customer: open, its required steps done or skipped, and only the follow-up answer still to come'),
    origin: caseOriginSchema,
    severity: caseSeveritySchema,
    title: z.string().describe('the internal summary, for staff'),
    customerTitle: z
      .string()
      .describe('what the customer reads about the case ({caseTitle} in messages): the one set, else a neutral one by origin'),
    customerTitleSet: z.boolean().describe('false: customerTitle is the neutral default'),
    oopsAt: isoDateTimeSchema.describe('the moment of the oops: the clock starts here'),
    remindAt: isoDateTimeSchema.describe(`${remindPercent} % of the target: the owner is reminded`),
    escalateAt: isoDateTimeSchema.describe(`${escalatePercent} %: the department’s managers are told`),
    dueAt: isoDateTimeSchema.describe('100 %: the target; after it the case is breached'),
    ownerId: idSchema.nullable(),
    departmentId: idSchema.nullable(),
    causeId: idSchema.nullable(),
    openedAt: isoDateTimeSchema,
    remindedAt: isoDateTimeSchema.nullable(),
    escalatedAt: isoDateTimeSchema.nullable(),
    breachedAt: isoDateTimeSchema.nullable(),
    recoveredAt: isoDateTimeSchema
      .nullable()
      .describe('when acknowledge, apologise and fix were all done or skipped: the clock stops here'),
    closedAt: isoDateTimeSchema.nullable(),
    nextStep: stepNameSchema.nullable().describe('the next step of the playbook; null when every step is done or skipped'),
    oopses: z.array(oopsSchema),
  })
  .meta({ id: 'Case' });
export type Case = z.infer<typeof caseSchema>;

export const assignmentSchema = z
  .object({
    at: isoDateTimeSchema,
    ownerId: idSchema.nullable(),
    departmentId: idSchema.nullable(),
    by: personSchema.nullable(),
    how: z.enum(['round_robin', 'named', 'reassigned', 'unassigned']),
  })
  .meta({ id: 'CaseAssignment' });

export const caseDetailSchema = caseSchema
  .extend({
    playbook: z.array(playbookStepSchema),
    messages: z.array(caseMessageSchema),
    assignments: z.array(assignmentSchema),
    closedBy: personSchema.nullable(),
    customerUrl: z.string().describe('the customer’s own page for this case (a signed link); it is in every message the customer gets'),
    restitutionOffers: z.array(restitutionOfferSchema).describe('restitutions offered for the customer to choose from, newest first'),
  })
  .meta({ id: 'CaseDetail' });
export type CaseDetail = z.infer<typeof caseDetailSchema>;

export const caseUpdateSchema = z
  .strictObject({
    ownerId: idSchema.nullable().optional().describe('reassign to this person (null: unassigned); recorded'),
    departmentId: idSchema.nullable().optional(),
    severity: caseSeveritySchema.optional(),
    causeId: idSchema.nullable().optional().describe('link the case to a cause (null: unlink)'),
    customerTitle: z
      .string()
      .trim()
      .min(1)
      .max(120)
      .nullable()
      .optional()
      .describe('what the customer reads about the case, written for them (null: the neutral default)'),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'give at least one of ownerId, departmentId, severity, causeId, customerTitle' })
  .meta({ id: 'CaseUpdate' });
export type CaseUpdate = z.infer<typeof caseUpdateSchema>;

export const closeCaseInputSchema = z.strictObject({ note: z.string().trim().max(2000).optional() }).meta({ id: 'CloseCaseInput' });
export type CloseCaseInput = z.infer<typeof closeCaseInputSchema>;

export const recoverySettingsSchema = z
  .strictObject({
    targetHours: targetHoursSchema.describe(`the clock’s target from the oops; ${recoveryTargetHours} by default`),
    businessHours: businessHoursSchema.nullable().describe('null: calendar hours'),
    thresholds: z
      .strictObject({
        nps: z.number().int().min(0).max(10),
        csat: z.number().int().min(1).max(5),
        ces: z.number().int().min(1).max(7),
      })
      .describe('an answer at or below these opens a case'),
    requiredSteps: z
      .array(stepNameSchema)
      .max(stepNames.length)
      .refine((a) => new Set(a).size === a.length, { message: 'names a step twice' })
      .describe('steps a case needs done or skipped before it closes'),
    defaultDepartmentId: idSchema.nullable(),
    followUpDays: z.number().int().min(0).max(60).describe('days after the fix the re-survey goes out by default'),
    waitingCloseDays: z
      .number()
      .int()
      .min(1)
      .max(90)
      .optional()
      .describe(
        `a case waiting on the customer (its required steps done, only the follow-up answer to come) closes itself when the answer arrives, or after this many days without one; ${waitingCloseDays} by default. Always answered; left out of a change, it stays as it is`,
      ),
  })
  .meta({ id: 'RecoverySettings' });
export type RecoverySettings = z.infer<typeof recoverySettingsSchema>;

export const manualOopsInputSchema = z
  .strictObject({
    customerId: idSchema.optional(),
    customer: customerRefSchema.optional(),
    summary: z.string().trim().min(1).max(2000).describe('what went wrong, in a sentence (internal: staff read it)'),
    customerTitle: z.string().trim().min(1).max(120).optional().describe('what the customer reads about the case, written for them'),
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
  mine: flag.optional().describe('same as owner=mine'),
  owner: z
    .enum(['mine', 'unassigned', 'all'])
    .optional()
    .describe('mine: the caller’s cases; unassigned: cases with no owner; all (default)'),
  departmentId: idSchema.optional(),
  customerId: idSchema.optional().describe('one customer’s cases'),
  origin: caseOriginSchema.optional(),
  breached: flag.optional(),
  limit: limitSchema,
  cursor: cursorSchema.optional(),
});
export type CaseListQuery = z.infer<typeof caseListQuerySchema>;
export const casePageSchema = pageSchema(caseSchema)
  .extend({
    counts: z
      .object({ all: z.number().int(), mine: z.number().int(), unassigned: z.number().int() })
      .describe('open cases in the workspace: all, the caller’s, and those with no owner'),
  })
  .meta({ id: 'CasePage' });
