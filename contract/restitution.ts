// The customer chooses the restitution (seed 000): staff offer one to three options from a case
// (what the customer gets, what it costs the company, and whether it is a "wow"), the customer
// picks one on their case page or writes what else would make it right.
import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './common.ts';
import { moneySchema, personSchema } from './playbook.ts';

/** At most this many options in one offer: a choice, not a catalogue. */
export const maxRestitutionOptions = 3;

export const restitutionOptionInputSchema = z
  .strictObject({
    what: z.string().trim().min(1).max(500).describe('what the customer gets, in words for the customer'),
    cost: z
      .number({ error: 'must be a number' })
      .min(0, { error: 'cannot be negative: a restitution costs the company nothing or more' })
      .max(1_000_000_000)
      .multipleOf(0.01, { error: 'has at most two decimals' })
      .describe('what it costs the company, in the offer’s currency; not shown to the customer'),
    wow: z.boolean().default(false).describe('a surprise beyond what the customer would expect (seed 001)'),
  })
  .meta({ id: 'RestitutionOptionInput' });
export type RestitutionOptionInput = z.input<typeof restitutionOptionInputSchema>;

export const restitutionOfferInputSchema = z
  .strictObject({
    currency: z.string().regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 code such as EUR' }),
    options: z
      .array(restitutionOptionInputSchema)
      .min(1, { error: 'offer at least one option' })
      .max(maxRestitutionOptions, { error: `offer at most ${maxRestitutionOptions} options` }),
    message: z.string().trim().min(1).max(2000).optional().describe('a few words to the customer, above the options in the mail'),
    approvedBy: idSchema.optional().describe('a manager or admin; defaults to the person making the offer (an API token must name one)'),
  })
  .meta({ id: 'RestitutionOfferInput' });
export type RestitutionOfferInput = z.input<typeof restitutionOfferInputSchema>;

export const restitutionOfferStatusSchema = z
  .enum(['open', 'chosen', 'something_else', 'withdrawn'])
  .describe('open: waiting for the customer; chosen: an option picked; something_else: the customer wrote what else would make it right');
export type RestitutionOfferStatus = z.infer<typeof restitutionOfferStatusSchema>;

export const restitutionOptionSchema = z
  .object({ what: z.string(), cost: moneySchema, wow: z.boolean() })
  .meta({ id: 'RestitutionOption' });
export type RestitutionOption = z.infer<typeof restitutionOptionSchema>;

export const restitutionOfferSchema = z
  .object({
    id: idSchema,
    caseId: idSchema,
    status: restitutionOfferStatusSchema,
    options: z.array(restitutionOptionSchema),
    message: z.string().nullable(),
    offeredBy: personSchema.nullable(),
    approvedBy: personSchema,
    offeredAt: isoDateTimeSchema,
    chosenOption: z.number().int().nullable().describe('the index (from 0) of the option the customer picked'),
    somethingElse: z.string().nullable().describe('what the customer wrote would make it right instead'),
    answeredAt: isoDateTimeSchema.nullable(),
    withdrawnBy: personSchema.nullable(),
    withdrawnAt: isoDateTimeSchema.nullable(),
  })
  .meta({ id: 'RestitutionOffer' });
export type RestitutionOffer = z.infer<typeof restitutionOfferSchema>;
