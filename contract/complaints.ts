// Complaints: the second way an oops arrives (after a low survey answer). They come from other
// systems over the API, from mail servers as raw e-mail, and from customers on a public form;
// each one opens a recovery case or joins the customer's open one.
import { z } from 'zod';
import { caseSeveritySchema } from './cases.ts';
import { cursorSchema, idSchema, isoDateTimeSchema, limitSchema, pageSchema } from './common.ts';
import { customerRefSchema, sourceSchema } from './events.ts';

export const complaintChannels = ['api', 'email', 'form'] as const;
export const complaintChannelSchema = z.enum(complaintChannels);
export type ComplaintChannel = z.infer<typeof complaintChannelSchema>;

/** The longest complaint body, in characters, on every channel. */
export const complaintBodyMax = 20_000;
export const complaintSubjectMax = 300;
export const complaintReferenceMax = 100;

// PostgreSQL's text cannot hold a NUL character: refuse it by name instead of failing at storage.
const noNul = (s: string) => !s.includes('\0');
const nulMessage = 'contains a NUL character (\\u0000), which cannot be stored';

export const complaintBodySchema = z
  .string()
  .trim()
  .min(1, 'is empty')
  .max(complaintBodyMax, `is longer than ${complaintBodyMax} characters`)
  .refine(noNul, nulMessage);
export const complaintSubjectSchema = z.string().trim().max(complaintSubjectMax).refine(noNul, nulMessage);
export const complaintReferenceSchema = z.string().trim().max(complaintReferenceMax).refine(noNul, nulMessage);

export const complaintInputSchema = z
  .strictObject({
    customer: customerRefSchema,
    subject: complaintSubjectSchema.optional().describe('a subject line, if the customer gave one'),
    body: complaintBodySchema.describe(`what the customer wrote, at most ${complaintBodyMax} characters`),
    reference: complaintReferenceSchema.optional().describe('an order or other reference number the customer gave'),
    occurredAt: isoDateTimeSchema
      .optional()
      .describe(
        'when it went wrong (the incident, not the receipt): the case’s clock starts here. Now when absent; at most 5 minutes ahead.',
      ),
    source: sourceSchema.describe('the system or department that received the complaint: support, shop, call-centre, ...'),
    severity: caseSeveritySchema.optional().describe('the severity of a case it opens (normal when absent)'),
    departmentId: idSchema.optional().describe('the department a case it opens belongs to (the workspace’s default when absent)'),
    idempotencyKey: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('the same key from the same source stores one complaint; a repeat answers 200 with the original'),
  })
  .meta({ id: 'ComplaintInput' });
export type ComplaintInput = z.infer<typeof complaintInputSchema>;

export const complaintSchema = z
  .object({
    id: idSchema,
    customerId: idSchema,
    customer: z.object({ name: z.string().nullable(), email: z.string().nullable(), externalId: z.string().nullable() }),
    channel: complaintChannelSchema.describe('how it arrived: api, email (a forwarded message) or form (the public complaint form)'),
    source: z.string(),
    subject: z.string().nullable(),
    body: z.string(),
    reference: z.string().nullable(),
    occurredAt: isoDateTimeSchema.describe('when it went wrong: the case’s clock starts here'),
    receivedAt: isoDateTimeSchema.describe('when Kept received it'),
    caseId: idSchema.nullable(),
    caseNumber: z.number().int().nullable(),
    idempotencyKey: z.string().nullable().describe('for e-mail, the Message-ID'),
  })
  .meta({ id: 'Complaint' });
export type Complaint = z.infer<typeof complaintSchema>;

export const complaintResultSchema = z
  .object({
    complaint: complaintSchema,
    joined: z.boolean().describe('true when the complaint joined the customer’s open case instead of opening one'),
    duplicate: z.boolean().describe('true when the idempotency key had been seen: the original is returned'),
  })
  .meta({ id: 'ComplaintResult' });
export type ComplaintResult = z.infer<typeof complaintResultSchema>;

export const complaintListQuerySchema = z.strictObject({
  customerId: idSchema.optional().describe('only this customer’s complaints'),
  limit: limitSchema,
  cursor: cursorSchema.optional(),
});
export type ComplaintListQuery = z.infer<typeof complaintListQuerySchema>;
export const complaintPageSchema = pageSchema(complaintSchema).meta({ id: 'ComplaintPage', description: 'Newest first.' });
