// Learning: the register of rules (policies), the friction they cause, the front line's
// exceptions within a budget, the dumb-rules review and "you said, we did" improvements.
import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './common.ts';

export const ruleStatuses = ['in_force', 'under_review', 'changed', 'trashed'] as const;
export const ruleStatusSchema = z.enum(ruleStatuses);
export type RuleStatus = z.infer<typeof ruleStatusSchema>;

export const frictionKinds = ['case', 'complaint', 'answer'] as const;
export const frictionKindSchema = z.enum(frictionKinds);
export type FrictionKind = z.infer<typeof frictionKindSchema>;

const phrasesSchema = z
  .array(z.string().trim().min(2).max(100))
  .max(50)
  .describe('words customers use when the rule bites, in any of en/fr/de ("restocking fee", "frais de restockage")');

export const ruleInputSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    text: z.string().trim().min(1).max(5000).describe('the rule as it is applied'),
    why: z.string().trim().max(5000).optional().describe('why the rule exists'),
    departmentId: idSchema.optional(),
    ownerId: idSchema.optional().describe('the person accountable for the rule'),
    phrases: phrasesSchema.default([]),
  })
  .meta({ id: 'RuleInput', example: { name: 'Restocking fee', text: 'Returns of opened items cost a 15 % restocking fee.' } });
export type RuleInput = z.infer<typeof ruleInputSchema>;

export const rulePatchSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    why: z.string().trim().max(5000).nullable().optional(),
    departmentId: idSchema.nullable().optional(),
    ownerId: idSchema.nullable().optional(),
    phrases: phrasesSchema.optional(),
  })
  .meta({ id: 'RulePatch', description: 'The text changes only through a review (a new version).' });
export type RulePatch = z.infer<typeof rulePatchSchema>;

export const ruleVersionSchema = z
  .object({
    version: z.number().int(),
    text: z.string(),
    why: z.string().nullable(),
    at: isoDateTimeSchema,
    byUserId: idSchema.nullable(),
    reason: z.string().nullable(),
  })
  .meta({ id: 'RuleVersion' });

export const ruleSchema = z
  .object({
    id: idSchema,
    name: z.string(),
    text: z.string(),
    why: z.string().nullable(),
    departmentId: idSchema.nullable(),
    ownerId: idSchema.nullable(),
    status: ruleStatusSchema,
    version: z.number().int(),
    phrases: z.array(z.string()),
    createdAt: isoDateTimeSchema,
    updatedAt: isoDateTimeSchema,
    versions: z.array(ruleVersionSchema).optional().describe('oldest first (on one rule)'),
  })
  .meta({ id: 'Rule' });
export type Rule = z.infer<typeof ruleSchema>;

export const ruleListQuerySchema = z.strictObject({ status: ruleStatusSchema.optional() });
export type RuleListQuery = z.infer<typeof ruleListQuerySchema>;

export const itemRefSchema = z
  .strictObject({ kind: frictionKindSchema, id: idSchema })
  .meta({ id: 'FeedbackItemRef', description: 'a case, a complaint or an answer (a survey response) of this workspace' });
export type ItemRef = z.infer<typeof itemRefSchema>;

export const frictionInputSchema = itemRefSchema
  .extend({ suggested: z.boolean().default(false).describe('true when a person confirms a suggestion') })
  .meta({ id: 'FrictionInput' });
export type FrictionInput = z.infer<typeof frictionInputSchema>;

export const frictionSchema = z
  .object({
    id: idSchema,
    ruleId: idSchema,
    kind: frictionKindSchema,
    itemId: idSchema,
    customerId: idSchema,
    occurredAt: isoDateTimeSchema,
    words: z.string().nullable().describe('the customer’s own words'),
    taggedAt: isoDateTimeSchema,
    taggedBy: idSchema.nullable(),
    suggested: z.boolean(),
    duplicate: z.boolean().optional().describe('true when the item was tagged to this rule already'),
  })
  .meta({ id: 'Friction' });
export type Friction = z.infer<typeof frictionSchema>;

export const suggestionQuerySchema = itemRefSchema;
export const ruleSuggestionSchema = z
  .object({ ruleId: idSchema, name: z.string(), matched: z.array(z.string()).describe('the rule’s phrases found in the words') })
  .meta({ id: 'RuleSuggestion' });
export type RuleSuggestion = z.infer<typeof ruleSuggestionSchema>;

const money = z.number().min(0).max(1_000_000_000);
const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like EUR');

export const exceptionBudgetInputSchema = z
  .strictObject({
    maxCount: z.number().int().min(0).max(10_000).describe('exceptions per agent per calendar month (UTC)'),
    maxAmount: money.describe('their total cost per agent per month'),
    currency: currencySchema,
  })
  .meta({ id: 'ExceptionBudgetInput' });
export type ExceptionBudgetInput = z.infer<typeof exceptionBudgetInputSchema>;
export const exceptionBudgetSchema = exceptionBudgetInputSchema
  .extend({ departmentId: idSchema, updatedAt: isoDateTimeSchema })
  .meta({ id: 'ExceptionBudget' });
export type ExceptionBudget = z.infer<typeof exceptionBudgetSchema>;

export const exceptionInputSchema = z
  .strictObject({
    caseId: idSchema,
    what: z.string().trim().min(1).max(2000).describe('what was done against the rule'),
    why: z.string().trim().min(1).max(2000),
    cost: z.strictObject({ amount: money, currency: currencySchema }),
    departmentId: idSchema.optional().describe('whose budget it draws on; the rule’s department when absent'),
    askApproval: z
      .boolean()
      .default(false)
      .describe('over budget, the exception is recorded as pending for a manager only when this is true; otherwise refused'),
  })
  .meta({ id: 'ExceptionInput' });
export type ExceptionInput = z.infer<typeof exceptionInputSchema>;

export const exceptionStatusSchema = z.enum(['within_budget', 'pending', 'approved']);
export const ruleExceptionSchema = z
  .object({
    id: idSchema,
    ruleId: idSchema,
    caseId: idSchema,
    customerId: idSchema,
    agentId: idSchema,
    departmentId: idSchema.nullable(),
    what: z.string(),
    why: z.string(),
    cost: z.object({ amount: z.number(), currency: z.string() }),
    status: exceptionStatusSchema,
    recordedAt: isoDateTimeSchema,
    approvedAt: isoDateTimeSchema.nullable(),
    approvedBy: idSchema.nullable(),
    approvalNote: z.string().nullable(),
  })
  .meta({ id: 'RuleException' });
export type RuleException = z.infer<typeof ruleExceptionSchema>;

export const exceptionListQuerySchema = z.strictObject({ status: exceptionStatusSchema.optional(), ruleId: idSchema.optional() });
export type ExceptionListQuery = z.infer<typeof exceptionListQuerySchema>;
export const approvalInputSchema = z.strictObject({ note: z.string().trim().max(2000).optional() }).meta({ id: 'ExceptionApproval' });
export type ApprovalInput = z.infer<typeof approvalInputSchema>;
