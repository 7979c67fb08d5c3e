// Learning, continued: the friction ranking, the dumb-rules review and "you said, we did".
import { z } from 'zod';
import { cursorSchema, idSchema, isoDateTimeSchema, limitSchema, pageSchema } from './common.ts';
import { frictionKindSchema, frictionSchema, itemRefSchema, ruleExceptionSchema, ruleStatusSchema } from './learning.ts';

export const periodQuerySchema = z
  .strictObject({
    from: isoDateTimeSchema.describe('the period’s start (inclusive)'),
    to: isoDateTimeSchema.describe('the period’s end (exclusive); the previous period is as long and ends at `from`'),
  })
  .meta({ id: 'PeriodQuery' });
export type PeriodQuery = z.infer<typeof periodQuerySchema>;

const figuresSchema = z.object({
  complaints: z.number().int(),
  cases: z.number().int(),
  answers: z.number().int(),
  exceptions: z.number().int(),
  customers: z
    .number()
    .int()
    .describe('distinct customers behind the friction and the exceptions: exact, or an estimate when `customersEstimated`'),
  customersEstimated: z
    .boolean()
    .describe('true when the period holds too many items to count the customers one by one: `customers` is then a HyperLogLog estimate'),
  customersError: z
    .number()
    .nullable()
    .describe('the estimate’s relative standard error (0.0325: ±3.25 %, so within ±6.4 % 19 times in 20); null when exact'),
  cost: z.number().describe('exceptions (not pending) plus the restitution cost recorded on the tagged cases'),
});
export type FrictionFigures = z.infer<typeof figuresSchema>;
const previousSchema = figuresSchema
  .omit({ customers: true, customersEstimated: true, customersError: true })
  .extend({ friction: z.number().int() })
  .describe('the previous period’s figures (its customers are not counted)');

export const rankingRowSchema = z
  .object({
    ruleId: idSchema,
    name: z.string(),
    status: ruleStatusSchema,
    ownerId: idSchema.nullable(),
    departmentId: idSchema.nullable(),
    friction: z.number().int().describe('complaints + cases + answers + exceptions: what the ranking sorts by'),
    figures: figuresSchema,
    previous: previousSchema,
    trend: z.number().int().describe('friction minus the previous period’s'),
  })
  .meta({ id: 'FrictionRankingRow' });
export type RankingRow = z.infer<typeof rankingRowSchema>;
export const rankingSchema = z
  .object({ from: isoDateTimeSchema, to: isoDateTimeSchema, previousFrom: isoDateTimeSchema, items: z.array(rankingRowSchema) })
  .meta({ id: 'FrictionRanking', description: 'Worst first: most friction, then most cost, then name.' });
export type Ranking = z.infer<typeof rankingSchema>;

export const figureSchema = z.enum(['complaints', 'cases', 'answers', 'exceptions', 'customers', 'cost']);
export const drillQuerySchema = periodQuerySchema.extend({ figure: figureSchema }).meta({ id: 'FrictionDrillQuery' });
export type DrillQuery = z.infer<typeof drillQuerySchema>;
export const drillSchema = z
  .object({
    figure: figureSchema,
    friction: z.array(frictionSchema.extend({ restitution: z.number().nullable() })),
    exceptions: z.array(ruleExceptionSchema),
    customers: z.array(idSchema),
  })
  .meta({ id: 'FrictionItems', description: 'The items behind one figure of one rule in a period, newest first (at most 500 each).' });
export type Drill = z.infer<typeof drillSchema>;

export const reviewInputSchema = z
  .strictObject({
    dueAt: isoDateTimeSchema,
    ownerId: idSchema.optional().describe('who answers for the review; the rule’s owner when absent'),
  })
  .meta({ id: 'ReviewInput' });
export type ReviewInput = z.infer<typeof reviewInputSchema>;

export const reviewOutcomeSchema = z.enum(['keep', 'change', 'trash']);
export const reviewCloseSchema = z
  .strictObject({
    outcome: reviewOutcomeSchema,
    reason: z.string().trim().max(5000).optional().describe('required: why the rule is kept, changed or trashed'),
    newText: z.string().trim().min(1).max(5000).optional().describe('required for change: the rule’s new text'),
  })
  .meta({ id: 'ReviewClose' });
export type ReviewClose = z.infer<typeof reviewCloseSchema>;

export const reviewSchema = z
  .object({
    id: idSchema,
    ruleId: idSchema,
    ruleName: z.string(),
    ownerId: idSchema,
    dueAt: isoDateTimeSchema,
    overdue: z.boolean(),
    status: z.enum(['open', 'closed']),
    outcome: reviewOutcomeSchema.nullable(),
    reason: z.string().nullable(),
    newText: z.string().nullable(),
    openedAt: isoDateTimeSchema,
    closedAt: isoDateTimeSchema.nullable(),
    closedBy: idSchema.nullable(),
    improvementId: idSchema.nullable().describe('the "you said, we did" improvement a change or a trash created'),
  })
  .meta({ id: 'RuleReview' });
export type Review = z.infer<typeof reviewSchema>;

/** The question's and the answer's limits, checked by the server with named errors (question_empty, question_too_long). */
export const questionMaxLength = 500;
export const questionAnswerMaxLength = 2000;
const questionText = z.string().max(10_000);
export const questionInputSchema = z
  .strictObject({
    texts: z
      .strictObject({ en: questionText.optional(), fr: questionText.optional(), de: questionText.optional() })
      .describe(
        `the one question, per language (at most ${questionMaxLength} characters each); a customer reads theirs, else English, else the first given`,
      ),
    from: isoDateTimeSchema.optional().describe('ask only the customers whose tagged items occurred at or after this time'),
    to: isoDateTimeSchema.optional().describe('… and before this time'),
  })
  .meta({ id: 'ReviewQuestionInput' });
export type QuestionInput = z.infer<typeof questionInputSchema>;

const localeTriple = z.object({ en: z.string(), fr: z.string(), de: z.string() });
export const questionCountsSchema = z.object({
  asked: z.number().int().describe('distinct customers behind the friction items asked'),
  sent: z.number().int().describe('whose message passed the outbox (or was released)'),
  held: z.number().int().describe('held by the guard, waiting for a person'),
  cancelled: z.number().int().describe('cancelled by the guard or by a person'),
  noAddress: z.number().int().describe('not sent: no e-mail address'),
  unsubscribed: z.number().int().describe('not sent: unsubscribed'),
  answered: z.number().int(),
});
export type QuestionCounts = z.infer<typeof questionCountsSchema>;
export const reviewQuestionSchema = z
  .object({
    texts: z.record(z.string(), z.string()),
    from: isoDateTimeSchema.nullable(),
    to: isoDateTimeSchema.nullable(),
    askedAt: isoDateTimeSchema,
    askedBy: idSchema.nullable(),
    expiresAt: isoDateTimeSchema.describe('answers are taken until then, while the review is open'),
    counts: questionCountsSchema,
    answers: z
      .array(
        z.object({
          customerId: idSchema,
          locale: z.string(),
          words: z.string().nullable().describe('what the customer had said (the item the question quoted)'),
          answer: z.string().describe('their answer to the question, in their words'),
          answeredAt: isoDateTimeSchema,
        }),
      )
      .describe('latest first'),
  })
  .meta({ id: 'ReviewQuestion' });
export type ReviewQuestion = z.infer<typeof reviewQuestionSchema>;

export const evidenceSchema = z
  .object({
    review: reviewSchema,
    question: reviewQuestionSchema.nullable().describe('the question the review asked the affected customers, with their answers'),
    questionDefaults: localeTriple.describe('a question to start from, in English, French and German'),
    friction: z.array(frictionSchema).describe('every item tagged to the rule, newest first (at most 500), with the customers’ words'),
    exceptions: z.array(ruleExceptionSchema),
    customers: z.number().int(),
    cost: z.number(),
  })
  .meta({ id: 'RuleReviewEvidence' });
export type Evidence = z.infer<typeof evidenceSchema>;
export const reviewListQuerySchema = z.strictObject({ overdue: z.enum(['true', 'false']).optional() });
export type ReviewListQuery = z.infer<typeof reviewListQuerySchema>;

const localeTexts = z.strictObject({
  en: z.string().trim().min(1).max(2000).optional(),
  fr: z.string().trim().min(1).max(2000).optional(),
  de: z.string().trim().min(1).max(2000).optional(),
});
export const improvementInputSchema = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(5000).optional(),
    toldText: localeTexts.default({}).describe('what changed, in the customer’s language; Kept uses the title when absent'),
    feedback: z.array(itemRefSchema).max(1000).default([]),
  })
  .meta({ id: 'ImprovementInput' });
export type ImprovementInput = z.infer<typeof improvementInputSchema>;
export const feedbackInputSchema = z
  .strictObject({ items: z.array(itemRefSchema).min(1).max(1000) })
  .meta({ id: 'ImprovementFeedbackInput' });
export type FeedbackInput = z.infer<typeof feedbackInputSchema>;

export const improvementStatusSchema = z.enum(['planned', 'done']);
const improvementCountsSchema = z.object({
  raised: z.number().int().describe('customers behind the linked feedback'),
  told: z.number().int().describe('customers whose message passed the outbox'),
  bounced: z.number().int().describe('of them, whose mail failed'),
  notTold: z.number().int().describe('held, cancelled, unsubscribed or without an address'),
});
export const improvementSchema = z
  .object({
    id: idSchema,
    title: z.string(),
    description: z.string().nullable(),
    toldText: z.record(z.string(), z.string()),
    status: improvementStatusSchema,
    ruleId: idSchema.nullable(),
    reviewId: idSchema.nullable(),
    createdAt: isoDateTimeSchema,
    doneAt: isoDateTimeSchema.nullable(),
    feedback: z.array(
      z.object({
        kind: frictionKindSchema,
        itemId: idSchema,
        customerId: idSchema,
        customerName: z.string().nullable().describe('the customer’s name, else their e-mail or external id'),
        caseId: idSchema.nullable().describe('the case: the item itself, or the case a complaint opened'),
        words: z.string().nullable().describe('what the customer said, in their own words'),
      }),
    ),
    counts: improvementCountsSchema,
  })
  .meta({ id: 'Improvement' });
export type Improvement = z.infer<typeof improvementSchema>;

/** A row of the list: the improvement without its feedback (GET /{id} has it), with its counts. */
export const improvementSummarySchema = improvementSchema.omit({ feedback: true }).meta({ id: 'ImprovementSummary' });
export type ImprovementSummary = z.infer<typeof improvementSummarySchema>;
export const improvementPageSchema = pageSchema(improvementSummarySchema).meta({ id: 'ImprovementPage' });
export const improvementListQuerySchema = z.strictObject({
  status: improvementStatusSchema.optional().describe('planned (customers not told yet) or done'),
  cursor: cursorSchema.optional(),
  limit: limitSchema,
});
export type ImprovementListQuery = z.infer<typeof improvementListQuerySchema>;
