// The recovery report: how fast and how well cases are recovered, what restitution costs, and
// whether recovered customers end up more loyal than customers who never had a problem (the
// service-recovery paradox), each figure with its n, a 95 % interval where it is a share or a
// mean, and a drill-down to the cases behind it. Cases belong to a period by the moment of
// their oops.
import { z } from 'zod';
import { recoveryTargetHours } from './case-clock.ts';
import { caseOrigins, caseSeveritySchema } from './cases.ts';
import { cursorSchema, idSchema, isoDateTimeSchema, limitSchema, pageSchema } from './common.ts';
import { intervalSchema, minAnswers } from './metrics.ts';
import { surveyKinds } from './surveys.ts';

/** A day (midnight UTC) or a date-time with its offset. */
const instantPattern = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** The moment a `from` or `to` names: a bare date is midnight UTC. Undefined when it is not one. */
export function instantOf(s: string): Date | undefined {
  if (!instantPattern.test(s)) return undefined;
  const day = s.slice(0, 10);
  const t = Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s);
  // Date.parse rolls 2026-02-30 over to 2 March: a day must come back as itself.
  if (!Number.isFinite(t) || new Date(Date.parse(`${day}T00:00:00Z`)).toISOString().slice(0, 10) !== day) return undefined;
  return new Date(t);
}

const instantSchema = z
  .string()
  .refine((s) => instantOf(s) !== undefined, 'must be a date like 2026-01-31 (midnight UTC) or a date-time like 2026-01-31T09:00:00Z')
  .meta({ example: '2026-01-01' });

export const recoveryReportQuerySchema = z.strictObject({
  from: instantSchema.optional().describe('first moment included (a date is midnight UTC); default: 90 days before `to`'),
  to: instantSchema.optional().describe('first moment NOT included; default: midnight UTC at the end of today, so today counts'),
  departmentId: idSchema.optional().describe("only cases of this department (the case's department)"),
  origin: z
    .enum(caseOrigins, { error: `must be one of ${caseOrigins.join(', ')}` })
    .optional()
    .describe('only cases opened by this kind of oops'),
});
export type RecoveryReportQuery = z.infer<typeof recoveryReportQuerySchema>;

/** The sets of cases a figure counts; every figure's drill-down lists one of them. */
export const recoveryBuckets = [
  'opened',
  'recovered',
  'closed',
  'open',
  'breached',
  'recovered_within_24h',
  'missed_24h',
  'pending',
  'recovered_within_target',
  'missed_target',
  'pending_target',
  'apologised',
  'fixed',
  'restitution',
  'follow_up',
  'follow_up_paired',
] as const;
export type RecoveryBucket = (typeof recoveryBuckets)[number];

const bucketHelp =
  'opened: every case of the period; recovered, closed, open, breached; recovered_within_24h, missed_24h, pending (not recovered, ' +
  `still open, its ${recoveryTargetHours} hours not over); recovered_within_target, missed_target, pending_target (the same against the case’s due time); ` +
  'apologised, fixed (the step done); restitution (with a cost; `currency` narrows); follow_up (the case behind each customer’s ' +
  'follow-up answer in the paradox; `kind` narrows), follow_up_paired (those that also have an answer from before the oops)';

export const recoveryCasesQuerySchema = z.strictObject({
  ...recoveryReportQuerySchema.shape,
  bucket: z
    .enum(recoveryBuckets, {
      error: (iss) =>
        iss.input === undefined ? `is required: one of ${recoveryBuckets.join(', ')}` : `must be one of ${recoveryBuckets.join(', ')}`,
    })
    .describe(bucketHelp),
  kind: z
    .enum(surveyKinds, { error: 'must be nps, csat or ces' })
    .optional()
    .describe('follow_up and follow_up_paired: the survey kind of the follow-up answer'),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR')
    .optional()
    .describe('restitution: one currency only'),
  limit: limitSchema,
  cursor: cursorSchema.optional(),
});
export type RecoveryCasesQuery = z.infer<typeof recoveryCasesQuerySchema>;

const drillDown = z.string().describe('GET this for the cases behind the figure (GET /api/v1/reports/recovery/cases)');
const enoughData = z.boolean().describe(`false under ${minAnswers}: then the figure and its interval are null`);

export const recoveryCountSchema = z
  .object({ n: z.number().int(), drillDown })
  .meta({ id: 'RecoveryCount', description: 'A number of cases, always given (no minimum)' });

export const recoveryShareSchema = z
  .object({
    within: z.number().int().describe('cases recovered in time'),
    missed: z.number().int().describe('cases recovered late, cases whose time ran out unrecovered, and cases closed unrecovered'),
    pending: z
      .number()
      .int()
      .describe('open cases not recovered yet whose time has not run out: they may still make it, so they are not counted as missed'),
    n: z.number().int().describe('within + missed: the cases whose outcome is known; pending ones are left out'),
    enoughData,
    value: z.number().nullable().describe('100 * within / n, in %'),
    interval: intervalSchema.nullable().describe('95 % Wilson score interval of the share, in %'),
    drillDown: z.object({ within: drillDown, missed: drillDown, pending: drillDown }),
  })
  .meta({ id: 'RecoveryShare' });

export const recoveryDurationSchema = z
  .object({
    n: z.number().int().describe('cases of the period with the step done (a skipped step is not counted)'),
    enoughData,
    medianHours: z.number().nullable().describe('hours from the oops to the step: the median'),
    p90Hours: z.number().nullable().describe('the 90th percentile'),
    drillDown,
  })
  .meta({
    id: 'RecoveryDuration',
    description:
      'Percentiles by linear interpolation between the closest ranks (PostgreSQL percentile_cont; Hyndman-Fan type 7); no interval',
  });

export const meanWithIntervalSchema = z
  .object({ value: z.number(), interval: intervalSchema })
  .meta({ id: 'MeanWithInterval', description: "a mean with the 95 % interval of Student's t: mean +/- t(0.975, n - 1) sd / sqrt(n)" });

export const restitutionCostSchema = z
  .object({
    currency: z.string(),
    count: z.number().int().describe('restitutions with a cost in this currency'),
    total: z.number().describe('their sum'),
    enoughData,
    mean: meanWithIntervalSchema.nullable().describe('the mean cost with its t interval; null under 30'),
    drillDown,
  })
  .meta({ id: 'RestitutionCost' });

export const recoveryScoreSchema = z
  .object({
    kind: z.enum(surveyKinds),
    n: z.number().int().describe('answers counted'),
    enoughData,
    value: z.number().nullable().describe('NPS: 100 * (promoters - detractors) / n; CSAT: % of 4-5; CES: % of 5-7'),
    interval: intervalSchema
      .nullable()
      .describe('95 %: NPS adjusted-Wald (n + 3, 3/4 added to promoters and detractors); CSAT/CES Agresti-Coull'),
    positive: z.number().int().describe('promoters (9-10), CSAT 4-5, CES 5-7'),
    negative: z.number().int().describe('detractors (0-6), CSAT 1-3, CES 1-4'),
    drillDown: drillDown.nullable().describe('the cases behind it; null for customers without a case (they have none)'),
  })
  .meta({ id: 'RecoveryScore' });

export const pairedChangeSchema = z
  .object({
    n: z
      .number()
      .int()
      .describe(
        'recovered cases with a follow-up answer whose customer also answered the same kind before the oops ' +
          '(their latest such answer; hand-picked ones left out)',
      ),
    enoughData,
    before: meanWithIntervalSchema.nullable().describe('their mean score before the oops'),
    after: meanWithIntervalSchema.nullable().describe('their mean follow-up score'),
    change: z
      .object({
        value: z.number().describe('mean of (follow-up - before), in points of the scale'),
        interval: intervalSchema.describe('paired 95 % t interval: mean +/- t(0.975, n - 1) sd / sqrt(n) of the differences'),
        t: z
          .number()
          .nullable()
          .describe('paired t statistic (n - 1 degrees of freedom); null when every difference is the same non-zero value'),
        p: z.number().describe('two-sided p of the paired t test (no change)'),
        significant: z.boolean().describe('p < 0.05'),
      })
      .nullable(),
    drillDown,
  })
  .meta({ id: 'PairedChange' });

export const paradoxComparisonSchema = z
  .object({
    enoughData: z.boolean().describe('false when either group has under 30 customers'),
    difference: z.number().nullable().describe('follow-up - without a case, in the unit of the score'),
    z: z
      .number()
      .nullable()
      .describe("NPS: (NPS'a - NPS'b) / sqrt(SEa^2 + SEb^2) from the adjusted-Wald figures; CSAT/CES: pooled two-proportion z"),
    p: z.number().nullable().describe('two-sided p of z'),
    significant: z.boolean().nullable().describe('|z| >= 1.96'),
  })
  .meta({ id: 'ParadoxComparison' });

export const recoveryParadoxSchema = z
  .object({
    kind: z.enum(surveyKinds),
    paired: pairedChangeSchema,
    followUp: recoveryScoreSchema.describe(
      'the follow-up answers of the period’s recovered cases: one per case (the latest answer to its follow-up re-survey)',
    ),
    withoutCase: recoveryScoreSchema.describe(
      'answers in the period of customers with no case at all whose oops is before `to` (whatever the filters): every answer ' +
        'counts, as on the dashboard; hand-picked answers (follow-ups included) left out',
    ),
    comparison: paradoxComparisonSchema,
  })
  .meta({ id: 'RecoveryParadox' });

export const recoveryReportSchema = z
  .object({
    from: isoDateTimeSchema,
    to: isoDateTimeSchema,
    asOf: isoDateTimeSchema.describe('the moment the report was made: what is pending, open or overdue is judged at it'),
    departmentId: idSchema.nullable(),
    origin: z.enum(caseOrigins).nullable(),
    cases: z.object({
      opened: recoveryCountSchema.describe('cases whose oops is in the period'),
      recovered: recoveryCountSchema.describe('of them, recovered (acknowledge, apologise and fix done or skipped)'),
      closed: recoveryCountSchema,
      open: recoveryCountSchema.describe('still open (open + closed = opened)'),
      breached: recoveryCountSchema.describe('the clock recorded a breach of the target'),
    }),
    within24h: recoveryShareSchema.describe(`recovered_at - oops_at <= ${recoveryTargetHours} hours of wall-clock time`),
    withinTarget: recoveryShareSchema.describe("recovered_at <= due_at: the workspace's own target, business hours included"),
    timeToApology: recoveryDurationSchema.describe('oops to the apologise step done'),
    timeToFix: recoveryDurationSchema.describe('oops to the fix step done'),
    restitution: z.object({
      count: z.number().int().describe('restitutions with a cost, every currency'),
      drillDown,
      currencies: z.array(restitutionCostSchema).describe('one per currency, alphabetical; amounts are never converted'),
    }),
    paradox: z.array(recoveryParadoxSchema).describe('one per survey kind: nps, csat, ces'),
    paradoxBySeverity: z
      .array(
        z.object({
          severity: caseSeveritySchema,
          kind: z.enum(surveyKinds),
          followUp: recoveryScoreSchema.describe('the follow-up answers of the period’s recovered cases of this severity'),
          comparison: paradoxComparisonSchema.describe('against the same `withoutCase` answers as `paradox`'),
        }),
      )
      .describe('the paradox by the severity of the oops: one per severity and kind with follow-up answers, low to critical'),
  })
  .meta({ id: 'RecoveryReport' });
export type RecoveryReport = z.infer<typeof recoveryReportSchema>;

export const recoveryReportCaseSchema = z
  .object({
    id: idSchema,
    number: z.number().int(),
    title: z.string(),
    status: z.enum(['open', 'closed']),
    origin: z.enum(caseOrigins),
    severity: caseSeveritySchema,
    customer: z.object({
      id: idSchema,
      name: z.string().nullable(),
      email: z.string().nullable(),
      externalId: z.string().nullable(),
    }),
    departmentId: idSchema.nullable(),
    ownerId: idSchema.nullable(),
    oopsAt: isoDateTimeSchema,
    dueAt: isoDateTimeSchema,
    recoveredAt: isoDateTimeSchema.nullable(),
    closedAt: isoDateTimeSchema.nullable(),
    breachedAt: isoDateTimeSchema.nullable(),
    hoursToRecovery: z.number().nullable().describe('oops to recovered, in hours'),
    hoursToApology: z.number().nullable().describe('oops to the apologise step done, in hours'),
    hoursToFix: z.number().nullable().describe('oops to the fix step done, in hours'),
    restitution: z.object({ amount: z.number(), currency: z.string() }).nullable(),
    followUp: z
      .object({
        kind: z.enum(surveyKinds),
        score: z.number().int(),
        answeredAt: isoDateTimeSchema,
        scoreBefore: z.number().int().nullable().describe("the customer's latest answer of the same kind before the oops"),
      })
      .nullable(),
  })
  .meta({ id: 'RecoveryReportCase' });
export type RecoveryReportCase = z.infer<typeof recoveryReportCaseSchema>;
export const recoveryReportCasePageSchema = pageSchema(recoveryReportCaseSchema).meta({ id: 'RecoveryReportCasePage' });
