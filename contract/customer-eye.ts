// The customer's-eye view ("be the customer", seed 002): everything one customer received from
// every department and every page they saw, in order, each rendered as they saw it.
import { z } from 'zod';
import { cursorSchema, isoDateTimeSchema, pageSchema } from './common.ts';

export const customerEyeQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: cursorSchema.optional().describe('nextCursor of the previous page'),
});
export type CustomerEyeQuery = z.infer<typeof customerEyeQuerySchema>;

export const customerEyeItemTypes = ['mail', 'survey_page', 'thank_you_page', 'case_page'] as const;

export const customerEyeItemSchema = z
  .object({
    id: z.string().describe('stable within the customer: mail:<id>, survey_page:<response id>, ...'),
    type: z.enum(customerEyeItemTypes).describe('a mail they received, or a page of Kept’s they saw'),
    at: isoDateTimeSchema.describe('when it reached them (a mail: sent, or queued for the preview) or they saw it'),
    title: z.string().describe('the mail’s subject, or the page’s title'),
    from: z.string().describe('who it came from in words: the department or system that sent it'),
    note: z.string().describe('what staff should know about it, in words (e.g. kept in the preview: no SMTP server)'),
    view: z.string().describe('GET this (signed in) for the HTML as the customer saw it, to show in a sandboxed frame'),
  })
  .meta({ id: 'CustomerEyeItem' });
export type CustomerEyeItem = z.infer<typeof customerEyeItemSchema>;

export const customerEyePageSchema = pageSchema(customerEyeItemSchema).meta({ id: 'CustomerEyePage' });
export type CustomerEyePage = z.infer<typeof customerEyePageSchema>;
