// Earned Growth and the basics in the demo: the reporting currency, the events that carry money
// (payments, refunds negated), referrals on sign-up events for some of the newest customers, and
// the basic "delivered by the promised date". The basic is named after the months of history are
// stored (a basic applies to events that arrive from then on; its rates read the history), then
// one more late delivery arrives and is reported as an oops: its case opens when Kept starts.
import type { EventInput } from '../../contract/events.ts';
import type { Department } from '../../contract/departments.ts';
import type { Db } from '../storage/database.ts';
import type { Clock } from '../domain/core/clock.ts';
import { recordEvents } from '../domain/core/events.ts';
import { listBasics, saveBasic } from '../domain/measurement/basics.ts';
import { saveGrowthSettings, saveRevenueMapping } from '../domain/measurement/revenue.ts';
import { D, H, keyedDice } from './kit.ts';

export const lateDeliveryBasic = 'Delivered by the promised date';

export interface GrowthLoaded {
  referred: number;
  signUps: number;
  basicBrokenNow: number;
}

export async function loadGrowthDemo(
  db: Db,
  clock: Clock,
  o: { workspaceId: string; seed: number; now: Date; events: EventInput[]; departments: Map<string, Department> },
): Promise<GrowthLoaded> {
  await saveGrowthSettings(db, clock, o.workspaceId, {
    reportingCurrency: 'EUR',
    acquisitionEvents: [{ eventType: 'customer.signed_up', path: 'channel', earnedValues: ['referral', 'recommendation'] }],
  });
  for (const eventType of ['payment.received', 'refund.issued']) {
    await saveRevenueMapping(db, clock, o.workspaceId, {
      eventType,
      amountPath: 'amount',
      amountUnit: 'major',
      currencyPath: 'currency',
      negate: eventType === 'refund.issued',
    });
  }

  // A sign-up event for every customer at their first event; about one in four came by referral.
  const first = new Map<string, EventInput>();
  for (const e of o.events) {
    const id = e.customer.externalId!;
    const seen = first.get(id);
    if (!seen || e.occurredAt < seen.occurredAt) first.set(id, e);
  }
  const signUps: EventInput[] = [];
  let referred = 0;
  for (const [id, e] of first) {
    const d = keyedDice(o.seed, `signup.${id}`);
    const channel = d.chance(0.25) ? d.pick(['referral', 'recommendation']) : d.pick(['search', 'advertisement', 'social media']);
    if (channel === 'referral' || channel === 'recommendation') referred++;
    signUps.push({
      type: 'customer.signed_up',
      source: 'sales',
      customer: e.customer,
      occurredAt: new Date(Date.parse(e.occurredAt) - 60_000).toISOString(),
      idempotencyKey: `demo-growth:${o.seed}:signup.${id}`,
      data: { channel },
    });
  }
  for (let i = 0; i < signUps.length; i += 1000) await recordEvents(db, clock, o.workspaceId, signUps.slice(i, i + 1000));

  if (!(await listBasics(db, o.workspaceId)).some((b) => b.name === lateDeliveryBasic)) {
    await saveBasic(db, clock, o.workspaceId, {
      name: lateDeliveryBasic,
      kind: 'time',
      departmentId: o.departments.get('logistics')?.id ?? null,
      eventType: 'order.delivered',
      appliesWhen: [{ path: 'promisedBy', op: 'exists' }],
      keptWhen: [{ path: 'promisedBy', op: 'gte_field', value: '@occurredAt' }],
      severity: 'normal',
      enabled: true,
    });
  }
  // One delivery arrives after the basic is named, two days after the day promised: a broken basic.
  const customer = [...first.values()].at(-1)!.customer;
  const deliveredAt = Math.floor(o.now.getTime() / D) * D - D + 11 * H;
  const late = await recordEvents(db, clock, o.workspaceId, [
    {
      type: 'order.delivered',
      source: 'logistics',
      customer,
      occurredAt: new Date(deliveredAt).toISOString(),
      idempotencyKey: `demo-growth:${o.seed}:late-delivery`,
      data: {
        orderId: 'ORD-900017',
        carrier: 'DHL',
        proofOfDelivery: 'signature',
        promisedBy: `${new Date(deliveredAt - 2 * D).toISOString().slice(0, 10)}T23:59:59.000Z`,
      },
    },
  ]);
  return { referred, signUps: signUps.length, basicBrokenNow: late.filter((r) => !r.duplicate).length };
}
