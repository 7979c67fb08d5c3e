// Demo data: the customers of Brightline Home, a made-up shop for smart-home devices with a
// monitoring plan (demo-company.ts), and months of their stories told as events across departments.
// Pure and deterministic: the same seed tells the same stories; times are relative to `now`,
// and nothing happens after it. Each event carries a stable idempotency key
// (`demo:<seed>:<customer>.<n>`), so loading the demo again stores nothing twice.
import type { CustomerRef, EventInput } from '../../contract/events.ts';
import {
  agents,
  carriers,
  everydayTickets,
  firstNames,
  lastNames,
  mailDomains,
  plans,
  products,
  technicians,
  type DepartmentKey,
} from './company.ts';
import { D, Dice, H, mulberry32, Story, utcDay as day, workHours } from './kit.ts';

const money = (cents: number) => ({ amount: (cents / 100).toFixed(2), currency: 'EUR' });
function trackingNumber(carrier: (typeof carriers)[number], d: Dice): string {
  if (carrier === 'UPS') return `1Z${d.chars(6)}${d.digits(10)}`;
  if (carrier === 'PostNL') return `3S${d.chars(4, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')}${d.digits(9)}`;
  return d.digits(carrier === 'DHL' ? 10 : carrier === 'DPD' ? 14 : 11);
}

/** The demo's customers, in order: customer i is the same whatever the count. */
export function demoCustomers(seed: number, count: number): Required<CustomerRef>[] {
  const taken = new Set<string>();
  const plain = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z]/g, '')
      .toLowerCase();
  return Array.from({ length: count }, (_, i) => {
    const d = new Dice(mulberry32(seed ^ Math.imul(i + 1, 0x9e3779b1)));
    const [first, last] = [d.pick(firstNames), d.pick(lastNames)];
    const [f, l] = [plain(first), plain(last)];
    const local = d.pick([`${f}.${l}`, `${f}.${l}`, `${f}${l}`, `${f[0]}.${l}`, `${f}${d.int(1, 99)}`]);
    const domain = d.pick(mailDomains);
    let email = `${local}@${domain}`;
    for (let n = 2; taken.has(email); n++) email = `${local}${n}@${domain}`;
    taken.add(email);
    return {
      externalId: `cus_${d.chars(14, 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789')}`,
      email,
      name: `${first} ${last}`,
      attributes: { plan: d.pick(['basic', 'basic', 'plus', 'plus', 'pro']), region: d.pick(['north', 'south', 'east', 'west']) },
      locale: d.pick(['en', 'en', 'en', 'fr', 'de']),
    };
  });
}

export interface DemoOptions {
  seed: number;
  customers: number;
  months: number;
  now: Date;
}

/** Every customer's story, customer by customer. */
export function demoEvents(o: DemoOptions): EventInput[] {
  return demoCustomers(o.seed, o.customers).flatMap((customer, i) => customerStory(o, i, customer));
}

function customerStory(o: DemoOptions, i: number, customer: CustomerRef): EventInput[] {
  const now = o.now.getTime();
  const d = new Dice(mulberry32(Math.imul(o.seed, 0x2545f491) ^ Math.imul(i + 7, 0x85ebca6b)));
  const s = new Story<DepartmentKey>(customer, `demo:${o.seed}:${i}`, now);
  const window = o.months * 30 * D;
  const joined = now - window + d.next() ** 1.5 * window * 0.9;

  const first = order(s, d, joined, true);
  if (d.chance(0.7)) subscription(s, d, first.deliveredAt + d.between(2 * H, 3 * D), o.months + 1);
  for (let t = first.deliveredAt; d.chance(0.3);) everydayTicket(s, d, (t += d.between(3 * D, 40 * D)));
  for (let t = first.deliveredAt; d.chance(0.4);) order(s, d, (t += d.between(10 * D, 60 * D)), false);
  return s.events;
}

function order(s: Story<DepartmentKey>, d: Dice, at: number, first: boolean) {
  const count = first ? d.int(1, 3) : 1;
  const pool = first ? products : products.filter((p) => p.price < 10000);
  const items = [...new Set(Array.from({ length: count }, () => d.pick(pool)))].map((p) => ({
    ...p,
    quantity: p.price < 5000 ? d.int(1, 3) : 1,
  }));
  const total = items.reduce((sum, p) => sum + p.price * p.quantity, 0);
  const orderId = `ORD-${d.digits(6)}`;
  const thermostat = items.some((p) => p.sku === 'THM-T3');
  // Thermostat lots; the care range's production batches are B-xx (demo-cast.ts).
  const batch = thermostat ? d.pick(['T3-2417', 'T3-2418', 'T3-2418', 'T3-2419']) : undefined;
  s.add(at, 'sales', 'order.placed', {
    orderId,
    channel: d.pick(['web', 'web', 'web', 'app', 'phone']),
    product: items[0]!.name,
    items: items.map((p) => ({ sku: p.sku, name: p.name, quantity: p.quantity, unitPrice: money(p.price).amount })),
    ...money(total),
    ...(batch ? { batch } : {}),
  });
  const invoiceId = `INV-${new Date(at).getUTCFullYear()}-${d.digits(6)}`;
  const invoicedAt = at + d.between(60_000, 20 * 60_000);
  s.add(invoicedAt, 'billing', 'invoice.issued', { invoiceId, orderId, ...money(total), dueDate: day(invoicedAt + 14 * D) });
  payment(s, d, invoiceId, total, invoicedAt);

  const packedAt = workHours(at + d.between(3 * H, 30 * H), d);
  s.add(packedAt, 'warehouse', 'order.packed', { orderId, warehouse: 'Tilburg DC', parcels: items.length > 2 ? 2 : 1 });
  const shippedAt = workHours(packedAt + d.between(H, 8 * H), d);
  const carrier = d.pick(carriers);
  const tracking = { carrier, trackingNumber: trackingNumber(carrier, d) };
  s.add(shippedAt, 'logistics', 'order.shipped', { orderId, ...tracking, service: d.chance(0.2) ? 'express' : 'standard' });
  const eta = shippedAt + d.between(D, 3 * D);
  const delayed = d.chance(0.12);
  let deliveredAt = workHours(eta, d);
  // The day promised at checkout is the day the carrier would deliver on time (an evening ETA is
  // the next working morning), so only delayed parcels break the basic "delivered by the promised date".
  const promisedDay = day(deliveredAt);
  if (delayed) {
    deliveredAt = workHours(eta + d.between(D, 4 * D), d);
    const reason = d.pick(['sorting centre backlog', 'storm in the region', 'address could not be found', 'vehicle breakdown']);
    s.add(eta - d.between(2 * H, 10 * H), 'logistics', 'delivery.delayed', { orderId, ...tracking, reason, newEta: day(deliveredAt) });
    if (d.chance(0.5))
      ticket(
        s,
        d,
        eta + d.between(2 * H, D),
        `Where is my order ${orderId}?`,
        deliveredAt + d.between(H, 6 * H),
        'Explained the carrier delay; parcel delivered',
        { orderId },
      );
  }
  s.add(deliveredAt, 'logistics', 'order.delivered', {
    orderId,
    ...tracking,
    proofOfDelivery: d.pick(['signature', 'photo', 'neighbour']),
    promisedBy: `${promisedDay}T23:59:59.000Z`,
  });

  if (batch && d.chance(batch === 'T3-2418' ? 0.7 : 0.05)) {
    const openedAt = deliveredAt + d.between(2 * D, 12 * D);
    const replacement = carriers[0];
    const replacedAt = workHours(openedAt + d.between(4 * H, 2 * D), d);
    s.add(replacedAt, 'logistics', 'replacement.shipped', {
      orderId,
      sku: 'THM-T3',
      product: 'Smart Thermostat T3',
      batch: 'T3-2421',
      carrier: replacement,
      trackingNumber: trackingNumber(replacement, d),
    });
    ticket(
      s,
      d,
      openedAt,
      'Smart Thermostat T3 keeps restarting',
      replacedAt + d.between(D, 3 * D),
      'Replacement from lot T3-2421 installed; working',
      { orderId, product: 'Smart Thermostat T3', batch, category: 'defect' },
    );
  }
  if (items.some((p) => p.sku === 'DBL-D2' || p.sku === 'HUB-2-WHT') && d.chance(0.35)) installation(s, d, deliveredAt);
  return { deliveredAt };
}

function payment(s: Story<DepartmentKey>, d: Dice, invoiceId: string, cents: number, invoicedAt: number) {
  const method = d.pick(['card', 'iDEAL', 'SEPA direct debit', 'PayPal']);
  if (d.chance(0.04)) {
    s.add(invoicedAt + d.between(H, 2 * D), 'billing', 'payment.failed', {
      invoiceId,
      ...money(cents),
      method,
      reason: d.pick(['card expired', 'insufficient funds']),
    });
    s.add(invoicedAt + d.between(3 * D, 9 * D), 'billing', 'payment.received', { invoiceId, ...money(cents), method: 'card' });
  } else if (d.chance(0.08)) {
    s.add(invoicedAt + 15 * D, 'billing', 'payment.reminder_sent', { invoiceId, ...money(cents), reminder: 1 });
    s.add(invoicedAt + d.between(16 * D, 30 * D), 'billing', 'payment.received', { invoiceId, ...money(cents), method });
  } else {
    s.add(invoicedAt + d.between(5 * 60_000, 5 * D), 'billing', 'payment.received', { invoiceId, ...money(cents), method });
  }
}

function ticket(
  s: Story<DepartmentKey>,
  d: Dice,
  openedAt: number,
  subject: string,
  resolvedAt: number,
  resolution: string,
  extra: Record<string, unknown> = {},
) {
  const ticketId = `T-${d.digits(5)}`;
  s.add(openedAt, 'support', 'ticket.opened', {
    ticketId,
    subject,
    channel: d.pick(['email', 'phone', 'chat']),
    priority: d.pick(['normal', 'normal', 'high']),
    ...extra,
  });
  if (d.chance(0.92)) s.add(resolvedAt, 'support', 'ticket.resolved', { ticketId, resolution, handledBy: d.pick(agents) });
}

function everydayTicket(s: Story<DepartmentKey>, d: Dice, at: number) {
  const [subject, resolution] = d.pick(everydayTickets);
  ticket(s, d, at, subject, at + d.between(H, 3 * D), resolution);
}

function installation(s: Story<DepartmentKey>, d: Dice, deliveredAt: number) {
  const appointmentId = `APT-${d.digits(5)}`;
  const technician = d.pick(technicians);
  const visit = Math.floor((deliveredAt + d.between(2 * D, 9 * D)) / D) * D + d.pick([8, 10, 13, 15]) * H;
  s.add(deliveredAt + d.between(H, D), 'field-service', 'service.visit_scheduled', {
    appointmentId,
    scheduledFor: new Date(visit).toISOString(),
    technician,
    job: 'installation',
  });
  const missed = d.chance(0.1);
  if (missed)
    s.add(visit + 2 * H, 'field-service', 'service.visit_missed', {
      appointmentId,
      technician,
      reason: d.pick(['technician running late', 'customer not at home']),
    });
  s.add(visit + (missed ? d.int(2, 5) * D : 0) + d.between(45 * 60_000, 2 * H), 'field-service', 'service.visit_completed', {
    appointmentId,
    technician,
    durationMinutes: d.int(35, 110),
  });
}

function subscription(s: Story<DepartmentKey>, d: Dice, startedAt: number, months: number) {
  const plan = d.pick(plans);
  const subscriptionId = `SUB-${d.digits(6)}`;
  s.add(startedAt, 'sales', 'subscription.started', {
    subscriptionId,
    plan: plan.name,
    monthlyPrice: money(plan.price).amount,
    currency: 'EUR',
  });
  const cancelledAt = d.chance(0.15) ? startedAt + d.between(20 * D, 100 * D) : Infinity;
  for (let t = startedAt + 30 * D; t <= Math.min(startedAt + months * 30 * D, cancelledAt); t += 30 * D) {
    const invoiceId = `INV-${new Date(t).getUTCFullYear()}-${d.digits(6)}`;
    s.add(t, 'billing', 'invoice.issued', {
      invoiceId,
      subscriptionId,
      period: new Date(t).toISOString().slice(0, 7),
      ...money(plan.price),
      dueDate: day(t + 14 * D),
    });
    payment(s, d, invoiceId, plan.price, t);
  }
  if (cancelledAt === Infinity) return;
  s.add(cancelledAt, 'sales', 'service.cancelled', {
    subscriptionId,
    plan: plan.name,
    reason: d.pick(['moving house', 'too expensive', 'switching provider', 'not using it']),
  });
  const carrier = d.pick(carriers);
  const tracking = { carrier, trackingNumber: trackingNumber(carrier, d) };
  const shippedAt = cancelledAt + d.between(2 * D, 10 * D);
  s.add(shippedAt, 'logistics', 'equipment.return_shipped', {
    subscriptionId,
    returnId: `RMA-${d.digits(5)}`,
    items: ['Brightline Hub 2'],
    ...tracking,
  });
  const deliveredAt = workHours(shippedAt + d.between(D, 5 * D), d);
  // The carrier's delivery of the return, in the words the outbox's guard rules know.
  s.add(deliveredAt, 'logistics', 'shipment.delivered', {
    subscriptionId,
    ...tracking,
    direction: 'return',
    deliveredTo: 'Tilburg DC returns',
    condition: d.chance(0.9) ? 'good' : 'damaged',
  });
  s.add(deliveredAt + d.between(D, 3 * D), 'billing', 'refund.issued', {
    subscriptionId,
    ...money(4900),
    reason: 'equipment deposit returned',
  });
}
