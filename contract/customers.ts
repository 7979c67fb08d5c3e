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

export const customerPageSchema = pageSchema(customerSchema).meta({ id: 'CustomerPage' });

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
