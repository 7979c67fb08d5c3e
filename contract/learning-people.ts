// Learning, the people half: recognition (kudos), internal customers (hand-offs between
// departments, rated 1-5) and the staff's quarterly 0-10 "customer obsession" rating.
import { z } from 'zod';
import { cursorSchema, idSchema, isoDateTimeSchema, limitSchema, pageSchema } from './common.ts';

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'is empty')
    .max(max, `is longer than ${max} characters`)
    .refine((s) => !s.includes('\0'), 'contains a NUL character');

// --- Recognition -------------------------------------------------------------------------------

export const kudosStatusSchema = z.enum(['sent', 'pending', 'dismissed']);
export const kudosSourceSchema = z.enum(['answer', 'complaint', 'case_reply', 'picked', 'caught']);

export const kudosSchema = z
  .object({
    id: idSchema,
    status: kudosStatusSchema.describe('sent: the person and their team lead were told; pending: a name fits several people'),
    source: kudosSourceSchema.describe('where the praise came from; caught = a manager, by hand'),
    sourceId: idSchema.nullable().describe('the answer, complaint or case it came from'),
    matched: z.string().describe('the name as matched (folded: lower case, no diacritics)'),
    staff: z.object({ id: idSchema, name: z.string() }).nullable(),
    candidates: z.array(z.object({ id: idSchema, name: z.string() })).describe('pending: the people the name fits'),
    departmentIds: z.array(idSchema),
    customerId: idSchema.nullable(),
    words: z.string().describe('the words of praise: the customer’s sentence, or the manager’s'),
    byUserId: idSchema.nullable(),
    createdAt: isoDateTimeSchema,
    resolvedAt: isoDateTimeSchema.nullable(),
  })
  .meta({ id: 'Kudos' });
export type Kudos = z.infer<typeof kudosSchema>;
export const kudosPageSchema = pageSchema(kudosSchema).meta({ id: 'KudosPage' });

export const kudosListQuerySchema = z.strictObject({
  status: kudosStatusSchema.optional(),
  departmentId: idSchema.optional().describe('the recognition feed of one department'),
  staffId: idSchema.optional(),
  cursor: cursorSchema.optional(),
  limit: limitSchema,
});
export type KudosListQuery = z.infer<typeof kudosListQuerySchema>;

export const catchInputSchema = z
  .strictObject({
    staffId: idSchema.describe('the person caught doing a great job'),
    words: text(2000).describe('what they did'),
  })
  .meta({ id: 'CatchInput' });
export type CatchInput = z.infer<typeof catchInputSchema>;

export const kudosConfirmSchema = z
  .strictObject({ staffId: idSchema.describe('the person the customer meant') })
  .meta({ id: 'KudosConfirm' });
export type KudosConfirm = z.infer<typeof kudosConfirmSchema>;

// --- Internal customers ------------------------------------------------------------------------

export const handOffKindSchema = z.enum(['case', 'task', 'request']);
export const handOffSchema = z
  .object({
    id: idSchema,
    kind: handOffKindSchema.describe('case: reassigned to another department; task: a held message’s task; request: recorded by hand'),
    refId: idSchema.nullable(),
    requestingDepartmentId: idSchema.describe('the internal customer: the department that passed the work on, and rates it'),
    givingDepartmentId: idSchema.describe('the department that did the work'),
    title: z.string(),
    handedAt: isoDateTimeSchema,
    rating: z.number().int().min(1).max(5).nullable(),
    comment: z.string().nullable(),
    ratedAt: isoDateTimeSchema.nullable(),
    ratedBy: idSchema.nullable(),
  })
  .meta({ id: 'HandOff' });
export type HandOff = z.infer<typeof handOffSchema>;
export const handOffPageSchema = pageSchema(handOffSchema).meta({ id: 'HandOffPage' });

export const handOffInputSchema = z
  .strictObject({
    requestingDepartmentId: idSchema,
    givingDepartmentId: idSchema,
    title: text(300).describe('what was asked of the giving department'),
  })
  .meta({ id: 'HandOffInput' });
export type HandOffInput = z.infer<typeof handOffInputSchema>;

export const handOffListQuerySchema = z.strictObject({
  state: z.enum(['unrated', 'rated', 'all']).default('all'),
  departmentId: idSchema.optional().describe('hand-offs this department requested or gave'),
  cursor: cursorSchema.optional(),
  limit: limitSchema,
});
export type HandOffListQuery = z.infer<typeof handOffListQuerySchema>;

export const handOffRatingSchema = z
  .strictObject({
    rating: z.number().int('is not a whole number').min(1, 'is below 1').max(5, 'is above 5').describe('1-5, like CSAT'),
    comment: text(2000).optional(),
  })
  .meta({ id: 'HandOffRating' });
export type HandOffRating = z.infer<typeof handOffRatingSchema>;

const intervalSchema = z.object({ low: z.number(), high: z.number() });
export const pairFigureSchema = z.object({
  n: z.number().int(),
  enoughData: z.boolean(),
  satisfied: z.number().nullable().describe('% of ratings 4-5 (as CSAT); null under the answer floor'),
  interval: intervalSchema.nullable().describe('95 % Agresti-Coull interval of `satisfied`'),
  mean: z.number().nullable().describe('the mean rating 1-5'),
  meanInterval: intervalSchema.nullable().describe('95 % Student t interval of the mean'),
});

export const handOffPairSchema = z
  .object({
    requestingDepartmentId: idSchema,
    givingDepartmentId: idSchema,
    current: pairFigureSchema,
    previous: pairFigureSchema.describe('the period as long before `from`'),
    trend: z.object({
      difference: z.number().nullable().describe('current - previous, percentage points'),
      significant: z.boolean().nullable(),
    }),
    comments: z.array(z.object({ rating: z.number().int(), comment: z.string(), ratedAt: isoDateTimeSchema })),
  })
  .meta({ id: 'HandOffPair' });
export type HandOffPair = z.infer<typeof handOffPairSchema>;

export const internalSatisfactionSchema = z
  .object({
    from: isoDateTimeSchema,
    to: isoDateTimeSchema,
    minRatings: z.number().int().describe('the answer floor: fewer ratings show n only'),
    lowRating: z.number().int().describe('a rating at or below this reaches the giving department’s managers'),
    pairs: z.array(handOffPairSchema),
  })
  .meta({ id: 'InternalSatisfaction' });
export type InternalSatisfaction = z.infer<typeof internalSatisfactionSchema>;

// --- The obsession score -----------------------------------------------------------------------

export const quarterSchema = z
  .string()
  .regex(/^[0-9]{4}-Q[1-4]$/, 'is not a quarter like 2026-Q3')
  .meta({ example: '2026-Q3' });

export const obsessionAnswerInputSchema = z
  .strictObject({
    score: z.number().int('is not a whole number').min(0, 'is below 0').max(10, 'is above 10'),
    toBeATen: text(4000).optional().describe('What has to happen to be a 10?'),
  })
  .meta({ id: 'ObsessionAnswerInput' });
export type ObsessionAnswerInput = z.infer<typeof obsessionAnswerInputSchema>;

export const obsessionQuerySchema = z.strictObject({ quarter: quarterSchema.optional() });

export const obsessionSchema = z
  .object({
    quarter: quarterSchema,
    from: isoDateTimeSchema,
    to: isoDateTimeSchema,
    answered: z.boolean().describe('whether you answered this quarter (your answer itself is not linked to you)'),
    minAnswers: z.number().int().describe('fewer answers than this show n only, so nobody’s rating can be told'),
    staff: z.object({
      n: z.number().int(),
      shown: z.boolean(),
      mean: z.number().nullable().describe('mean rating 0-10'),
      interval: intervalSchema.nullable().describe('95 % Student t interval of the mean'),
      counts: z.array(z.number().int()).nullable().describe('answers per score 0..10'),
    }),
    customers: z.object({
      n: z.number().int(),
      nps: z.number().nullable(),
      interval: intervalSchema.nullable(),
      minAnswers: z.number().int(),
    }),
    toBeATen: z
      .array(z.object({ id: idSchema, text: z.string(), improvementId: idSchema.nullable() }))
      .describe('the "what has to happen" answers, in random order; empty when the figure is not shown'),
  })
  .meta({ id: 'Obsession' });
export type Obsession = z.infer<typeof obsessionSchema>;

export const obsessionImprovementInputSchema = z
  .strictObject({ title: text(300).describe('the improvement this answer becomes') })
  .meta({ id: 'ObsessionImprovementInput' });
export type ObsessionImprovementInput = z.infer<typeof obsessionImprovementInputSchema>;
