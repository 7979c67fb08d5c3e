// A customer's data: everything Kept holds about one person (export), and erasing it.
import { z } from 'zod';
import { isoDateTimeSchema } from './common.ts';

const rows = z.array(z.record(z.string(), z.unknown()));

export const customerExportSchema = z
  .object({
    exportedAt: isoDateTimeSchema,
    workspaceId: z.uuid(),
    customer: z.record(z.string(), z.unknown()).describe('the customer row as stored, columns in camelCase'),
    events: rows,
    invitations: rows,
    surveyContacts: rows,
    unsubscribes: rows,
    responses: rows,
    mails: rows,
    mailResends: rows,
    cases: rows,
    oopses: rows,
    caseSteps: rows,
    caseAssignments: rows,
    caseMessages: rows,
    restitutionOffers: rows,
    complaints: rows,
    commitments: rows,
    commitmentChanges: rows,
    commitmentNotices: rows,
    outboxMessages: rows,
    tasks: rows,
    webhookDeliveries: rows,
    webhookAttempts: rows,
    ruleFriction: rows.describe('items of theirs tagged to a rule, with their words'),
    ruleExceptions: rows,
    improvementFeedback: rows,
    improvementNotices: rows.describe('"you said, we did" messages they were sent'),
    reviewQuestions: rows.describe('rule reviews that asked them a question, with their answers'),
  })
  .meta({ id: 'CustomerExport' });
export type CustomerExport = z.infer<typeof customerExportSchema>;

export const customerErasureSchema = z
  .object({
    customerId: z.uuid(),
    erasedAt: isoDateTimeSchema,
    removed: z.record(z.string(), z.number().int()).describe('rows removed, per table'),
    keptUnsubscribed: z.boolean().describe('the customer had unsubscribed: a hash of their address keeps the address unsubscribed'),
  })
  .meta({ id: 'CustomerErasure' });
export type CustomerErasure = z.infer<typeof customerErasureSchema>;

const days = z.number().int().min(1).max(36_500).nullable();
export const retentionSettingsSchema = z
  .strictObject({
    eventDays: days.describe('delete events that occurred more than this many days ago; null keeps them'),
    mailDays: days.describe('delete sent, failed and preview mails created more than this many days ago; null keeps them'),
  })
  .meta({ id: 'RetentionSettings' });
export type RetentionSettingsBody = z.infer<typeof retentionSettingsSchema>;
