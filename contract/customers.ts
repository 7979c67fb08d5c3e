// Customers: one record per person, matched from events by externalId or e-mail.
import { z } from 'zod';
import { cursorSchema, idSchema, isoDateTimeSchema, limitSchema, pageSchema } from './common.ts';

export const customerSchema = z
  .object({
    id: idSchema,
    externalId: z.string().nullable(),
    email: z.string().nullable(),
    name: z.string().nullable(),
    createdAt: isoDateTimeSchema,
    updatedAt: isoDateTimeSchema,
    lastEventAt: isoDateTimeSchema.nullable(),
  })
  .meta({ id: 'Customer' });
export type Customer = z.infer<typeof customerSchema>;

export const customerListQuerySchema = z.strictObject({
  q: z.string().trim().min(1).max(200).optional().describe('matches part of the name, e-mail or external id'),
  limit: limitSchema,
  cursor: cursorSchema.optional(),
});
export type CustomerListQuery = z.infer<typeof customerListQuerySchema>;

/** A customer in the list, with what staff look for first. */
export const customerListItemSchema = customerSchema
  .extend({
    openCase: z
      .object({ id: idSchema, number: z.number().int(), title: z.string(), dueAt: isoDateTimeSchema })
      .nullable()
      .describe('the customer’s open recovery case, if any'),
    lastScore: z
      .object({ score: z.number().int(), kind: z.string().describe('nps, csat or ces'), answeredAt: isoDateTimeSchema })
      .nullable()
      .describe('their latest survey answer'),
    lastContactAt: isoDateTimeSchema
      .nullable()
      .describe('the last message either way: a mail or message from the company, a complaint, reply or answer from the customer'),
  })
  .meta({ id: 'CustomerListItem' });
export type CustomerListItem = z.infer<typeof customerListItemSchema>;

export const customerPageSchema = pageSchema(customerListItemSchema).meta({ id: 'CustomerPage' });

/** The attributes customers carry (the segments scores can be broken down by), with their most common values. */
export const customerAttributesSchema = z
  .object({
    items: z.array(
      z.object({
        key: z.string(),
        customers: z.number().int().describe('customers with this attribute, among those looked at'),
        values: z.array(z.object({ value: z.string(), customers: z.number().int() })).describe('the 20 most common values'),
      }),
    ),
    sampled: z.number().int().describe('how many customers were looked at: the newest, at most 10,000'),
  })
  .meta({ id: 'CustomerAttributes' });
export type CustomerAttributes = z.infer<typeof customerAttributesSchema>;
