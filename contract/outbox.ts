// One voice: messages to customers, the guard rules that hold back a message that contradicts
// the customer's timeline, and the tasks a held message becomes.
import { z } from 'zod';
import { selectorConditionSchema } from './causes.ts';
import { cursorSchema, idSchema, isoDateTimeSchema, limitSchema, pageSchema } from './common.ts';
import { customerRefSchema, eventTypeSchema } from './events.ts';

export const messageKindSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,63}$/, { error: 'must be a lower-case slug like invoice or equipment_not_received' })
  .meta({ example: 'equipment_not_received' });

/** Kinds Kept sends itself; other systems choose their own (invoice, dunning, marketing, ...). */
export const keptMessageKinds = [
  'survey_invitation',
  'survey_reminder',
  'survey_follow_up',
  'case_message',
  'you_said_we_did',
  'promise_made',
  'promise_kept',
  'promise_missed',
  'unsubscribe_confirmation',
] as const;

export const messageInputSchema = z
  .strictObject({
    customer: customerRefSchema.describe('an existing customer: a message to an unknown customer is refused'),
    kind: messageKindSchema.describe('what the message is; guard rules match on it'),
    source: z.string().trim().min(1).max(100).describe('the system or department sending it, e.g. billing'),
    subject: z.string().trim().min(1).max(300),
    text: z.string().trim().min(1).max(50_000).describe('the plain-text body'),
    html: z.string().max(200_000).optional().describe('an HTML body; the text is sent beside it'),
    idempotencyKey: z.string().min(1).max(200).optional().describe('the same key from the same source stores one message'),
  })
  .meta({ id: 'MessageInput' });
export type MessageInput = z.infer<typeof messageInputSchema>;

export const messageStatusSchema = z
  .enum(['passed', 'held', 'released', 'cancelled'])
  .describe('passed: no rule held it and it was handed to the mail sender; held: waiting for staff; released: sent by a person; cancelled');

export const outboxMessageSchema = z
  .object({
    id: idSchema,
    customerId: idSchema,
    customer: z.object({ name: z.string().nullable(), email: z.string().nullable(), externalId: z.string().nullable() }),
    kind: z.string(),
    source: z.string(),
    to: z.string().describe('the address it goes (or went) to: the customer’s e-mail address when it was queued'),
    subject: z.string(),
    text: z.string(),
    status: messageStatusSchema,
    decision: z.string().describe('the decision in words, naming the rule and the event behind it'),
    ruleId: idSchema.nullable(),
    eventId: idSchema.nullable().describe('the timeline event that made a rule hold or cancel it'),
    taskId: idSchema.nullable(),
    mailId: idSchema.nullable(),
    createdAt: isoDateTimeSchema,
    decidedAt: isoDateTimeSchema.nullable(),
    decidedBy: z.object({ id: idSchema, name: z.string() }).nullable(),
    decidedNote: z.string().nullable(),
    duplicate: z.boolean().optional().describe('true when this answers a repeated idempotency key'),
  })
  .meta({ id: 'OutboxMessage' });
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;

export const messageListQuerySchema = z.strictObject({
  status: messageStatusSchema.optional(),
  customerId: idSchema.optional(),
  limit: limitSchema,
  cursor: cursorSchema.optional(),
});
export type MessageListQuery = z.infer<typeof messageListQuerySchema>;
export const messagePageSchema = pageSchema(outboxMessageSchema).meta({ id: 'OutboxMessagePage' });

export const decisionInputSchema = z.strictObject({ note: z.string().trim().max(2000).optional() }).meta({ id: 'DecisionInput' });
export type DecisionInput = z.infer<typeof decisionInputSchema>;

const eventMatchSchema = z.strictObject({
  eventTypes: z.array(eventTypeSchema).min(1).max(10),
  where: z.array(selectorConditionSchema).max(10).default([]).describe('conditions on the event’s data; all must hold'),
});

export const guardRuleSchema = z
  .strictObject({
    messageKinds: z.array(messageKindSchema).min(1).max(20).describe('the kinds of message the rule looks at'),
    heldWhen: eventMatchSchema
      .extend({
        withinDays: z
          .number()
          .int()
          .min(1)
          .max(3650)
          .optional()
          .describe('only events this many days before the message; absent: any time'),
        clearedBy: z
          .array(eventTypeSchema)
          .max(10)
          .default([])
          .describe('a later event of one of these types lifts the match (service.activated after service.cancelled)'),
      })
      .describe('the timeline shows an event of one of these types, with these conditions'),
    action: z.enum(['hold', 'cancel']).default('hold').describe('hold: staff release or cancel it; cancel: it never goes'),
    task: z
      .strictObject({
        department: z.string().trim().min(1).max(200).describe('a department’s name or id; a held message becomes its task'),
        title: z.string().trim().min(1).max(300).describe('may use {customerName} and {kind}'),
      })
      .optional(),
    resolvesOn: eventMatchSchema
      .optional()
      .describe('an event like this, after the message was held, closes the task and cancels the message'),
  })
  .meta({
    id: 'GuardRule',
    example: {
      messageKinds: ['equipment_not_received'],
      heldWhen: { eventTypes: ['shipment.delivered'], where: [{ path: 'direction', op: 'eq', value: 'return' }], withinDays: 90 },
      action: 'hold',
      task: { department: 'Warehouse', title: 'Check the return of {customerName}' },
      resolvesOn: { eventTypes: ['return.received'] },
    },
  });
export type GuardRule = z.infer<typeof guardRuleSchema>;

export const guardRuleInputSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    description: z.string().trim().max(2000).optional(),
    enabled: z.boolean().default(true),
    rule: z.unknown().describe('a GuardRule; it is checked in full and every problem named'),
  })
  .meta({ id: 'GuardRuleInput' });
export type GuardRuleInput = z.infer<typeof guardRuleInputSchema>;
export const guardRulePatchSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    description: z.string().trim().max(2000).nullable().optional(),
    enabled: z.boolean().optional(),
    rule: z.unknown().optional(),
  })
  .meta({ id: 'GuardRulePatch' });
export type GuardRulePatch = z.infer<typeof guardRulePatchSchema>;

export const guardRuleRecordSchema = z
  .object({
    id: idSchema,
    name: z.string(),
    description: z.string().nullable(),
    enabled: z.boolean(),
    builtIn: z.string().nullable(),
    rule: guardRuleSchema,
    updatedAt: isoDateTimeSchema,
  })
  .meta({ id: 'GuardRuleRecord' });
export type GuardRuleRecord = z.infer<typeof guardRuleRecordSchema>;

export const taskSchema = z
  .object({
    id: idSchema,
    departmentId: idSchema.nullable(),
    customerId: idSchema,
    customer: z.object({ name: z.string().nullable(), email: z.string().nullable(), externalId: z.string().nullable() }),
    title: z.string(),
    detail: z.string().nullable(),
    status: z.enum(['open', 'done']),
    messageId: idSchema.nullable(),
    createdAt: isoDateTimeSchema,
    closedAt: isoDateTimeSchema.nullable(),
    closedNote: z.string().nullable(),
    closedBy: z
      .object({ id: idSchema, name: z.string() })
      .nullable()
      .describe('the person who closed it, or whose decision on its message did'),
    closedByEventId: idSchema.nullable().describe('the timeline event that resolved it, when it closed by itself'),
  })
  .meta({ id: 'Task' });
export type Task = z.infer<typeof taskSchema>;

export const taskListQuerySchema = z.strictObject({
  status: z.enum(['open', 'done']).default('open'),
  departmentId: idSchema.optional(),
  customerId: idSchema.optional(),
  limit: limitSchema,
  cursor: cursorSchema.optional(),
});
export type TaskListQuery = z.infer<typeof taskListQuerySchema>;
export const taskPageSchema = pageSchema(taskSchema).meta({ id: 'TaskPage' });
