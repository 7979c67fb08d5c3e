// Webhooks: subscriptions to timeline event types, and the signed deliveries Kept makes to
// them (Standard Webhooks). No Node, no DOM.
import { z } from 'zod';
import { cursorSchema, idSchema, isoDateTimeSchema, limitSchema, pageSchema } from './common.ts';

/** At most this many subscriptions per workspace: each stored event is matched against all of them. */
export const maxSubscriptions = 50;

const word = '[a-z][a-z0-9_]*';
/** `case.opened` (exact), `case.*` or `order.item.*` (every type under the prefix), or `*` (everything). */
const patternRegex = new RegExp(`^(\\*|${word}(\\.${word})*\\.\\*|${word}(\\.${word})+)$`);

export const isEventTypePattern = (p: string) => p.length <= 100 && patternRegex.test(p);

/** Whether an event type is one a pattern names. */
export function matchesEventType(pattern: string, type: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}

export const eventTypePatternSchema = z
  .string()
  .refine(isEventTypePattern, {
    error: (issue) =>
      `${JSON.stringify(issue.input)} is not an event type pattern: use a type (case.opened), a prefix (case.*) or * for every event`,
  })
  .meta({ example: 'case.*' });

const urlProblem = (raw: string): string | undefined => {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return 'must be an absolute http:// or https:// URL';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return `must be an http:// or https:// URL, not ${u.protocol}`;
  if (!u.hostname) return 'must name a host';
  if (u.username || u.password)
    return 'must not carry a user name or password; put a secret in the path or query if the receiver needs one';
  return undefined;
};

export const webhookUrlSchema = z
  .string()
  .trim()
  .max(2000)
  .superRefine((raw, ctx) => {
    const problem = urlProblem(raw);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .meta({ example: 'https://hooks.example.com/kept' });

const eventTypesSchema = z
  .array(eventTypePatternSchema)
  .min(1)
  .max(20)
  .describe('Event types to deliver: exact (`case.opened`), a prefix (`case.*`) or `*` for every event.');

export const webhookInputSchema = z
  .strictObject({
    url: webhookUrlSchema,
    eventTypes: eventTypesSchema,
    description: z.string().trim().max(500).optional(),
    enabled: z.boolean().default(true),
  })
  .meta({ id: 'WebhookInput' });
export type WebhookInput = z.infer<typeof webhookInputSchema>;

export const webhookPatchSchema = z
  .strictObject({
    url: webhookUrlSchema.optional(),
    eventTypes: eventTypesSchema.optional(),
    description: z.string().trim().max(500).nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, 'change at least one of url, eventTypes, description, enabled')
  .meta({ id: 'WebhookPatch' });
export type WebhookPatch = z.infer<typeof webhookPatchSchema>;

export const webhookSchema = z
  .object({
    id: idSchema,
    url: z.string(),
    eventTypes: z.array(z.string()),
    description: z.string().nullable(),
    enabled: z.boolean(),
    disabledReason: z.enum(['manual', 'gone']).nullable().describe('manual: someone disabled it; gone: the receiver answered 410 Gone'),
    disabledAt: isoDateTimeSchema.nullable(),
    secretHint: z.string().describe('the first characters of the signing secret, to tell secrets apart'),
    previousSecretUntil: isoDateTimeSchema
      .nullable()
      .describe('after a rotation, deliveries are signed with the old secret too until then'),
    createdAt: isoDateTimeSchema,
    updatedAt: isoDateTimeSchema,
  })
  .meta({ id: 'Webhook' });
export type Webhook = z.infer<typeof webhookSchema>;

export const webhookWithSecretSchema = z
  .object({
    webhook: webhookSchema,
    secret: z.string().describe('whsec_ and base64: shown only now; verify signatures with it (Standard Webhooks)'),
  })
  .meta({ id: 'WebhookWithSecret' });
export type WebhookWithSecret = z.infer<typeof webhookWithSecretSchema>;

export const webhookListSchema = z.object({ items: z.array(webhookSchema) }).meta({ id: 'WebhookList' });

export const deliveryStatusSchema = z.enum(['pending', 'delivered', 'failed']);
export type DeliveryStatus = z.infer<typeof deliveryStatusSchema>;

export const webhookAttemptSchema = z
  .object({
    attempt: z.number().int().describe('1 for the first try of the delivery, counting every try since'),
    attemptedAt: isoDateTimeSchema,
    statusCode: z.number().int().nullable().describe('null when no HTTP answer came (refused, timed out)'),
    durationMs: z.number().int(),
    error: z.string().nullable(),
    responseExcerpt: z.string().nullable().describe('the start of the receiver’s answer (at most 500 characters)'),
    redelivery: z.boolean().describe('the first try after someone asked for a redelivery'),
  })
  .meta({ id: 'WebhookAttempt' });
export type WebhookAttempt = z.infer<typeof webhookAttemptSchema>;

export const webhookDeliverySchema = z
  .object({
    id: idSchema.describe('sent as the webhook-id header: the same on every retry and redelivery'),
    webhookId: idSchema,
    eventId: idSchema.nullable().describe('the timeline event; null for a webhook.test ping'),
    type: z.string(),
    payload: z.object({ type: z.string(), timestamp: isoDateTimeSchema, data: z.record(z.string(), z.unknown()) }),
    status: deliveryStatusSchema,
    attempts: z.number().int(),
    nextAttemptAt: isoDateTimeSchema.nullable(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: isoDateTimeSchema,
    deliveredAt: isoDateTimeSchema.nullable(),
    redeliveredAt: isoDateTimeSchema.nullable(),
    attemptLog: z.array(webhookAttemptSchema).describe('the tries, newest first (the latest 20)'),
  })
  .meta({ id: 'WebhookDelivery' });
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export const deliveryListQuerySchema = z.object({
  status: deliveryStatusSchema.optional(),
  cursor: cursorSchema.optional(),
  limit: limitSchema,
});
export type DeliveryListQuery = z.infer<typeof deliveryListQuerySchema>;

export const webhookDeliveryPageSchema = pageSchema(webhookDeliverySchema).meta({ id: 'WebhookDeliveryPage' });
export type WebhookDeliveryPage = z.infer<typeof webhookDeliveryPageSchema>;
