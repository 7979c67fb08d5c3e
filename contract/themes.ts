// What customers talk about: the sentiment of every free text and the themes people curate from
// the terms customers use (name, merge, split, pin), each with its count, share, trend, the NPS of
// the customers who mention it, and the texts behind it.
import { z } from 'zod';
import { cursorSchema, idSchema, isoDateTimeSchema, limitSchema } from './common.ts';
import { intervalSchema } from './metrics.ts';

export const sentimentLabels = ['positive', 'negative', 'mixed', 'neutral'] as const;
export const sentimentLabelSchema = z.enum(sentimentLabels);
export type SentimentLabel = z.infer<typeof sentimentLabelSchema>;
export const textSources = ['answer', 'complaint', 'case_reply'] as const;
export const textSourceSchema = z.enum(textSources);

export const themePeriodQuerySchema = z
  .strictObject({
    from: isoDateTimeSchema.optional().describe('start of the period (default: 90 days before `to`)'),
    to: isoDateTimeSchema.optional().describe('end of the period, exclusive (default: now)'),
  })
  .meta({ id: 'ThemePeriodQuery' });
export type ThemePeriodQuery = z.infer<typeof themePeriodQuerySchema>;

const wordsSchema = z
  .array(z.string().trim().min(2).max(60))
  .min(1)
  .max(50)
  .describe('words customers use for it, in any of en/fr/de; plurals and accents are matched');

export const themeInputSchema = z
  .strictObject({ name: z.string().trim().min(1).max(80), words: wordsSchema, pinned: z.boolean().default(false) })
  .meta({ id: 'ThemeInput', example: { name: 'Delivery', words: ['delivery', 'courier', 'livraison', 'Lieferung'] } });
export type ThemeInput = z.infer<typeof themeInputSchema>;

export const themePatchSchema = z
  .strictObject({ name: z.string().trim().min(1).max(80).optional(), words: wordsSchema.optional(), pinned: z.boolean().optional() })
  .meta({ id: 'ThemePatch' });
export type ThemePatch = z.infer<typeof themePatchSchema>;

export const themeMergeSchema = z
  .strictObject({ themeIds: z.array(idSchema).min(1).max(20).describe('themes folded into this one, then removed') })
  .meta({ id: 'ThemeMerge' });
export type ThemeMerge = z.infer<typeof themeMergeSchema>;

export const themeSplitSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(80),
    terms: z.array(z.string().min(1).max(60)).min(1).max(99).describe('terms of this theme that move to the new one'),
  })
  .meta({ id: 'ThemeSplit' });
export type ThemeSplit = z.infer<typeof themeSplitSchema>;

const shareSchema = z.object({ value: z.number().nullable(), interval: intervalSchema.nullable() });

export const themeSchema = z
  .object({
    id: idSchema,
    name: z.string(),
    terms: z.array(z.string()),
    pinned: z.boolean(),
    mentions: z.number().int().describe('texts of the period that mention it'),
    share: shareSchema.describe('% of the period’s texts (null below 30 texts)'),
    previousMentions: z.number().int(),
    previousShare: shareSchema,
    trend: z
      .enum(['rising', 'falling', 'steady', 'not_enough_data'])
      .describe('share against the previous period, two-proportion test at 5 %'),
    negativeShare: shareSchema.describe('% of its mentions that are negative'),
    nps: z
      .object({ n: z.number().int(), value: z.number().nullable(), interval: intervalSchema.nullable() })
      .describe('NPS of the answers that mention it (null below 30 answers)'),
  })
  .meta({ id: 'Theme' });
export type Theme = z.infer<typeof themeSchema>;

export const themeReportSchema = z
  .object({
    period: z.object({ from: isoDateTimeSchema, to: isoDateTimeSchema, previousFrom: isoDateTimeSchema }),
    texts: z.number().int().describe('texts analysed in the period'),
    previousTexts: z.number().int(),
    items: z.array(themeSchema),
  })
  .meta({ id: 'ThemeReport' });
export type ThemeReport = z.infer<typeof themeReportSchema>;

export const themeSuggestionSchema = z
  .object({ term: z.string(), mentions: z.number().int(), negative: z.number().int() })
  .meta({ id: 'ThemeSuggestion', description: 'a term many texts mention that no theme holds yet' });
export type ThemeSuggestion = z.infer<typeof themeSuggestionSchema>;

export const themeTextsQuerySchema = themePeriodQuerySchema
  .extend({ cursor: cursorSchema.optional(), limit: limitSchema })
  .meta({ id: 'ThemeTextsQuery' });
export type ThemeTextsQuery = z.infer<typeof themeTextsQuerySchema>;

export const themeTextSchema = z
  .object({
    source: textSourceSchema,
    sourceId: idSchema,
    customerId: idSchema,
    customerName: z.string().nullable(),
    occurredAt: isoDateTimeSchema,
    label: sentimentLabelSchema,
    sentiment: z.number().describe('-1 to 1'),
    text: z.string(),
    score: z.number().nullable().describe('the answer’s score, for answers'),
  })
  .meta({ id: 'ThemeText' });
export type ThemeText = z.infer<typeof themeTextSchema>;
