// What the webhook pages say and how they read what people type. Pure, so it is tested without a browser.
import type { DeliveryStatus } from '../../../../contract/webhooks.ts';

/** Kept's own event types, offered as suggestions; any dotted type your systems send works too. */
export const keptEventTypes = [
  'response.created',
  'complaint.received',
  'case.opened',
  'case.escalated',
  'case.breached',
  'case.step_completed',
  'case.restitution_offered',
  'case.restitution_chosen',
  'case.restitution_something_else',
  'case.restitution_withdrawn',
  'case.closed',
  'message.held',
  'case.*',
  '*',
];

/** "case.*, response.created" → ["case.*", "response.created"] */
export const parseTypes = (text: string) => text.split(/[\s,]+/).filter(Boolean);

/** The typed list with one more type, unless it is there already. */
export const withType = (text: string, type: string) => (parseTypes(text).includes(type) ? text : [...parseTypes(text), type].join(', '));

export const statusText: Record<DeliveryStatus, string> = { pending: 'Pending', delivered: 'Delivered', failed: 'Failed' };
export const statusDot: Record<DeliveryStatus, string> = {
  pending: 'status-dot-wait',
  delivered: 'status-dot-ok',
  failed: 'status-dot-failed',
};
export const filters: { value: DeliveryStatus | undefined; label: string }[] = [
  { value: undefined, label: 'All' },
  { value: 'pending', label: 'Pending' },
  { value: 'delivered', label: 'Delivered' },
  { value: 'failed', label: 'Failed' },
];
