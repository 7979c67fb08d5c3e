// Surveys and their answers: NPS, CSAT and CES, invitations, triggers and the contact rule.
import { z } from 'zod';
import { cursorSchema, idSchema, isoDateTimeSchema, limitSchema, pageSchema } from './common.ts';
import { customerRefSchema, eventTypeSchema, sourceSchema } from './events.ts';

export const surveyKinds = ['nps', 'csat', 'ces'] as const;
export const surveyKindSchema = z.enum(surveyKinds).describe('nps: 0-10; csat: 1-5; ces: 1-7');
export type SurveyKind = z.infer<typeof surveyKindSchema>;

/** The lowest and highest score of each kind. */
export const scaleOf: Record<SurveyKind, { min: number; max: number }> = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
  ces: { min: 1, max: 7 },
};

/** Locales Kept ships customer-facing texts for; a survey may add texts for any other. */
export const builtInLocales = ['en', 'fr', 'de'] as const;
export const localeSchema = z
  .string()
  .regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'must be a language tag like en, fr or pt-BR')
  .meta({ example: 'fr' });

/** Every customer-facing text of a survey; a survey overrides any of them per locale. */
export const surveyTextKeys = [
  'question', // NPS: How likely are you to recommend {brand} to a friend or colleague?
  'lowLabel', // the meaning of the lowest score: "Not at all likely"
  'highLabel', // the meaning of the highest score
  'reasonQuestion', // What is the main reason for your score?
  'submit',
  'thankYou',
  'emailSubject',
  'emailIntro',
  'dismiss',
] as const;
export type SurveyTextKey = (typeof surveyTextKeys)[number];
export type SurveyTexts = Record<SurveyTextKey, string>;

const textSchema = z.string().trim().min(1).max(1000);
export const surveyTextsSchema = z
  .record(localeSchema, z.partialRecord(z.enum(surveyTextKeys), textSchema))
  .describe('Texts per locale that replace the built-in ones, e.g. { "fr": { "thankYou": "Merci !" } }');

const questionIdSchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be a lowercase key, e.g. delivery_speed');
const labelSchema = z
  .record(localeSchema, z.string().trim().min(1).max(300))
  .refine((r) => Object.keys(r).length > 0, 'needs a label in at least one locale');

export const questionSchema = z
  .discriminatedUnion('type', [
    z.strictObject({
      id: questionIdSchema,
      type: z.literal('single_choice'),
      label: labelSchema,
      options: z
        .array(z.strictObject({ id: questionIdSchema, label: labelSchema }))
        .min(2)
        .max(12),
    }),
    z.strictObject({ id: questionIdSchema, type: z.literal('open_text'), label: labelSchema }),
    z
      .strictObject({
        id: questionIdSchema,
        type: z.literal('acquisition'),
        label: labelSchema.describe('e.g. { "en": "Why did you choose us?" }'),
        options: z
          .array(
            z.strictObject({
              id: questionIdSchema,
              label: labelSchema,
              earned: z.boolean().default(false).describe('true for a referral or recommendation: an earned customer'),
            }),
          )
          .min(2)
          .max(12)
          .refine((os) => os.some((o) => o.earned), 'at least one choice must be earned (a referral or recommendation)'),
      })
      .describe('How the customer came to the company; an earned choice makes them an earned customer for Earned Growth'),
  ])
  .meta({ id: 'SurveyQuestion' });
export type SurveyQuestion = z.infer<typeof questionSchema>;

const brandSchema = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  colour: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1f77b4')
    .transform((c) => c.toLowerCase())
    .optional(),
  logoUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
});

const questionsSchema = z
  .array(questionSchema)
  .max(10)
  .refine((qs) => new Set(qs.map((q) => q.id)).size === qs.length, 'question ids must be unique')
  .refine((qs) => qs.filter((q) => q.type === 'acquisition').length <= 1, 'a survey asks at most one acquisition question');

export const surveyInputSchema = z
  .strictObject({
    kind: surveyKindSchema,
    name: z.string().trim().min(1).max(200),
    departmentId: idSchema.nullable().optional().describe('the department whose touchpoint it measures'),
    askReason: z.boolean().default(true).describe('ask "What is the main reason for your score?"'),
    questions: questionsSchema.default([]),
    texts: surveyTextsSchema.default({}),
    defaultLocale: localeSchema.default('en'),
    brand: brandSchema.default({}),
    samplePercent: z.number().int().min(1).max(100).default(100).describe('share of triggered invitations actually sent'),
  })
  .meta({ id: 'SurveyInput' });
export type SurveyInput = z.infer<typeof surveyInputSchema>;

export const surveyPatchSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    departmentId: idSchema.nullable().optional(),
    askReason: z.boolean().optional(),
    questions: questionsSchema.optional(),
    texts: surveyTextsSchema.optional(),
    defaultLocale: localeSchema.optional(),
    brand: brandSchema.optional(),
    samplePercent: z.number().int().min(1).max(100).optional(),
  })
  .meta({ id: 'SurveyPatch', description: 'The kind of a survey cannot change.' });
export type SurveyPatch = z.infer<typeof surveyPatchSchema>;

export const surveySchema = z
  .object({
    id: idSchema,
    kind: surveyKindSchema,
    name: z.string(),
    departmentId: idSchema.nullable(),
    askReason: z.boolean(),
    questions: z.array(questionSchema),
    texts: z.record(z.string(), z.record(z.string(), z.string())),
    defaultLocale: z.string(),
    brand: z.object({ name: z.string().optional(), colour: z.string().optional(), logoUrl: z.string().optional() }),
    samplePercent: z.number().int(),
    createdAt: isoDateTimeSchema,
    updatedAt: isoDateTimeSchema,
    archivedAt: isoDateTimeSchema.nullable(),
  })
  .meta({ id: 'Survey' });
export type Survey = z.infer<typeof surveySchema>;

export const surveyListQuerySchema = z.strictObject({
  archived: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});
export const surveyListSchema = z.object({ items: z.array(surveySchema) }).meta({ id: 'SurveyList' });

export const triggerInputSchema = z
  .strictObject({
    eventType: eventTypeSchema.describe('e.g. order.delivered'),
    delayHours: z.number().int().min(0).max(8760).describe('hours after the event occurred'),
  })
  .meta({ id: 'TriggerInput' });
export const triggerSchema = z
  .object({ id: idSchema, surveyId: idSchema, eventType: z.string(), delayHours: z.number().int(), createdAt: isoDateTimeSchema })
  .meta({ id: 'Trigger' });
export type Trigger = z.infer<typeof triggerSchema>;

export const invitationChannelSchema = z.enum(['email', 'link', 'widget']);
export const invitationSchema = z
  .object({
    id: idSchema,
    surveyId: idSchema,
    customerId: idSchema,
    customer: z.object({ name: z.string().nullable(), email: z.string().nullable(), externalId: z.string().nullable() }),
    channel: invitationChannelSchema,
    origin: z
      .enum(['trigger', 'sample', 'widget', 'hand', 'follow_up'])
      .describe('how the customer was chosen; follow_up: a case’s re-survey'),
    handPicked: z.boolean().describe('chosen by a person, not by a rule: left out of headline scores by default'),
    createdBy: idSchema.nullable(),
    status: z.enum(['scheduled', 'sent', 'suppressed']),
    suppressedReason: z.enum(['contact_rule', 'unsubscribed', 'sampled_out', 'no_email', 'survey_archived', 'guard']).nullable(),
    sendAt: isoDateTimeSchema,
    sentAt: isoDateTimeSchema.nullable(),
    expiresAt: isoDateTimeSchema.nullable(),
    remindedAt: isoDateTimeSchema.nullable(),
    answeredAt: isoDateTimeSchema.nullable(),
    createdAt: isoDateTimeSchema,
    url: z.string().nullable().describe('the answer page; only for a sent invitation'),
  })
  .meta({ id: 'Invitation' });
export type Invitation = z.infer<typeof invitationSchema>;

export const handInvitationInputSchema = z
  .strictObject({
    customerId: idSchema.optional(),
    customer: customerRefSchema.optional(),
    channel: z.enum(['email', 'link']).default('link').describe('email: Kept mails it; link: you pass the link on'),
    locale: localeSchema.optional(),
  })
  .refine((v) => (v.customerId === undefined) !== (v.customer === undefined), { message: 'give customerId or customer, not both' })
  .meta({ id: 'HandInvitationInput', description: 'An invitation chosen by a person. It bypasses sampling, not the contact rule.' });

export const sampleInputSchema = z
  .strictObject({
    segment: z
      .strictObject({ attribute: z.string().min(1).max(64), value: z.string().min(1).max(200) })
      .optional()
      .describe('only customers whose attribute has this value; everyone with an e-mail when absent'),
    size: z.number().int().min(1).max(100_000).describe('how many customers to draw at random'),
  })
  .meta({ id: 'SampleInput' });
export const sampleResultSchema = z
  .object({
    eligible: z.number().int().describe('customers in the segment with an e-mail and not unsubscribed'),
    scheduled: z.number().int(),
  })
  .meta({ id: 'SampleResult' });

export const invitationListQuerySchema = z.strictObject({ limit: limitSchema, cursor: cursorSchema.optional() });
export const invitationPageSchema = pageSchema(invitationSchema).meta({ id: 'InvitationPage' });

export const signalSettingsSchema = z
  .object({
    contactDays: z.number().int().describe('at most one survey invitation per customer per this many days'),
    reminderDays: z.number().int().describe('one reminder after this many days; 0 sends none'),
    expiryDays: z.number().int().describe('how long an invitation link stays open'),
    widgetSecret: z.string().optional().describe('signs externalIds for the widget; shown to admins only'),
  })
  .meta({ id: 'SignalSettings' });
export const signalSettingsPatchSchema = z
  .strictObject({
    contactDays: z.number().int().min(0).max(365).optional(),
    reminderDays: z.number().int().min(0).max(60).optional(),
    expiryDays: z.number().int().min(1).max(365).optional(),
  })
  .meta({ id: 'SignalSettingsPatch' });

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

export const mailStatusSchema = z
  .enum(['queued', 'sending', 'sent', 'preview', 'failed', 'unknown'])
  .describe(
    'queued: waiting, or between retries; sending: being handed to the mail server; sent: the server accepted it; ' +
      'preview: no SMTP server is configured, so it was kept here; failed: refused 5 times, or the customer unsubscribed; ' +
      'unknown: Kept stopped (or heard nothing) while handing it over, so it may or may not have been delivered, and it is ' +
      'not sent again unless a person chooses to',
  );
export type MailStatus = z.infer<typeof mailStatusSchema>;
export const mailSchema = z
  .object({
    id: idSchema,
    customerId: idSchema.nullable(),
    invitationId: idSchema.nullable(),
    kind: z.string(),
    to: z.string(),
    subject: z.string(),
    html: z.string(),
    text: z.string(),
    headers: z.record(z.string(), z.string()),
    status: mailStatusSchema,
    attempts: z.number().int().describe('attempts since it was queued (or last sent again by a person)'),
    lastError: z.string().nullable().describe('why it failed, is being retried, or is unknown'),
    createdAt: isoDateTimeSchema,
    sentAt: isoDateTimeSchema.nullable(),
    messageId: z.string().nullable().describe('the Message-ID header, the same on every attempt; null until first handed over'),
    claimedBy: z.string().nullable().describe('the Kept instance (host:pid) that last handed it to the mail server'),
    claimedAt: isoDateTimeSchema.nullable().describe('when that hand-over started'),
    resends: z
      .array(
        z.object({
          at: isoDateTimeSchema,
          byUserId: idSchema.nullable(),
          byTokenId: idSchema.nullable(),
          byName: z.string().nullable(),
          fromStatus: z.enum(['unknown', 'failed']),
          fromError: z.string().nullable(),
        }),
      )
      .describe('each time a person chose to send it again, oldest first'),
  })
  .meta({ id: 'Mail' });
export type Mail = z.infer<typeof mailSchema>;
export const mailListQuerySchema = z.strictObject({ limit: limitSchema, cursor: cursorSchema.optional() });
export const mailPageSchema = pageSchema(mailSchema).meta({ id: 'MailPage' });

export const builtInTextsQuerySchema = z.strictObject({
  kind: surveyKindSchema,
  locale: localeSchema.default('en').describe('falls back to its language, then English'),
});
export const builtInTextsSchema = z
  .object({
    locale: z.enum(builtInLocales).describe('the built-in locale the texts are in'),
    texts: z.record(z.enum(surveyTextKeys), z.string()).describe('{brand} stands for the brand name'),
  })
  .meta({ id: 'BuiltInTexts' });
