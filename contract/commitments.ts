// Commitments: promises made to customers, with a due time. Kept, broken by the clock (an oops
// that opens or joins a recovery case), or renegotiated to a time the customer agreed to. When
// one is made, Kept shows what the team achieved for similar promises (seed 002: under-promise,
// over-deliver).
import { z } from 'zod';
import { cursorSchema, idSchema, isoDateTimeSchema, limitSchema, pageSchema } from './common.ts';
import { customerRefSchema, sourceSchema } from './events.ts';

export const commitmentStatuses = ['open', 'renegotiated', 'kept', 'broken'] as const;
export const commitmentStatusSchema = z
  .enum(commitmentStatuses)
  .describe('open; renegotiated (still open, with a new due time the customer agreed to); kept; broken (by the clock at its due time)');
export type CommitmentStatus = z.infer<typeof commitmentStatusSchema>;

export const commitmentKindSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,63}$/, 'must be a short lowercase slug, e.g. refund or callback')
  .describe('what sort of promise, so similar ones can be compared: refund, callback, replacement, visit, ...')
  .meta({ example: 'refund' });

/** How long ahead a promise may be made. */
export const maxCommitmentDays = 366;
/** The window of past commitments the suggestion and the statistics read, by default. */
export const commitmentWindowDays = 180;
/** Fewer resolved commitments than this is "not enough data": no median, p90, rate or suggestion. */
export const minCommitments = 30;

const noteSchema = z.string().trim().min(1, 'is empty').max(2000);

export const commitmentInputSchema = z
  .strictObject({
    customerId: idSchema.optional().describe('the customer, by id (must exist)'),
    customer: customerRefSchema.optional().describe('the customer, by reference like events’ customers (created when unknown)'),
    caseId: idSchema
      .optional()
      .describe('the recovery case the promise belongs to; alone, it names the customer too (the case’s customer)'),
    what: z.string().trim().min(1, 'is empty').max(500).describe('the promise in words, e.g. "Refund the restocking fee"'),
    kind: commitmentKindSchema,
    dueAt: isoDateTimeSchema.describe(`by when; in the future and at most ${maxCommitmentDays} days ahead`),
    ownerId: idSchema.optional().describe('who keeps it; the person making it when absent'),
    departmentId: idSchema.optional().describe('the team that keeps it: similar promises are compared within it'),
    tellCustomer: z
      .boolean()
      .optional()
      .describe(
        'tell the customer, in the company’s voice, when it is made, kept and missed (true when absent); false when another system tells them itself',
      ),
    source: sourceSchema.optional().describe('for other systems: which one made it (api when absent); scopes idempotencyKey'),
    idempotencyKey: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('the same key from the same source makes one commitment; a repeat answers 200 with the original'),
  })
  .refine((v) => v.customerId !== undefined || v.customer !== undefined || v.caseId !== undefined, {
    message: 'give customerId, customer or caseId',
    path: ['customerId'],
  })
  .refine((v) => v.customerId === undefined || v.customer === undefined, {
    message: 'give customerId or customer, not both',
    path: ['customer'],
  })
  .meta({ id: 'CommitmentInput' });
export type CommitmentInput = z.infer<typeof commitmentInputSchema>;

export const commitmentNoticeSchema = z
  .object({
    notice: z
      .enum(['made', 'kept', 'missed'])
      .describe('made: what and by when; kept: it is done; missed: an apology and what happens next'),
    status: z
      .enum(['passed', 'held', 'cancelled', 'no_address'])
      .describe('the outbox’s decision (passed: handed to the mail sender), or no_address: the customer has no e-mail address'),
    at: isoDateTimeSchema,
    messageId: idSchema.nullable().describe('the outbox message'),
    mailId: idSchema.nullable().describe('the mail, when it passed'),
  })
  .meta({ id: 'CommitmentNotice' });
export type CommitmentNotice = z.infer<typeof commitmentNoticeSchema>;

const bySchema = z
  .object({ userId: idSchema.nullable(), tokenId: idSchema.nullable() })
  .describe('a person (userId) or another system (tokenId, its API token); both null for Kept itself (the clock)');

export const commitmentSchema = z
  .object({
    id: idSchema,
    customerId: idSchema,
    customer: z.object({ name: z.string().nullable(), email: z.string().nullable(), externalId: z.string().nullable() }),
    what: z.string(),
    kind: z.string(),
    status: commitmentStatusSchema,
    madeAt: isoDateTimeSchema,
    dueAt: isoDateTimeSchema.describe('the due time in force'),
    firstDueAt: isoDateTimeSchema.describe('the due time first promised (differs from dueAt after a renegotiation)'),
    renegotiations: z.number().int(),
    ownerId: idSchema.nullable(),
    departmentId: idSchema.nullable(),
    caseId: idSchema.nullable().describe('the case the promise was made on, if any'),
    madeBy: z.object({
      via: z.enum(['staff', 'case', 'system']).describe('staff; case (a person, on a case); system (an API token)'),
      userId: idSchema.nullable(),
      tokenId: idSchema.nullable(),
      source: z.string(),
    }),
    keptAt: isoDateTimeSchema.nullable(),
    keptBy: bySchema.nullable(),
    keptOnTime: z
      .boolean()
      .nullable()
      .describe('kept by the due time first promised; false when kept only by a renegotiated one; null unless kept'),
    brokenAt: isoDateTimeSchema.nullable().describe('its due time: the moment the promise was broken'),
    oopsCaseId: idSchema.nullable().describe('the recovery case its breaking opened or joined'),
    tellCustomer: z.boolean().describe('whether the customer is told when it is made, kept and missed'),
    notices: z.array(commitmentNoticeSchema).describe('what the customer was told about it, oldest first'),
  })
  .meta({ id: 'Commitment' });
export type Commitment = z.infer<typeof commitmentSchema>;

export const commitmentChangeSchema = z
  .object({
    change: z
      .enum(['made', 'renegotiated', 'kept', 'broken', 'handed_over'])
      .describe('handed_over: its owner left and it went to the next person of their department'),
    at: isoDateTimeSchema.describe('when it happened; for broken, the due time'),
    recordedAt: isoDateTimeSchema.describe('when Kept recorded it (a break found after downtime is recorded later than it happened)'),
    dueAt: isoDateTimeSchema.describe('the due time after the change'),
    previousDueAt: isoDateTimeSchema.nullable().describe('for renegotiated: the due time it replaced'),
    by: bySchema,
    note: z.string().nullable(),
  })
  .meta({ id: 'CommitmentChange' });
export type CommitmentChange = z.infer<typeof commitmentChangeSchema>;

export const commitmentDetailSchema = commitmentSchema
  .extend({ history: z.array(commitmentChangeSchema).describe('oldest first') })
  .meta({ id: 'CommitmentDetail' });
export type CommitmentDetail = z.infer<typeof commitmentDetailSchema>;

export const rateSchema = z
  .object({
    value: z.number().describe('in %'),
    low: z.number().describe('95 % Wilson interval, low end, in %'),
    high: z.number().describe('95 % Wilson interval, high end, in %'),
  })
  .meta({ id: 'KeptRate' });

const outcomeFields = {
  n: z.number().int().describe('resolved commitments (kept or broken) whose due time fell in the window'),
  keptOnTime: z.number().int().describe('kept by the due time first promised'),
  keptAfterRenegotiation: z
    .number()
    .int()
    .describe(
      'kept, but only by a later due time the customer agreed to. There is no "kept late": past its due time a commitment is broken',
    ),
  broken: z.number().int().describe('not kept by the due time in force: broken by the clock, each an oops'),
  enoughData: z.boolean().describe(`false under ${minCommitments}: no rate then`),
  keptOnTimeRate: rateSchema.nullable().describe('keptOnTime / n with its 95 % Wilson interval; null without enough data'),
};

export const suggestionSchema = z
  .object({
    kind: z.string(),
    departmentId: idSchema.nullable().describe('null: every department'),
    from: isoDateTimeSchema.describe('the window: commitments due from here...'),
    to: isoDateTimeSchema.describe('...to now'),
    ...outcomeFields,
    medianMs: z
      .number()
      .nullable()
      .describe('time from made to kept within which at least half of the n were kept (nearest rank; a broken one counts as never kept)'),
    p90Ms: z.number().nullable().describe('the same for 90 %: null when more than 1 in 10 were broken (no time was met 90 % of the time)'),
    suggestedWithinMs: z.number().nullable().describe('p90 rounded up to 15 min, 30 min, 1 h, 12 h or a day by its size'),
    suggestedDueAt: isoDateTimeSchema.nullable().describe('now + suggestedWithinMs'),
    reason: z
      .enum(['not_enough_data', 'often_broken'])
      .nullable()
      .describe('why there is no suggestion: fewer than 30 resolved, or more than 1 in 10 broken'),
  })
  .meta({ id: 'CommitmentSuggestion' });
export type Suggestion = z.infer<typeof suggestionSchema>;

export const suggestionQuerySchema = z.strictObject({
  kind: commitmentKindSchema,
  departmentId: idSchema.optional().describe('compare within this team; every department when absent'),
});
export type SuggestionQuery = z.infer<typeof suggestionQuerySchema>;

export const commitmentWarningSchema = z
  .object({
    code: z.enum(['sooner_than_usual', 'often_broken']),
    message: z.string(),
  })
  .meta({ id: 'CommitmentWarning' });
export type CommitmentWarning = z.infer<typeof commitmentWarningSchema>;

export const commitmentMadeSchema = z
  .object({
    commitment: commitmentSchema,
    suggestion: suggestionSchema,
    warnings: z.array(commitmentWarningSchema).describe('e.g. due sooner than the team keeps 90 % of similar promises; never a refusal'),
    duplicate: z.boolean().describe('true when the idempotency key had been seen: the original is returned'),
  })
  .meta({ id: 'CommitmentMade' });
export type CommitmentMade = z.infer<typeof commitmentMadeSchema>;

export const keepInputSchema = z.strictObject({ note: noteSchema.optional() }).meta({ id: 'KeepCommitmentInput' });
export type KeepInput = z.infer<typeof keepInputSchema>;

export const renegotiateInputSchema = z
  .strictObject({
    newDueAt: isoDateTimeSchema.describe(`the time the customer agreed to; in the future, at most ${maxCommitmentDays} days ahead`),
    note: noteSchema.describe('how the customer agreed, e.g. "Called her; Tuesday suits her better"'),
  })
  .meta({ id: 'RenegotiateCommitmentInput' });
export type RenegotiateInput = z.infer<typeof renegotiateInputSchema>;

const statusList = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(z.array(commitmentStatusSchema).min(1).max(4));

export const commitmentListQuerySchema = z.strictObject({
  status: statusList.optional().describe('comma-separated: open, renegotiated, kept, broken'),
  customerId: idSchema.optional(),
  caseId: idSchema.optional(),
  departmentId: idSchema.optional(),
  ownerId: idSchema.optional(),
  kind: commitmentKindSchema.optional(),
  dueAfter: isoDateTimeSchema.optional().describe('due at or after'),
  dueBefore: isoDateTimeSchema.optional().describe('due before'),
  order: z.enum(['asc', 'desc']).default('asc').describe('by due time: soonest first (asc) or latest first'),
  limit: limitSchema,
  cursor: cursorSchema.optional(),
});
export type CommitmentListQuery = z.infer<typeof commitmentListQuerySchema>;
export const commitmentPageSchema = pageSchema(commitmentSchema).meta({ id: 'CommitmentPage' });

export const commitmentOutcomesSchema = z.object({
  ...outcomeFields,
  openNow: z.number().int().describe('open or renegotiated right now, whatever their due time (not in n)'),
});

export const commitmentStatsSchema = z
  .object({
    from: isoDateTimeSchema,
    to: isoDateTimeSchema,
    total: commitmentOutcomesSchema,
    departments: z.array(
      commitmentOutcomesSchema.extend({
        departmentId: idSchema.nullable().describe('null: commitments without a department'),
        name: z.string().nullable(),
        kinds: z.array(commitmentOutcomesSchema.extend({ kind: z.string() })).describe('most commitments first'),
      }),
    ),
  })
  .meta({ id: 'CommitmentStats' });
export type CommitmentStats = z.infer<typeof commitmentStatsSchema>;

export const commitmentStatsQuerySchema = z.strictObject({
  days: z.coerce
    .number()
    .int()
    .min(1)
    .max(730)
    .default(commitmentWindowDays)
    .describe('the window: commitments due in this many days before now'),
});
export type CommitmentStatsQuery = z.infer<typeof commitmentStatsQuerySchema>;

export const commitmentKindsSchema = z
  .object({ items: z.array(z.object({ kind: z.string(), commitments: z.number().int() })).describe('most used first') })
  .meta({ id: 'CommitmentKinds' });
