// Surveys: NPS, CSAT and CES, their questions and texts, invitations, triggers and the contact
// rule. The answers are in answers.ts, the mail Kept sends in mails.ts.
import { z } from 'zod';
import { cursorSchema, idSchema, isoDateTimeSchema, limitSchema, pageSchema } from './common.ts';
import { customerRefSchema, eventTypeSchema } from './events.ts';

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
