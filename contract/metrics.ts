// Scores for dashboards: NPS, CSAT and CES with n, 95 % intervals and response rates, trends
// and comparisons. Read from the score rollups; every number drills down to its answers through
// GET /api/v1/responses with the filters given in `drillDown`.
import { z } from 'zod';
import { idSchema } from './common.ts';
import { surveyKinds } from './surveys.ts';

/** A figure needs at least this many answers; under it the figure is "not enough data". */
export const minAnswers = 30;

const kindRequired = z.enum(surveyKinds, {
  error: (iss) => (iss.input === undefined ? 'is required: nps, csat or ces' : 'must be nps, csat or ces'),
});

/** A calendar day in UTC. Periods are half-open: `from` is included, `to` is not. */
export const daySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-01-31 (UTC)')
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
  }, 'is not a calendar date')
  .meta({ example: '2026-01-01' });

const attributeSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[^:]+$/, 'must be a customer attribute name, e.g. plan (no colon; the drill-down takes plan:gold)');

const flagSchema = z
  .enum(['true', 'false'], { error: 'must be true or false' })
  .default('false')
  .transform((v) => v === 'true');

const fromSchema = daySchema.optional().describe('first day included (UTC); default: 90 days before `to`');
const toSchema = daySchema.optional().describe('first day NOT included (UTC); default: tomorrow, so today counts');
const filters = {
  surveyId: idSchema.optional().describe('one survey only'),
  departmentId: idSchema.optional().describe("only surveys of this department (the survey's departmentId)"),
  includeHandPicked: flagSchema.describe('count answers to invitations staff sent by hand; left out by default'),
};

export const scoresQuerySchema = z.strictObject({
  kind: z.enum(surveyKinds, { error: 'must be nps, csat or ces' }).optional().describe('one kind; every kind when absent'),
  from: fromSchema,
  to: toSchema,
  segment: attributeSchema.optional().describe('a customer attribute, e.g. plan: adds one score per value'),
  ...filters,
});
export type ScoresQuery = z.infer<typeof scoresQuerySchema>;

export const trendIntervals = ['day', 'week', 'month'] as const;
export const trendQuerySchema = z.strictObject({
  kind: kindRequired,
  interval: z
    .enum(trendIntervals, { error: 'must be day, week or month' })
    .default('day')
    .describe('day: at most 366 days; week (ISO, from Monday): at most 1,098 days; month: at most 3,660 days'),
  from: fromSchema,
  to: toSchema,
  segment: attributeSchema.optional().describe('a customer attribute, e.g. plan: one series per value instead of one for everyone'),
  ...filters,
});
export type TrendQuery = z.infer<typeof trendQuerySchema>;

export const compareQuerySchema = z.strictObject({
  kind: kindRequired,
  'a.from': daySchema.optional().describe('two periods: the first day of period a'),
  'a.to': daySchema.optional().describe('two periods: the first day after period a'),
  'b.from': daySchema.optional().describe('two periods: the first day of period b'),
  'b.to': daySchema.optional().describe('two periods: the first day after period b'),
  segment: attributeSchema.optional().describe('two segments: the customer attribute, e.g. plan'),
  a: z.string().min(1).max(200).optional().describe('two segments: the value of group a, e.g. gold'),
  b: z.string().min(1).max(200).optional().describe('two segments: the value of group b, e.g. basic'),
  from: fromSchema.describe('two segments: first day included (UTC); default: 90 days before `to`'),
  to: toSchema.describe('two segments: first day NOT included (UTC); default: tomorrow'),
  ...filters,
});
export type CompareQuery = z.infer<typeof compareQuerySchema>;

export const intervalSchema = z
  .object({ low: z.number(), high: z.number() })
  .meta({ id: 'ScoreInterval', description: '95 % interval, clipped to the scale' });

export const responseRateSchema = z
  .object({
    invited: z.number().int().describe('invitations sent in the period (n of the rate)'),
    answered: z.number().int().describe('answers in the period that came from an invitation'),
    value: z
      .number()
      .nullable()
      .describe(
        'answered / invited in %; null under 30 invitations. Counted by day sent and day answered, so it can pass 100 % at a period edge',
      ),
    enoughData: z.boolean(),
  })
  .meta({ id: 'ResponseRate' });

export const scoreSchema = z
  .object({
    kind: z.enum(surveyKinds),
    n: z.number().int().describe('answers counted'),
    enoughData: z.boolean().describe('false under 30 answers: then value, interval and mean are null'),
    value: z
      .number()
      .nullable()
      .describe('NPS: 100 * (promoters - detractors) / n; CSAT: % of 4-5; CES: % of 5-7. The plain figure of the answers'),
    interval: intervalSchema
      .nullable()
      .describe('95 %: NPS adjusted-Wald (n + 3, 3/4 added to promoters and detractors); CSAT/CES Agresti-Coull'),
    mean: z
      .object({ value: z.number(), interval: intervalSchema })
      .nullable()
      .describe('CES only: the mean score 1-7, with mean +/- 1.96 sd / sqrt(n)'),
    positive: z.number().int().describe('promoters (9-10), CSAT 4-5, CES 5-7'),
    negative: z.number().int().describe('detractors (0-6), CSAT 1-3, CES 1-4'),
    counts: z.record(z.string(), z.number().int()).describe('answers by score, over the scale of the kind'),
    responseRate: responseRateSchema,
  })
  .meta({ id: 'Score' });
export type Score = z.infer<typeof scoreSchema>;

export const scoreEntrySchema = scoreSchema
  .extend({
    segmentValue: z.string().nullable().describe('the attribute value of this group; null for everyone'),
    drillDown: z.string().describe('GET this for the answers behind the figure'),
  })
  .meta({ id: 'ScoreEntry' });
export type ScoreEntry = z.infer<typeof scoreEntrySchema>;

export const scoreReportSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    includeHandPicked: z.boolean(),
    segment: z.string().nullable(),
    kinds: z.array(
      z.object({
        kind: z.enum(surveyKinds),
        everyone: scoreEntrySchema,
        segments: z.array(scoreEntrySchema).describe('one per value of `segment` (most answers first; at most 100)'),
        omittedSegments: z.number().int().describe('values left out past the first 100'),
      }),
    ),
  })
  .meta({ id: 'ScoreReport' });
export type ScoreReport = z.infer<typeof scoreReportSchema>;

export const trendPointSchema = z
  .object({
    start: z.string().describe('first day of the period (UTC; clipped to `from`)'),
    end: z.string().describe('first day after the period (clipped to `to`)'),
    n: z.number().int(),
    enoughData: z.boolean(),
    value: z.number().nullable(),
    interval: intervalSchema.nullable(),
    mean: z.object({ value: z.number(), interval: intervalSchema }).nullable(),
  })
  .meta({ id: 'TrendPoint' });

export const trendSchema = z
  .object({
    kind: z.enum(surveyKinds),
    interval: z.enum(trendIntervals),
    from: z.string(),
    to: z.string(),
    includeHandPicked: z.boolean(),
    segment: z.string().nullable(),
    series: z.array(
      z.object({
        segmentValue: z.string().nullable().describe('null: everyone'),
        n: z.number().int(),
        points: z.array(trendPointSchema),
      }),
    ),
    omittedSegments: z.number().int().describe('values left out past the 20 with the most answers'),
  })
  .meta({ id: 'Trend' });
export type Trend = z.infer<typeof trendSchema>;

export const comparisonSchema = z
  .object({
    enoughData: z.boolean().describe('false when either group has under 30 answers'),
    difference: z.number().nullable().describe('a - b'),
    z: z.number().nullable(),
    significant: z.boolean().nullable().describe('|z| >= 1.96'),
  })
  .meta({ id: 'Comparison' });

export const compareSideSchema = scoreEntrySchema.extend({ from: z.string(), to: z.string() }).meta({ id: 'CompareSide' });

export const compareResultSchema = z
  .object({
    kind: z.enum(surveyKinds),
    by: z.enum(['periods', 'segments']),
    segment: z.string().nullable(),
    includeHandPicked: z.boolean(),
    a: compareSideSchema,
    b: compareSideSchema,
    ...comparisonSchema.shape,
    mean: comparisonSchema.nullable().describe('CES only: the comparison of the means'),
  })
  .meta({
    id: 'CompareResult',
    description:
      "NPS: z = (NPS'a - NPS'b) / sqrt(SEa^2 + SEb^2) from the adjusted-Wald figures; CSAT/CES: pooled two-proportion z; CES means: z = (ma - mb) / sqrt(sda^2/na + sdb^2/nb)",
  });
export type CompareResult = z.infer<typeof compareResultSchema>;
