// What the survey page says and checks about sending: triggers, invitations and samples. Pure,
// so it is tested without a browser.
import { plural } from '../../shared/format.ts';
import { sampleInputSchema, triggerInputSchema } from '../../../../contract/surveys.ts';
import type { Invitation } from '../../shared/types.ts';

/** Whole hours as typed: NaN when not a whole number, so the contract's check fails. */
const wholeNumber = (typed: string) => (/^\d+$/.test(typed.trim()) ? Number(typed) : NaN);

/** A trigger as the form holds it, checked by the contract's schema, with the form's words. */
export function triggerOf(eventType: string, delay: string) {
  const body = { eventType: eventType.trim(), delayHours: wholeNumber(delay) };
  const problems: Record<string, string> = {};
  for (const issue of triggerInputSchema.safeParse(body).error?.issues ?? []) {
    if (issue.path[0] === 'eventType') problems.eventType = 'Enter an event type in lowercase dotted words, e.g. order.delivered';
    if (issue.path[0] === 'delayHours') problems.delayHours = 'Enter whole hours from 0 to 8760 (a year)';
  }
  return { body, problems };
}

/** A random sample as the form holds it: everyone, or the customers whose attribute has a value. */
export function sampleOf(attribute: string, value: string, size: string) {
  const segment = attribute.trim() ? { attribute: attribute.trim(), value: value.trim() } : undefined;
  const body = { segment, size: wholeNumber(size) };
  const problems: Record<string, string> = {};
  for (const issue of sampleInputSchema.safeParse(body).error?.issues ?? []) {
    const path = issue.path.join('.');
    if (path === 'size') problems.size = 'Enter a whole number from 1 to 100,000';
    if (path === 'segment.value') problems['segment.value'] = 'Enter the value the attribute must have, e.g. gold';
  }
  if (!attribute.trim() && value.trim()) problems['segment.attribute'] = 'Enter the attribute, e.g. plan';
  return { body, problems };
}

export const delayText = (hours: number) =>
  hours === 0 ? 'right after' : hours % 24 === 0 ? `${plural(hours / 24, 'day')} after` : `${plural(hours, 'hour')} after`;
export const suppressedText: Record<NonNullable<Invitation['suppressedReason']>, string> = {
  contact_rule: 'Contact rule: invited recently',
  unsubscribed: 'Unsubscribed',
  sampled_out: 'Not drawn by sampling',
  no_email: 'No e-mail address',
  survey_archived: 'Survey archived',
  guard: 'Held back by a guard rule',
};
export const originText: Record<Invitation['origin'], string> = {
  trigger: 'Trigger',
  sample: 'Sample',
  widget: 'Widget',
  hand: 'By hand',
  follow_up: 'Case follow-up',
};
export const channelText: Record<Invitation['channel'], string> = { email: 'E-mail', link: 'Link', widget: 'Widget' };
