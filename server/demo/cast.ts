// The demo's story customers and what happened to them before Kept heard of a problem: the
// buyers of Brightline's Argan Repair Conditioner from production batches B-41, B-42 (filled with
// henna, seed 000) and B-43, and a customer who cancelled her monitoring plan and sent the hub
// back (seed 004). Pure and deterministic by seed; times are relative to `now`, keys stable
// (`demo:<seed>:story.<who>.<n>`), so a second run stores nothing twice.
import type { CustomerRef, EventInput } from '../../contract/events.ts';
import { D, H, keyedDice, Story, utcDay as day } from './kit.ts';

export interface CastMember extends Required<Omit<CustomerRef, 'attributes'>> {
  key: string;
  attributes: Record<string, string>;
}

function member(seed: number, key: string, name: string, email: string, locale: string, plan: string): CastMember {
  const id = keyedDice(seed, key).chars(14, 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789');
  return { key, externalId: `cus_${id}`, name, email, locale, attributes: { plan, region: 'north' } };
}

export const conditioner = { sku: 'CARE-ARG-250', name: 'Argan Repair Conditioner 250 ml', price: '14.90' };

/** Who bought the conditioner, from which batch, and how many days ago. Marta complains. */
const buyers = [
  { key: 'marta', name: 'Marta Lindqvist', email: 'marta.lindqvist@example.org', locale: 'en', batch: 'B-42', daysAgo: 9 },
  { key: 'ines', name: 'Inès Moreau', email: 'ines.moreau@example.net', locale: 'fr', batch: 'B-42', daysAgo: 16 },
  { key: 'kofi', name: 'Kofi Mensah', email: 'kofi.mensah@example.com', locale: 'en', batch: 'B-42', daysAgo: 14 },
  { key: 'hannah', name: 'Hannah Weber', email: 'hannah.weber@mail.example', locale: 'de', batch: 'B-42', daysAgo: 12 },
  { key: 'pieter', name: 'Pieter Bos', email: 'pieter.bos@inbox.example', locale: 'en', batch: 'B-42', daysAgo: 11 },
  { key: 'elif', name: 'Elif Yılmaz', email: 'elif.yilmaz@example.com', locale: 'en', batch: 'B-41', daysAgo: 38 },
  { key: 'lars', name: 'Lars Nilsson', email: 'lars.nilsson@example.org', locale: 'en', batch: 'B-41', daysAgo: 31 },
  { key: 'chloe', name: 'Chloé Laurent', email: 'chloe.laurent@example.net', locale: 'fr', batch: 'B-43', daysAgo: 7 },
] as const;

export interface DemoCast {
  buyers: (CastMember & { batch: string })[];
  /** The customer whose henna jar starts the story. */
  complainant: CastMember;
  /** The customer who cancelled at the end of a billing cycle and returned the hub. */
  returning: CastMember;
}

export function demoCast(seed: number): DemoCast {
  const list = buyers.map((b) => ({ ...member(seed, b.key, b.name, b.email, b.locale, 'basic'), batch: b.batch }));
  return {
    buyers: list,
    complainant: list[0]!,
    returning: member(seed, 'rosa', 'Rosa Martens', 'rosa.martens@example.com', 'en', 'plus'),
  };
}

/** Days ago at a time of day (UTC), e.g. at(now, 6, 9.25) is six days ago at 09:15. */
export const daysAgoAt = (now: number, days: number, hour: number) => Math.floor(now / D) * D - days * D + hour * H;

/** A cast member's story: keys `demo:<seed>:story.<who>.<n>`. */
function story(seed: number, now: number, who: CastMember): Story {
  const { externalId, name, email, locale, attributes } = who; // not the cast's own fields (key, batch)
  return new Story({ externalId, name, email, locale, attributes }, `demo:${seed}:story.${who.key}`, now);
}

/** The story customers' events up to `now`. */
export function castEvents(seed: number, nowDate: Date): EventInput[] {
  const now = nowDate.getTime();
  const cast = demoCast(seed);
  const stories = cast.buyers.map((b, i) => {
    const s = story(seed, now, b);
    const placed = daysAgoAt(now, buyers[i]!.daysAgo, 10 + (i % 5) * 1.7);
    const orderId = `ORD-${String(731200 + i * 37)}`;
    s.add(placed, 'sales', 'order.placed', {
      orderId,
      channel: i % 3 ? 'web' : 'app',
      product: conditioner.name,
      sku: conditioner.sku,
      items: [{ sku: conditioner.sku, name: conditioner.name, quantity: 1, unitPrice: conditioner.price }],
      amount: conditioner.price,
      currency: 'EUR',
      batch: b.batch,
    });
    s.add(placed + 0.2 * H, 'billing', 'payment.received', { orderId, amount: conditioner.price, currency: 'EUR', method: 'card' });
    s.add(placed + 20 * H, 'logistics', 'order.shipped', {
      orderId,
      carrier: 'PostNL',
      trackingNumber: `3SBRT${String(40211 + i * 13)}`,
    });
    s.add(placed + 44 * H, 'logistics', 'order.delivered', { orderId, carrier: 'PostNL', proofOfDelivery: 'photo' });
    return s;
  });

  const r = story(seed, now, cast.returning);
  const started = daysAgoAt(now, 100, 14);
  const subscriptionId = 'SUB-580317';
  const plan = { plan: 'Monitoring Plus', amount: '12.99', currency: 'EUR' };
  r.add(started, 'sales', 'subscription.started', {
    subscriptionId,
    plan: plan.plan,
    monthlyPrice: plan.amount,
    currency: 'EUR',
    equipment: ['Brightline Hub 2'],
  });
  for (let c = 0; c < 3; c++) {
    const at = started + c * 30 * D;
    const invoiceId = `INV-${new Date(at).getUTCFullYear()}-58${String(1031 + c)}`;
    r.add(at, 'billing', 'invoice.issued', {
      invoiceId,
      subscriptionId,
      period: day(at).slice(0, 7),
      ...plan,
      dueDate: day(at + 14 * D),
    });
    r.add(at + 2 * D, 'billing', 'payment.received', { invoiceId, ...plan, method: 'SEPA direct debit' });
  }
  const cycleEnd = daysAgoAt(now, 10, 23 + 59 / 60);
  r.add(cycleEnd, 'billing', 'service.cancelled', {
    subscriptionId,
    plan: plan.plan,
    reason: 'moving abroad',
    requestedAt: new Date(cycleEnd - 16 * D).toISOString(),
    cycleEnd: new Date(cycleEnd).toISOString(),
    balance: 0,
    currency: 'EUR',
  });
  const tracking = { carrier: 'PostNL', trackingNumber: '3SBRTR0577146' };
  r.add(daysAgoAt(now, 8, 11.3), 'logistics', 'equipment.return_shipped', {
    subscriptionId,
    returnId: 'RMA-40877',
    items: ['Brightline Hub 2'],
    ...tracking,
  });
  r.add(daysAgoAt(now, 5, 14 + 2 / 60), 'logistics', 'shipment.delivered', {
    subscriptionId,
    returnId: 'RMA-40877',
    ...tracking,
    direction: 'return',
    deliveredTo: 'Tilburg DC returns',
    signedBy: 'K. de Boer',
  });
  return [...stories, r].flatMap((x) => x.events);
}
