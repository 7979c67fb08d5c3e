// The recovery report over time: for each day, week or month of the period, the cases opened,
// the share recovered within 24 hours (with its Wilson interval; under 30 cases with a known
// outcome a gap with its n, never a point), the breaches, and what restitution cost per currency.
// Cases belong to a period by the moment of their oops, as in the report.
import { z } from 'zod';
import { recoveryTargetHours } from './case-clock.ts';
import { trendIntervals } from './metrics.ts';
import { recoveryCountSchema, recoveryReportQuerySchema, recoveryShareSchema } from './recovery-report.ts';

export const recoveryTrendQuerySchema = z.strictObject({
  ...recoveryReportQuerySchema.shape,
  interval: z
    .enum(trendIntervals, { error: 'must be day, week or month' })
    .default('week')
    .describe('day: at most 366 days; week (ISO, from Monday, UTC): at most 1,098 days; month: at most 3,660 days'),
});
export type RecoveryTrendQuery = z.input<typeof recoveryTrendQuerySchema>;

export const recoveryTrendPointSchema = z
  .object({
    start: z.string().describe('first moment of the period (UTC; clipped to `from`)'),
    end: z.string().describe('first moment after the period (clipped to `to`)'),
    opened: recoveryCountSchema.describe('cases whose oops is in this period'),
    breached: recoveryCountSchema.describe('of them, the clock recorded a breach of the target'),
    within24h: recoveryShareSchema.describe(`recovered within ${recoveryTargetHours} hours of the oops; pending cases left out`),
    restitution: z
      .array(
        z.object({
          currency: z.string(),
          count: z.number().int().describe('restitutions with a cost in this currency'),
          total: z.number().describe('their sum (0 when none)'),
        }),
      )
      .describe('one per currency of `currencies`, in that order; amounts are never converted'),
  })
  .meta({ id: 'RecoveryTrendPoint' });

export const recoveryTrendSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    interval: z.enum(trendIntervals),
    asOf: z.string().describe('the moment the figures were made: what is pending is judged at it'),
    departmentId: z.string().nullable(),
    origin: z.string().nullable(),
    currencies: z.array(z.string()).describe('every currency restitution was paid in over the whole period, alphabetical'),
    points: z.array(recoveryTrendPointSchema),
  })
  .meta({ id: 'RecoveryTrend' });
export type RecoveryTrend = z.infer<typeof recoveryTrendSchema>;
