// The mail Kept sends (to customers and staff) as the API shows it, with its delivery status.
import { z } from 'zod';
import { cursorSchema, idSchema, isoDateTimeSchema, limitSchema, pageSchema } from './common.ts';

export const mailStatusSchema = z
  .enum(['queued', 'sending', 'sent', 'preview', 'failed', 'unknown'])
  .describe(
    'queued: waiting, or between retries; sending: being handed to the mail server; sent: the server accepted it; ' +
      'preview: no SMTP server is configured, so it was kept here; failed: refused 5 times, or the customer unsubscribed; ' +
      'unknown: Kept stopped (or heard nothing) while handing it over, so it may or may not have been delivered, and it is ' +
      'not sent again unless a person chooses to',
  );
export type MailStatus = z.infer<typeof mailStatusSchema>;
export const mailSchema = z
  .object({
    id: idSchema,
    customerId: idSchema.nullable(),
    invitationId: idSchema.nullable(),
    kind: z.string(),
    to: z.string(),
    subject: z.string(),
    html: z.string(),
    text: z.string(),
    headers: z.record(z.string(), z.string()),
    status: mailStatusSchema,
    attempts: z.number().int().describe('attempts since it was queued (or last sent again by a person)'),
    lastError: z.string().nullable().describe('why it failed, is being retried, or is unknown'),
    createdAt: isoDateTimeSchema,
    sentAt: isoDateTimeSchema.nullable(),
    messageId: z.string().nullable().describe('the Message-ID header, the same on every attempt; null until first handed over'),
    claimedBy: z.string().nullable().describe('the Kept instance (host:pid) that last handed it to the mail server'),
    claimedAt: isoDateTimeSchema.nullable().describe('when that hand-over started'),
    resends: z
      .array(
        z.object({
          at: isoDateTimeSchema,
          byUserId: idSchema.nullable(),
          byTokenId: idSchema.nullable(),
          byName: z.string().nullable(),
          fromStatus: z.enum(['unknown', 'failed']),
          fromError: z.string().nullable(),
        }),
      )
      .describe('each time a person chose to send it again, oldest first'),
  })
  .meta({ id: 'Mail' });
export type Mail = z.infer<typeof mailSchema>;
export const mailListQuerySchema = z.strictObject({ limit: limitSchema, cursor: cursorSchema.optional() });
export const mailPageSchema = pageSchema(mailSchema).meta({ id: 'MailPage' });
