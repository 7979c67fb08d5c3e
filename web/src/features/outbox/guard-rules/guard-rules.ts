// Guard rules in words, and the rule a new one starts from.
import type { GuardRule } from '../../../shared/types.ts';

const or = (items: readonly string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`);

const opWords: Record<string, string> = {
  eq: '=',
  ne: '≠',
  in: 'in',
  contains: 'contains',
  gte: '≥',
  lte: '≤',
  exists: 'exists',
};

function conditions(where: GuardRule['heldWhen']['where']): string {
  return where
    .map((w) => (w.op === 'exists' ? `${w.path} present` : `${w.path} ${opWords[w.op] ?? w.op} ${JSON.stringify(w.value)}`))
    .join(' and ');
}

/** "Holds invoice or dunning when the timeline shows service.cancelled with balance = 0 …" */
export function describeRule(rule: GuardRule): string {
  const h = rule.heldWhen;
  let text = `${rule.action === 'cancel' ? 'Cancels' : 'Holds'} ${or(rule.messageKinds)} when the timeline shows ${or(h.eventTypes)}`;
  if (h.where.length) text += ` with ${conditions(h.where)}`;
  text += h.withinDays ? ` in the ${h.withinDays} days before` : ' at any time before';
  if (h.clearedBy.length) text += `, unless a later ${or(h.clearedBy)} lifts it`;
  text += '.';
  if (rule.task) text += ` A task for ${rule.task.department}.`;
  if (rule.resolvesOn) text += ` Resolved by ${or(rule.resolvesOn.eventTypes)}.`;
  return text;
}

export const newRuleTemplate = {
  messageKinds: ['invoice'],
  heldWhen: {
    eventTypes: ['service.cancelled'],
    where: [{ path: 'balance', op: 'eq', value: 0 }],
    withinDays: 90,
    clearedBy: ['service.activated'],
  },
  action: 'hold',
  task: { department: 'Billing', title: 'A {kind} for {customerName}: check before it goes' },
};

/** 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st. */
export const ordinal = (n: number) =>
  `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;

/** The editor's own checks before the server's: a name, and JSON that parses. */
export function checkRuleDraft(name: string, json: string): { local: Record<string, string>; parsed: unknown; jsonError?: string } {
  const local: Record<string, string> = {};
  if (!name.trim()) local.name = 'Name the rule after what it prevents, e.g. No invoice after a cancellation';
  try {
    return { local, parsed: JSON.parse(json) };
  } catch (err) {
    local.rule = 'The JSON does not parse';
    return { local, parsed: undefined, jsonError: `The JSON does not parse: ${(err as Error).message}` };
  }
}
