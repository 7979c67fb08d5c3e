// Answers: what a customer sends (answer page, widget, reply), what staff see, imports, the widget's
// prompt and the list of answers behind a figure.
import { z } from 'zod';
import { cursorSchema, idSchema, isoDateTimeSchema, limitSchema, pageSchema } from './common.ts';
import { customerRefSchema, sourceSchema } from './events.ts';
import { localeSchema, surveyKindSchema } from './surveys.ts';

/** An answer as staff see it. There is no endpoint that changes one. */
export const responseSchema = z
  .object({
    id: idSchema,
    surveyId: idSchema,
    surveyName: z.string(),
    kind: surveyKindSchema,
    customer: z.object({ id: idSchema, name: z.string().nullable(), email: z.string().nullable(), externalId: z.string().nullable() }),
    invitationId: idSchema.nullable(),
    score: z.number().int(),
    reason: z.string().nullable(),
    answers: z.record(z.string(), z.string()),
    channel: z.enum(['email', 'link', 'widget', 'import']),
    handPicked: z.boolean(),
    locale: z.string().nullable(),
    segment: z.record(z.string(), z.string()),
    answeredAt: isoDateTimeSchema,
    updatedAt: isoDateTimeSchema,
  })
  .meta({ id: 'Response' });
export type Response = z.infer<typeof responseSchema>;

export const responseImportSchema = z
  .strictObject({
    surveyId: idSchema,
    customer: customerRefSchema,
    score: z.number().int().min(0).max(10),
    reason: z.string().trim().max(5000).optional(),
    answers: z.record(z.string(), z.string().max(5000)).default({}),
    answeredAt: isoDateTimeSchema,
    locale: localeSchema.optional(),
    source: sourceSchema.default('import').describe('where the answers come from, e.g. an old survey tool'),
    idempotencyKey: z.string().min(1).max(200).optional().describe('the same key from the same source stores one answer'),
  })
  .meta({ id: 'ResponseImport' });
export type ResponseImport = z.infer<typeof responseImportSchema>;
export const responseImportBatchSchema = z
  .strictObject({ responses: z.array(responseImportSchema).min(1).max(1000) })
  .meta({ id: 'ResponseImportBatch' });
export const responseImportResultSchema = z
  .object({
    stored: z.number().int(),
    duplicates: z.number().int(),
    results: z.array(z.object({ index: z.number().int(), id: idSchema, customerId: idSchema, duplicate: z.boolean() })),
  })
  .meta({ id: 'ResponseImportResult' });

/** What a customer sends: from the answer page, the widget, or a reply. */
export const answerInputSchema = z
  .strictObject({
    score: z.number().int().min(0).max(10),
    reason: z.string().trim().max(5000).optional(),
    answers: z.record(z.string(), z.string().trim().max(5000)).default({}),
    locale: localeSchema.optional(),
    website: z.string().max(200).optional().describe('a honeypot: left empty by people, filled in by bots'),
  })
  .meta({ id: 'AnswerInput' });
export type AnswerInput = z.infer<typeof answerInputSchema>;

export const publicAnswerInputSchema = answerInputSchema.extend({ token: z.string().min(10).max(200) }).meta({ id: 'PublicAnswerInput' });

export const widgetPromptInputSchema = z
  .strictObject({
    workspace: z.string().min(1).max(63).describe('the workspace slug'),
    surveyId: idSchema,
    externalId: z.string().min(1).max(200),
    signature: z.string().regex(/^[0-9a-f]{64}$/, 'must be the hex HMAC-SHA256 of the externalId'),
    locale: z.string().max(35).optional().describe("the browser's language, used when the customer has none"),
  })
  .meta({ id: 'WidgetPromptInput' });

/** What the widget needs to draw itself: nothing when the customer should not be asked now. */
export const widgetPromptSchema = z
  .object({
    show: z.boolean(),
    reason: z.string().optional().describe('why not, when show is false'),
    token: z.string().optional(),
    kind: surveyKindSchema.optional(),
    min: z.number().int().optional(),
    max: z.number().int().optional(),
    locale: z.string().optional(),
    texts: z.record(z.string(), z.string()).optional(),
    askReason: z.boolean().optional(),
    colour: z.string().optional(),
  })
  .meta({ id: 'WidgetPrompt' });
export type WidgetPrompt = z.infer<typeof widgetPromptSchema>;

export const answerResultSchema = z
  .object({
    responseId: idSchema,
    updated: z.boolean().describe('true when it replaced an earlier answer to the same invitation'),
    thankYou: z.string(),
  })
  .meta({ id: 'AnswerResult' });

export const responseListQuerySchema = z.strictObject({
  surveyId: idSchema.optional(),
  kind: surveyKindSchema.optional(),
  departmentId: idSchema.optional(),
  from: isoDateTimeSchema.optional(),
  to: isoDateTimeSchema.optional(),
  scoreMin: z.coerce.number().int().min(0).max(10).optional(),
  scoreMax: z.coerce.number().int().min(0).max(10).optional(),
  segment: z
    .string()
    .regex(/^[^:]{1,64}:.{1,200}$/, 'must be attribute:value, e.g. plan:gold')
    .optional()
    .describe('attribute:value'),
  customerId: idSchema.optional(),
  includeHandPicked: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  limit: limitSchema,
  cursor: cursorSchema.optional(),
});
export type ResponseListQuery = z.infer<typeof responseListQuerySchema>;
export const responsePageSchema = pageSchema(responseSchema).meta({ id: 'ResponsePage' });
