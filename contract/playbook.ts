// The playbook of a remarkable recovery: the steps of a case in order, each done (or skipped with
// a reason) by a named person at a recorded time; messages between the company and the customer;
// the apology templates staff start from.
import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './common.ts';

/** The steps, in the order they are taken. A step can be taken once every earlier one is done or skipped. */
export const stepNames = ['acknowledge', 'apologise', 'investigate', 'fix', 'ask', 'restitution', 'follow_up'] as const;
export const stepNameSchema = z.enum(stepNames).meta({ id: 'StepName' });
export type StepName = z.infer<typeof stepNameSchema>;

/** The steps whose completion makes a case recovered: the customer has been heard, apologised to and the problem fixed. */
export const recoverySteps: readonly StepName[] = ['acknowledge', 'apologise', 'fix'];

export const stepTitles: Record<StepName, string> = {
  acknowledge: 'Acknowledge and take responsibility',
  apologise: 'Apologise',
  investigate: 'Investigate the root cause',
  fix: 'Fix',
  ask: 'Ask what would make it right',
  restitution: 'Restitution and a wow',
  follow_up: 'Follow up',
};

const text = (max: number) => z.string().trim().min(1).max(max);
export const moneySchema = z
  .strictObject({
    amount: z.number().min(0).max(1_000_000_000).multipleOf(0.01, { error: 'has at most two decimals' }),
    currency: z.string().regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 code such as EUR' }),
  })
  .meta({ id: 'Money' });
export type Money = z.infer<typeof moneySchema>;

export const stepInputSchema = z
  .discriminatedUnion('step', [
    z.strictObject({
      step: z.literal('acknowledge'),
      note: text(2000).optional().describe('for the team'),
      message: text(5000).optional().describe('sent to the customer by e-mail: the first human contact'),
    }),
    z.strictObject({
      step: z.literal('apologise'),
      message: text(5000).describe('sent to the customer by e-mail; it must own the mistake'),
      templateId: idSchema.optional().describe('the template it started from, for the record'),
    }),
    z.strictObject({
      step: z.literal('investigate'),
      rootCause: text(2000).describe('what went wrong and why, for the team'),
      causeId: idSchema.optional().describe('links the case to a recorded cause'),
    }),
    z.strictObject({ step: z.literal('fix'), note: text(2000).describe('what was done') }),
    z.strictObject({
      step: z.literal('ask'),
      question: text(1000).optional(),
      answer: text(2000).describe('what the customer said would make it right'),
    }),
    z.strictObject({
      step: z.literal('restitution'),
      what: text(500).describe('what the customer gets (told to the customer)'),
      wow: text(500).optional().describe('the surprise the customer did not expect'),
      cost: moneySchema,
      approvedBy: idSchema.optional().describe('a manager or admin; defaults to the person recording it when they are one'),
    }),
    z.strictObject({
      step: z.literal('follow_up'),
      surveyId: idSchema.describe('the re-survey'),
      sendAt: isoDateTimeSchema.optional().describe('default: the workspace’s follow-up days after the fix, or now if that has passed'),
      channel: z.enum(['email', 'link']).default('email'),
    }),
  ])
  .meta({ id: 'StepInput' });
export type StepInput = z.infer<typeof stepInputSchema>;

export const skipInputSchema = z
  .strictObject({ reason: z.string().trim().min(3).max(1000).describe('why this step does not apply to this case') })
  .meta({ id: 'SkipStepInput' });
export type SkipInput = z.infer<typeof skipInputSchema>;

export const personSchema = z.object({ id: idSchema, name: z.string() }).meta({ id: 'Person' });

export const playbookStepSchema = z
  .object({
    step: stepNameSchema,
    title: z.string(),
    status: z.enum(['done', 'skipped', 'pending']),
    required: z.boolean().describe('the workspace needs it done or skipped before the case closes'),
    at: isoDateTimeSchema.nullable(),
    by: personSchema.nullable(),
    skipReason: z.string().nullable(),
    cost: moneySchema.nullable(),
    approvedBy: personSchema.nullable(),
    data: z
      .record(z.string(), z.unknown())
      .describe(
        'acknowledge: { note, messageId }; apologise: { message, messageId, templateId }; investigate: { rootCause, causeId }; ' +
          'fix: { note }; ask: { question, answer }; restitution: { what, wow }; ' +
          'follow_up: { surveyId, invitationId, sendAt, channel, status, suppressedReason, url, response: { id, score, answeredAt } | null }',
      ),
  })
  .meta({ id: 'PlaybookStep' });
export type PlaybookStep = z.infer<typeof playbookStepSchema>;

export const caseMessageSchema = z
  .object({
    id: idSchema,
    direction: z.enum(['to_customer', 'from_customer']),
    body: z.string(),
    at: isoDateTimeSchema,
    by: personSchema.nullable(),
    mailId: idSchema.nullable(),
  })
  .meta({ id: 'CaseMessage' });
export type CaseMessage = z.infer<typeof caseMessageSchema>;

export const caseMessageInputSchema = z.strictObject({ body: text(5000) }).meta({ id: 'CaseMessageInput' });
export type CaseMessageInput = z.infer<typeof caseMessageInputSchema>;

/** Placeholders an apology or outreach message may use; each is replaced per customer. */
export const messagePlaceholders = ['customerName', 'staffName', 'caseTitle', 'caseNumber', 'company'] as const;

export const apologyTemplateInputSchema = z
  .strictObject({ name: text(100), body: text(5000).describe(`may use {${messagePlaceholders.join('}, {')}}`) })
  .meta({ id: 'ApologyTemplateInput' });
export type ApologyTemplateInput = z.infer<typeof apologyTemplateInputSchema>;
export const apologyTemplatePatchSchema = apologyTemplateInputSchema.partial().meta({ id: 'ApologyTemplatePatch' });
export type ApologyTemplatePatch = z.infer<typeof apologyTemplatePatchSchema>;

export const apologyTemplateSchema = z
  .object({ id: idSchema, name: z.string(), body: z.string(), updatedAt: isoDateTimeSchema })
  .meta({ id: 'ApologyTemplate' });
export type ApologyTemplate = z.infer<typeof apologyTemplateSchema>;
