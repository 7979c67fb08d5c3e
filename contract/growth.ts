// Earned Growth Rate (Reichheld, Darnell & Burns, 2021): the revenue ledger's mappings, the
// workspace's reporting currency and how it tells an earned customer, and the report.
import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './common.ts';
import { eventTypeSchema } from './events.ts';
import { selectorPathSchema } from './causes.ts';

/** Any three capital letters; whether it is an ISO 4217 code is checked by the server. */
export const currencyCodeSchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code in capitals, e.g. EUR')
  .meta({ example: 'EUR' });

/** A decimal amount as text, so no amount is ever a binary floating-point number on the wire. */
export const moneySchema = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/)
  .meta({ example: '1250.00', description: 'a decimal amount in the currency, as text' });

export const revenueMappingInputSchema = z
  .strictObject({
    eventType: eventTypeSchema.describe('events of this type carry money, e.g. invoice.paid or refund.issued'),
    amountPath: selectorPathSchema.describe('where the amount is in the event’s data, e.g. amount or total.gross'),
    amountUnit: z
      .enum(['major', 'minor'])
      .default('major')
      .describe('major: 12.50 means 12.50; minor: 1250 means 12.50 (cents, by the currency’s own decimals)'),
    currencyPath: selectorPathSchema.optional().describe('where the ISO 4217 code is in the data; or give `currency`'),
    currency: currencyCodeSchema.optional().describe('one currency for every event of the type; or give `currencyPath`'),
    negate: z.boolean().default(false).describe('true for refunds and credit notes whose amounts are positive numbers'),
  })
  .refine((m) => (m.currencyPath === undefined) !== (m.currency === undefined), {
    message: 'give currencyPath or currency, not both',
    path: ['currency'],
  })
  .meta({ id: 'RevenueMappingInput', example: { eventType: 'refund.issued', amountPath: 'amount', currency: 'EUR', negate: true } });
export type RevenueMappingInput = z.infer<typeof revenueMappingInputSchema>;

export const revenueMappingSchema = z
  .object({
    id: idSchema,
    eventType: z.string(),
    amountPath: z.string(),
    amountUnit: z.enum(['major', 'minor']),
    currencyPath: z.string().nullable(),
    currency: z.string().nullable(),
    negate: z.boolean(),
    createdAt: isoDateTimeSchema,
    updatedAt: isoDateTimeSchema,
  })
  .meta({ id: 'RevenueMapping' });
export type RevenueMapping = z.infer<typeof revenueMappingSchema>;
export const revenueMappingListSchema = z.object({ items: z.array(revenueMappingSchema) }).meta({ id: 'RevenueMappingList' });

export const acquisitionEventSchema = z.strictObject({
  eventType: eventTypeSchema.describe('e.g. customer.signed_up'),
  path: selectorPathSchema.describe('where the acquisition channel is in the data, e.g. source'),
  earnedValues: z.array(z.string().trim().min(1).max(200)).min(1).max(20).describe('the values that mean referral or recommendation'),
});
export type AcquisitionEvent = z.infer<typeof acquisitionEventSchema>;

export const growthSettingsSchema = z
  .strictObject({
    reportingCurrency: currencyCodeSchema.describe('EGR is reported in this currency; every other currency apart, never converted'),
    acquisitionEvents: z.array(acquisitionEventSchema).max(10).default([]),
  })
  .meta({ id: 'GrowthSettings' });
export type GrowthSettings = z.infer<typeof growthSettingsSchema>;

export const growthQuerySchema = z
  .strictObject({
    granularity: z.enum(['month', 'quarter']).default('quarter'),
    periods: z.coerce.number().int().min(1).max(24).default(4).describe('how many periods, the last one holding `at`'),
    at: isoDateTimeSchema.optional().describe('a moment in the last period; now when absent'),
    segment: z.string().min(1).max(64).optional().describe('a customer attribute: figures per value of it'),
  })
  .meta({ id: 'GrowthQuery' });
export type GrowthQuery = z.infer<typeof growthQuerySchema>;

const intervalSchema = z.object({ low: z.number(), high: z.number() }).nullable();

export const growthFiguresSchema = z
  .object({
    previousRevenue: moneySchema.describe('last period’s revenue from last period’s customers (revenue > 0 then)'),
    retainedRevenue: moneySchema.describe('this period’s revenue from last period’s customers, refunds included'),
    earnedNewRevenue: moneySchema.describe('this period’s revenue from new customers who came by referral or recommendation'),
    boughtNewRevenue: moneySchema.describe('this period’s revenue from other new customers (not in EGR)'),
    returningRevenue: moneySchema.describe('from customers who bought before last period, not in it (not in EGR)'),
    revenue: moneySchema.describe('this period’s whole revenue'),
    previousCustomers: z.number().int(),
    retainedCustomers: z.number().int().describe('of last period’s customers, those with revenue > 0 this period'),
    earnedNewCustomers: z.number().int(),
    boughtNewCustomers: z.number().int(),
    returningCustomers: z.number().int(),
    nrr: z.number().nullable().describe('net revenue retention, %'),
    enc: z.number().nullable().describe('earned new customers’ revenue as a % of last period’s revenue'),
    egr: z.number().nullable().describe('NRR + ENC − 100, %'),
    undefinedReason: z.enum(['no_revenue_last_period']).nullable(),
    interval: z
      .object({ egr: intervalSchema, nrr: intervalSchema, enc: intervalSchema, resamples: z.number().int(), n: z.number().int() })
      .nullable()
      .describe('95 % percentile bootstrap, resampling the n customers behind NRR and ENC'),
  })
  .meta({ id: 'GrowthFigures' });
export type GrowthFigures = z.infer<typeof growthFiguresSchema>;

export const growthPeriodSchema = z.object({
  start: isoDateTimeSchema,
  end: isoDateTimeSchema,
  label: z.string().meta({ example: '2026-Q2' }),
  partial: z.boolean().describe('the period has not ended yet'),
  figures: growthFiguresSchema,
});
export type GrowthPeriod = z.infer<typeof growthPeriodSchema>;

export const growthSeriesSchema = z.object({
  currency: z.string(),
  segment: z.string().nullable().describe('the segment’s value; null for every customer'),
  periods: z.array(growthPeriodSchema),
});
export type GrowthSeries = z.infer<typeof growthSeriesSchema>;

export const growthReportSchema = z
  .object({
    granularity: z.enum(['month', 'quarter']),
    reportingCurrency: z.string().nullable().describe('null until the growth settings are saved'),
    series: z.array(growthSeriesSchema).describe('the reporting currency (every customer, then each segment), first'),
    otherCurrencies: z.array(growthSeriesSchema).describe('revenue in other currencies, reported apart, never converted'),
    unreadable: z
      .array(z.object({ eventType: z.string(), reason: z.enum(['amount_not_found', 'currency_not_iso4217']), events: z.number().int() }))
      .describe('mapped events left out of the ledger, and why'),
    method: z.string(),
  })
  .meta({ id: 'GrowthReport' });
export type GrowthReport = z.infer<typeof growthReportSchema>;

export const growthParts = ['previous', 'retained', 'lost', 'earned_new', 'bought_new', 'returning'] as const;
export const growthCustomersQuerySchema = z
  .strictObject({
    period: isoDateTimeSchema.describe('the start of the period'),
    granularity: z.enum(['month', 'quarter']).default('quarter'),
    part: z.enum(growthParts).describe('lost: last period’s customers without revenue this period'),
    currency: currencyCodeSchema.optional(),
    segment: z.string().min(1).max(64).optional(),
    segmentValue: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .meta({ id: 'GrowthCustomersQuery' });
export type GrowthCustomersQuery = z.infer<typeof growthCustomersQuerySchema>;

export const growthCustomerSchema = z.object({
  customerId: idSchema,
  name: z.string().nullable(),
  email: z.string().nullable(),
  externalId: z.string().nullable(),
  previousRevenue: moneySchema,
  revenue: moneySchema,
  earned: z.boolean(),
});
export const growthCustomerPageSchema = z
  .object({ items: z.array(growthCustomerSchema), total: z.number().int(), nextOffset: z.number().int().nullable() })
  .meta({ id: 'GrowthCustomerPage' });
export type GrowthCustomerPage = z.infer<typeof growthCustomerPageSchema>;
