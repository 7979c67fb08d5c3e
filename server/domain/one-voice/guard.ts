// The guard: before a message leaves, it is checked against the customer's timeline. The first
// enabled rule that looks at the message's kind and finds its event decides: hold (staff release
// or cancel it; a task for a department) or cancel. Every decision is explained in words.
import type { GuardRuleRecord } from '../../../contract/outbox.ts';
import type { Db } from '../../storage/database.ts';
import { findMatchingEvent, type BlockingEvent } from '../../storage/guard.ts';
import { enabledGuardRules } from './guard-rules.ts';

export type Verdict =
  { action: 'pass'; text: string } | { action: 'hold' | 'cancel'; text: string; rule: GuardRuleRecord; event: BlockingEvent };

const when = (d: Date) => `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)} UTC`;

export function explain(action: 'hold' | 'cancel', rule: GuardRuleRecord, e: BlockingEvent): string {
  return `${action === 'hold' ? 'Held' : 'Cancelled'} by “${rule.name}”: ${e.type} from ${e.source} on ${when(e.occurredAt)} (event ${e.id}).`;
}

/** The verdict on a message of `kind` to the customer, by the workspace's enabled rules. */
export async function checkMessage(db: Db, workspaceId: string, customerId: string, kind: string, now: Date): Promise<Verdict> {
  const rules = (await enabledGuardRules(db, workspaceId, now)).filter((r) => r.rule.messageKinds.includes(kind));
  for (const rule of rules) {
    const event = await findMatchingEvent(db, workspaceId, customerId, rule.rule.heldWhen, now);
    if (event) return { action: rule.rule.action, rule, event, text: explain(rule.rule.action, rule, event) };
  }
  return {
    action: 'pass',
    text: rules.length
      ? `Passed: ${rules.length} rule${rules.length > 1 ? 's' : ''} looked at ${kind} and found nothing against it.`
      : `Passed: no rule looks at ${kind}.`,
  };
}
