// The audit log: who changed what, when and from where. Entries hold ids and routes, never a
// customer's personal data, so they can stay for good (the log is append-only).
import { z } from 'zod';
import { cursorSchema, idSchema, isoDateTimeSchema, limitSchema, pageSchema } from './common.ts';

export const auditEntrySchema = z
  .object({
    id: idSchema,
    at: isoDateTimeSchema,
    actor: z.object({
      kind: z.enum(['user', 'token', 'system']),
      id: idSchema.nullable().describe('the user or API token; null for Kept itself (a scheduled job, the CLI)'),
      role: z.string().nullable(),
    }),
    action: z.string().describe('the route, e.g. `DELETE /api/v1/customers/{id}`, or a named action such as `customer.erased`'),
    target: z.string().nullable().describe('what it acted on: the path parameters, e.g. `id=…`'),
    status: z.number().int().nullable().describe('the HTTP status it answered'),
    client: z.string().nullable().describe('the client address the request came from'),
    requestId: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()).describe('before/after where recorded, counts, settings'),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditQuerySchema = z.strictObject({
  actor: idSchema.optional().describe('only this user or API token'),
  action: z.string().trim().min(1).max(200).optional().describe('actions containing this text, e.g. `customers` or `DELETE`'),
  from: isoDateTimeSchema.optional().describe('at or after'),
  to: isoDateTimeSchema.optional().describe('before'),
  limit: limitSchema,
  cursor: cursorSchema.optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditPageSchema = pageSchema(auditEntrySchema).meta({ id: 'AuditPage' });
export type AuditPage = z.infer<typeof auditPageSchema>;

export const auditExportQuerySchema = auditQuerySchema
  .omit({ limit: true, cursor: true })
  .extend({ format: z.enum(['csv', 'jsonl']).default('jsonl') });
export type AuditExportQuery = z.infer<typeof auditExportQuerySchema>;
