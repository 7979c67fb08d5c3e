// Guard rules: data (JSON) a manager edits, checked in full when saved so a rule that does not
// parse is refused with every problem named. A workspace starts with five built-in rules, added
// once (so disabling or deleting one is final). Rules are read on every outgoing message, so the
// enabled ones are remembered for a few seconds per workspace.
import {
  guardRuleSchema,
  type GuardRule,
  type GuardRuleInput,
  type GuardRulePatch,
  type GuardRuleRecord,
} from '../../../contract/outbox.ts';
import type { Db } from '../../storage/database.ts';
import * as store from '../../storage/guard-rules.ts';
import { selectorProblems } from '../recovery/causes.ts';
import { invalidInput, notFound, type FieldProblem } from '../core/errors.ts';
import { isUuid, uuidv7 } from '../../lib/ids.ts';

/** The message kinds of a "not received, you will be charged" notice. */
const returnNoticeKinds = ['equipment_not_received', 'not_received_notice', 'return_reminder'];

export const builtInRules: { key: string; name: string; description: string; rule: GuardRule }[] = [
  {
    key: 'not-received-after-delivery',
    name: 'No not-received notice after the carrier delivered the return',
    description:
      'Seed 004: a notice that the equipment was not received, and will be charged, after the carrier confirmed the return was delivered. Only a delivery that says it is a return (direction: return) counts; one without a direction, or outbound to the customer, is not a returned device.',
    rule: {
      messageKinds: returnNoticeKinds,
      heldWhen: {
        eventTypes: ['shipment.delivered'],
        // Only a delivery that says it is a return: a delivery without a direction (an order
        // reaching the customer) or marked outbound says nothing about equipment coming back.
        where: [{ path: 'direction', op: 'eq', value: 'return' }],
        withinDays: 90,
        clearedBy: [],
      },
      action: 'hold',
      task: { department: 'Warehouse', title: 'Billing says the return of {customerName} was not received; the carrier delivered it' },
      resolvesOn: { eventTypes: ['return.received'], where: [] },
    },
  },
  {
    key: 'not-received-after-return-received',
    name: 'No not-received notice after the warehouse received the return',
    description: 'Seed 004: the warehouse booked the returned equipment in, so a notice that it was not received is wrong and never goes.',
    rule: {
      messageKinds: returnNoticeKinds,
      heldWhen: { eventTypes: ['return.received'], where: [], withinDays: 90, clearedBy: [] },
      action: 'cancel',
    },
  },
  {
    key: 'no-invoice-after-cancellation',
    name: 'No invoice or dunning after a cancellation with zero balance',
    description: 'Seed 004: invoices sent after the customer cancelled and owed nothing.',
    rule: {
      messageKinds: ['invoice', 'dunning', 'payment_reminder'],
      heldWhen: {
        eventTypes: ['service.cancelled'],
        where: [{ path: 'balance', op: 'eq', value: 0 }],
        clearedBy: ['service.activated', 'service.reactivated'],
      },
      action: 'hold',
      task: { department: 'Billing', title: 'Held {kind} for {customerName}, who cancelled with nothing owed' },
    },
  },
  {
    key: 'no-survey-during-open-case',
    name: 'No survey invitation while the customer has an open case',
    description: 'Asking someone to rate us while we are still fixing their problem: the case’s own follow-up is exempt.',
    rule: {
      messageKinds: ['survey_invitation', 'survey_reminder'],
      heldWhen: { eventTypes: ['case.opened'], where: [], clearedBy: ['case.closed'] },
      action: 'cancel',
    },
  },
  {
    key: 'no-marketing-after-complaint',
    name: 'No marketing to a customer who complained in the last 30 days',
    description: 'A promotion right after a complaint reads as if nobody listened.',
    rule: {
      messageKinds: ['marketing', 'newsletter', 'promotion'],
      heldWhen: { eventTypes: ['complaint.received'], where: [], withinDays: 30, clearedBy: [] },
      action: 'cancel',
    },
  },
];

/** Parses and checks a rule; throws invalid_input naming each bad field under ['rule', ...]. */
export function parseGuardRule(raw: unknown): GuardRule {
  const r = guardRuleSchema.safeParse(raw);
  const at = (path: PropertyKey[]) => ['rule', ...path.map((p) => (typeof p === 'symbol' ? String(p) : p))] as (string | number)[];
  if (!r.success) {
    throw invalidInput(
      'The guard rule is not valid',
      r.error.issues.map((i) => ({ path: at(i.path), message: i.message })),
    );
  }
  const problems: FieldProblem[] = [];
  const where = (w: GuardRule['heldWhen']['where'], prefix: (string | number)[]) =>
    selectorProblems({ eventType: 'x', where: w }).forEach((p) => problems.push({ path: [...prefix, ...p.path], message: p.message }));
  where(r.data.heldWhen.where, ['rule', 'heldWhen']);
  if (r.data.resolvesOn) where(r.data.resolvesOn.where, ['rule', 'resolvesOn']);
  if (r.data.action === 'cancel' && r.data.task) problems.push({ path: ['rule', 'task'], message: 'a cancelled message makes no task' });
  if (r.data.action === 'cancel' && r.data.resolvesOn)
    problems.push({ path: ['rule', 'resolvesOn'], message: 'only a held message resolves' });
  if (problems.length) throw invalidInput('The guard rule is not valid', problems);
  return r.data;
}

const toRecord = (r: store.SavedGuardRule): GuardRuleRecord => ({
  id: r.id,
  name: r.name,
  description: r.description,
  enabled: r.enabled,
  builtIn: r.builtIn,
  rule: r.rule,
  updatedAt: r.updatedAt.toISOString(),
});

const cacheMs = 5000;
const cache = new Map<string, { at: number; rules: Promise<GuardRuleRecord[]> }>();

/** Adds the built-in rules the workspace has never had. */
async function ensureBuiltIns(db: Db, workspaceId: string, now: Date): Promise<void> {
  const made = await store.builtInsMade(db, workspaceId);
  const missing = builtInRules.filter((b) => !made.has(b.key));
  await store.insertGuardRules(
    db,
    missing.map((b, i) => ({
      workspaceId,
      id: uuidv7(now.getTime() + i),
      name: b.name,
      description: b.description,
      rule: b.rule,
      builtIn: b.key,
      createdAt: new Date(now.getTime() + i),
      updatedAt: now,
    })),
  );
}

export async function listGuardRules(db: Db, workspaceId: string, now: Date): Promise<GuardRuleRecord[]> {
  await ensureBuiltIns(db, workspaceId, now);
  return (await store.listGuardRules(db, workspaceId)).map(toRecord);
}

/** The enabled rules, in the order they are checked; remembered for a few seconds. */
export function enabledGuardRules(db: Db, workspaceId: string, now: Date): Promise<GuardRuleRecord[]> {
  const hit = cache.get(workspaceId);
  if (hit && now.getTime() - hit.at < cacheMs && now.getTime() >= hit.at) return hit.rules;
  if (cache.size > 10_000) cache.clear();
  const rules = listGuardRules(db, workspaceId, now).then((all) => all.filter((r) => r.enabled));
  rules.catch(() => cache.delete(workspaceId));
  cache.set(workspaceId, { at: now.getTime(), rules });
  return rules;
}

export const forgetGuardRules = (workspaceId: string) => cache.delete(workspaceId);

export async function createGuardRule(db: Db, workspaceId: string, now: Date, input: GuardRuleInput): Promise<GuardRuleRecord> {
  const rule = parseGuardRule(input.rule);
  await ensureBuiltIns(db, workspaceId, now);
  const id = uuidv7(now.getTime());
  await store.insertGuardRules(db, [
    {
      workspaceId,
      id,
      name: input.name,
      description: input.description ?? null,
      enabled: input.enabled,
      rule,
      builtIn: null,
      createdAt: now,
      updatedAt: now,
    },
  ]);
  forgetGuardRules(workspaceId);
  return toRecord((await store.findGuardRule(db, workspaceId, id))!);
}

export async function changeGuardRule(db: Db, workspaceId: string, id: string, now: Date, patch: GuardRulePatch): Promise<GuardRuleRecord> {
  const rule = patch.rule === undefined ? undefined : parseGuardRule(patch.rule);
  const set = {
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
    ...(rule ? { rule } : {}),
    updatedAt: now,
  };
  if (!isUuid(id) || !(await store.updateGuardRule(db, workspaceId, id, set))) throw notFound('The guard rule');
  forgetGuardRules(workspaceId);
  return toRecord((await store.findGuardRule(db, workspaceId, id))!);
}

export async function deleteGuardRule(db: Db, workspaceId: string, id: string, now: Date): Promise<void> {
  if (!isUuid(id) || !(await store.updateGuardRule(db, workspaceId, id, { deletedAt: now, updatedAt: now }))) {
    throw notFound('The guard rule');
  }
  forgetGuardRules(workspaceId);
}
