// The sentences of the built-in event types, one function each: the event's data in words
// (see event-sentence.ts for money, dates, items and links). A type not listed here, or an
// event whose data lacks what its sentence needs, answers undefined and the timeline shows its
// data under readable labels instead.
import { itemsInWords, linkFor, money, when, type Part, type WordsOptions } from './event-sentence.ts';

type Data = Record<string, unknown>;
type Piece = Part | undefined | false;
type Sentence = (d: Data, o: WordsOptions) => (Piece | Piece[])[] | undefined;

const s = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : undefined);
const q = (v: unknown) => (s(v) ? `“${s(v)}”` : undefined);
const opt = (before: string, v: string | undefined, after = '') => (v ? `${before}${v}${after}` : undefined);
const amountOf = (d: Data, o: WordsOptions) => money(d.amount ?? d.total ?? d.monthlyPrice, d.currency, o);
const person = (id: unknown, o: WordsOptions) => (typeof id === 'string' ? (o.names?.people?.get(id) ?? 'a colleague') : undefined);
const department = (id: unknown, o: WordsOptions) =>
  typeof id === 'string' ? (o.names?.departments?.get(id) ?? 'a department') : undefined;
/** "case #12" as a link to the case. */
const caseRef = (d: Data): Part | undefined => {
  const href = linkFor('caseId', d.caseId);
  const label = typeof d.caseNumber === 'number' ? `case #${d.caseNumber}` : 'the case';
  return href ? { text: label, href } : typeof d.caseNumber === 'number' ? label : undefined;
};
/** " on case #12", or nothing when the event names no case. */
const on = (d: Data): Piece[] => (caseRef(d) ? [' on ', caseRef(d)] : []);
const order = (d: Data) => opt('order ', s(d.orderId)) ?? 'an order';
const by = (d: Data, o: WordsOptions) => opt(' by ', person(d.byUserId, o)) ?? (d.byUserId === null ? ' by Kept' : '');

const stepNames: Record<string, string> = {
  acknowledge: 'acknowledged the case and took responsibility',
  apologise: 'apologised',
  investigate: 'investigated the root cause',
  fix: 'fixed the problem',
  ask: 'asked what would make it right',
  restitution: 'offered restitution',
  follow_up: 'sent the follow-up survey',
};
const stepTitles: Record<string, string> = {
  acknowledge: 'Acknowledge',
  apologise: 'Apologise',
  investigate: 'Investigate',
  fix: 'Fix',
  ask: 'Ask what would make it right',
  restitution: 'Restitution',
  follow_up: 'Follow up',
};
const origins: Record<string, string> = {
  survey: 'a low survey answer',
  complaint: 'a complaint',
  manual: 'an oops reported by staff',
  proactive: 'a cause that touched this customer',
  commitment: 'a broken promise',
  contradiction: 'a contradiction between departments',
};

const sentences: Record<string, Sentence> = {
  // Orders and deliveries
  'order.placed': (d, o) => [
    `Placed ${order(d)}`,
    opt(': ', itemsInWords(d.items, o) ?? s(d.product)),
    opt(' for ', amountOf(d, o)),
    opt(' (batch ', s(d.batch), ')'),
    opt(' via ', s(d.channel)),
    '.',
  ],
  'order.paid': (d, o) => [`Paid for ${order(d)}`, opt(': ', amountOf(d, o)), '.'],
  'order.packed': (d) => [
    `Packed ${order(d)}`,
    opt(' at ', s(d.warehouse)),
    opt(' in ', s(d.parcels) && `${s(d.parcels)} parcel${s(d.parcels) === '1' ? '' : 's'}`),
    '.',
  ],
  'order.shipped': (d) => [
    `Shipped ${order(d)}`,
    opt(' with ', s(d.carrier)),
    opt(', tracking ', s(d.trackingNumber)),
    opt(' (', s(d.service), ')'),
    '.',
  ],
  'order.delivered': (d) => [`Delivered ${order(d)}`, opt(' by ', s(d.carrier)), opt('; proof of delivery: ', s(d.proofOfDelivery)), '.'],
  'order.returned': (d, o) => [
    `The customer returned ${order(d)}`,
    opt(': ', itemsInWords(d.items, o)),
    opt(' because ', s(d.reason)),
    '.',
  ],
  'delivery.delayed': (d, o) => [
    `Delivery of ${order(d)} is delayed`,
    opt(' (', s(d.reason), ')'),
    opt('; now expected on ', when(d.newEta, o)),
    '.',
  ],
  'shipment.delivered': (d) => [
    d.direction === 'return' ? 'The return shipment was delivered' : 'A shipment was delivered',
    opt(' to ', s(d.deliveredTo)),
    opt(' by ', s(d.carrier)),
    opt(', tracking ', s(d.trackingNumber)),
    opt(', signed for by ', s(d.signedBy)),
    '.',
  ],
  'replacement.shipped': (d) => [
    `Shipped a replacement ${s(d.product) ?? 'item'}`,
    opt(' for ', s(d.orderId)),
    opt(' (batch ', s(d.batch), ')'),
    opt(' with ', s(d.carrier)),
    '.',
  ],
  // Returns and refunds
  'return.received': (d, o) => [
    `Received the return`,
    opt(' ', s(d.returnId)),
    opt(' of ', s(d.orderId)),
    opt(': ', itemsInWords(d.items, o)),
    '.',
  ],
  'return_kit.shipped': (d, o) => [
    `Sent a return kit`,
    opt(' for ', itemsInWords(d.items, o)),
    opt(', tracking ', s(d.tracking ?? d.trackingNumber)),
    '.',
  ],
  'equipment.return_shipped': (d, o) => [
    `The customer shipped back`,
    ` ${itemsInWords(d.items, o) ?? 'the equipment'}`,
    opt(' (return ', s(d.returnId), ')'),
    opt(' with ', s(d.carrier)),
    opt(', tracking ', s(d.trackingNumber)),
    '.',
  ],
  'refund.issued': (d, o) => [
    `Refunded ${amountOf(d, o) ?? 'the customer'}`,
    opt(' for ', s(d.orderId ?? d.invoiceId)),
    opt(' (', s(d.reason), ')'),
    '.',
  ],
  // Invoices and payments
  'invoice.issued': (d, o) => [
    `Issued invoice ${s(d.invoiceId) ?? ''}`.trimEnd(),
    opt(' for ', amountOf(d, o)),
    opt(' (', s(d.period) ?? opt('order ', s(d.orderId)), ')'),
    opt(', due ', when(d.dueDate, o)),
    '.',
  ],
  'payment.received': (d, o) => [
    `Received a payment`,
    opt(' of ', amountOf(d, o)),
    opt(' for ', s(d.invoiceId) ?? s(d.orderId)),
    opt(' by ', s(d.method)),
    '.',
  ],
  'payment.failed': (d, o) => [
    `A payment`,
    opt(' of ', amountOf(d, o)),
    opt(' for ', s(d.invoiceId)),
    ' failed',
    opt(': ', s(d.reason)),
    '.',
  ],
  'payment.reminder_sent': (d, o) => [
    `Sent payment reminder`,
    opt(' ', s(d.reminder)),
    opt(' for ', s(d.invoiceId)),
    opt(' over ', amountOf(d, o)),
    '.',
  ],
  // Subscriptions and cancellations
  'subscription.started': (d, o) => [
    `Started the ${s(d.plan) ?? 'subscription'} plan`,
    opt(' at ', money(d.monthlyPrice ?? d.amount, d.currency, o), ' a month'),
    opt(' (', s(d.subscriptionId), ')'),
    '.',
  ],
  'service.activated': (d) => [`The service`, opt(' ', s(d.plan)), ' was activated.'],
  'service.cancelled': (d, o) => [
    `Cancelled ${s(d.plan) ? `the ${s(d.plan)} plan` : 'the service'}`,
    opt(' because of ', s(d.reason)),
    opt(', at the end of the billing cycle on ', when(d.cycleEnd, o)),
    num0(d.balance) ? `, with nothing owed` : opt(', with a balance of ', money(d.balance, d.currency, o)),
    '.',
  ],
  'service.reactivated': (d) => [`Reactivated ${s(d.plan) ? `the ${s(d.plan)} plan` : 'the service'}.`],
  'service.visit_scheduled': (d, o) => [
    `Booked ${s(d.job) ? `an ${s(d.job)}` : 'a'} visit`,
    opt(' with ', s(d.technician)),
    opt(' for ', when(d.scheduledFor, o)),
    '.',
  ],
  'service.visit_missed': (d) => [`The visit`, opt(' by ', s(d.technician)), ' was missed', opt(': ', s(d.reason)), '.'],
  'service.visit_completed': (d) => [
    `The visit was completed`,
    opt(' by ', s(d.technician)),
    opt(' in ', s(d.durationMinutes), ' minutes'),
    '.',
  ],
  // Tickets and complaints
  'ticket.opened': (d) => [
    `Opened ticket ${s(d.ticketId) ?? ''}`.trimEnd(),
    opt(': ', q(d.subject)),
    opt(' by ', s(d.channel)),
    d.priority === 'high' ? ', high priority' : undefined,
    '.',
  ],
  'ticket.resolved': (d) => [
    `Resolved ticket ${s(d.ticketId) ?? ''}`.trimEnd(),
    opt(': ', s(d.resolution)),
    opt(' (', s(d.handledBy), ')'),
    '.',
  ],
  'ticket.solved': (d) => [`Solved ticket ${s(d.ticketId) ?? ''}`.trimEnd(), opt(': ', s(d.resolution)), '.'],
  'complaint.received': (d) => [
    `Complained`,
    opt(' by ', s(d.channel)),
    opt(': ', q(d.subject ?? d.excerpt)),
    caseRef(d) ? (d.joinedCase ? '; joined ' : '; opened ') : undefined,
    caseRef(d),
    '.',
  ],
  // Answers and surveys
  'survey.invited': (d) => [`Invited to the ${s(d.surveyName) ?? 'survey'}`, opt(' by ', s(d.channel)), '.'],
  'response.created': (d) => [
    `Answered ${s(d.surveyName) ? `the ${s(d.surveyName)}` : 'a survey'}`,
    opt(' with ', s(d.score)),
    opt(': ', q(d.reason)),
    '.',
  ],
  'response.updated': (d) => [
    `Changed the answer to ${s(d.surveyName) ? `the ${s(d.surveyName)}` : 'a survey'}`,
    opt(' to ', s(d.score)),
    opt(': ', q(d.reason)),
    '.',
  ],
  'customer.unsubscribed': () => ['Unsubscribed from surveys.'],
  // Recovery cases
  'case.opened': (d, o) => [
    'Opened ',
    caseRef(d),
    opt(' ', q(d.title)),
    opt(' after ', origins[String(d.origin)]),
    opt('; owner ', person(d.ownerId, o)),
    opt(' (', department(d.departmentId, o), ')'),
    opt('; due ', when(d.dueAt, o)),
    '.',
  ],
  'case.step_completed': (d, o) => [
    person(d.byUserId, o) ?? 'Someone',
    ' ',
    stepNames[String(d.step)] ?? opt('took the step ', s(d.step)) ?? 'took a step',
    on(d),
    '.',
  ],
  'case.step_skipped': (d, o) => [
    person(d.byUserId, o) ?? 'Someone',
    ` skipped ${stepTitles[String(d.step)] ?? s(d.step) ?? 'a step'}`,
    on(d),
    opt(': ', q(d.reason)),
    '.',
  ],
  'case.reassigned': (d, o) => [
    'Handed ',
    caseRef(d),
    ' to ',
    person(d.ownerId, o) ?? 'nobody yet',
    opt(' in ', department(d.departmentId, o)),
    d.reason === 'owner_deactivated'
      ? opt(' because ', person(d.previousOwnerId, o), ' left the team')
      : opt(by(d, o).replace(/^ by /, ', by '), ''),
    '.',
  ],
  'case.escalated': (d, o) =>
    d.level === 'manager'
      ? ['Told the managers: ', caseRef(d), opt(' is at ', s(d.percent), ' % of its time'), opt(', due ', when(d.dueAt, o)), '.']
      : ['Reminded the owner: ', caseRef(d), opt(' is at ', s(d.percent), ' % of its time'), opt(', due ', when(d.dueAt, o)), '.'],
  'case.breached': (d, o) => ['The clock ran out', on(d), opt(': it was due ', when(d.dueAt, o)), '.'],
  'case.recovered': (d) => ['Recovered ', caseRef(d), opt(' ', hours(d.hoursSinceOops), ' after the oops'), '.'],
  'case.closed': (d, o) => [
    'Closed ',
    caseRef(d),
    d.reason === 'follow_up_answered'
      ? ' when the customer answered the follow-up'
      : d.reason === 'no_answer'
        ? opt(' after ', s(d.waitedDays), ' days without a follow-up answer')
        : by(d, o),
    opt(', ', hours(d.hoursSinceOops), ' after the oops'),
    d.recovered === false ? ', not recovered' : undefined,
    opt(': ', q(d.note)),
    '.',
  ],
  'case.message_sent': (d, o) => [
    person(d.byUserId, o) ?? 'Kept',
    ' wrote to the customer',
    on(d),
    opt(': ', q(d.excerpt)),
    d.emailed ? ' (e-mailed)' : undefined,
    '.',
  ],
  'case.customer_replied': (d) => ['The customer replied', on(d), opt(': ', q(d.excerpt)), '.'],
  'case.exception_requested': (d) => ['Asked to bend a rule', on(d), opt(': ', q(d.what)), '.'],
  'case.exception_approved': (d, o) => [person(d.byUserId, o) ?? 'A manager', ' approved bending a rule', on(d), opt(': ', q(d.what)), '.'],
  'case.exception_recorded': (d) => ['Bent a rule', on(d), opt(': ', q(d.what)), '.'],
  // The outbox
  'message.queued': (d) => [
    `Sent ${s(d.kind) ? `the ${s(d.kind)?.replace(/_/g, ' ')} message` : 'a message'}`,
    opt(' ', q(d.subject)),
    opt(' from ', s(d.source)),
    '.',
  ],
  'message.held': (d) => [
    `Held ${s(d.kind) ? `the ${s(d.kind)?.replace(/_/g, ' ')} message` : 'a message'}`,
    opt(' ', q(d.subject)),
    opt(' from ', s(d.source)),
    opt(': ', s(d.reason)),
    '.',
  ],
  'message.cancelled': (d, o) => [
    `Cancelled ${s(d.kind) ? `the ${s(d.kind)?.replace(/_/g, ' ')} message` : 'a message'}`,
    opt(' ', q(d.subject)),
    opt(' from ', s(d.source)),
    opt(': ', s(d.reason) ?? s(d.note)),
    d.byUserId ? by(d, o) : undefined,
    '.',
  ],
  'message.released': (d, o) => [
    `Released ${s(d.kind) ? `the ${s(d.kind)?.replace(/_/g, ' ')} message` : 'a message'}`,
    opt(' ', q(d.subject)),
    by(d, o),
    opt(': ', q(d.note)),
    '.',
  ],
  'task.closed': (d) => ['Closed the task', opt(' ', q(d.title)), opt(': ', s(d.reason) ?? s(d.note)), '.'],
  // Promises
  'commitment.made': (d, o) => [
    'Promised ',
    q(d.what) ?? 'something',
    opt(' by ', when(d.dueAt, o)),
    opt('; kept by ', person(d.ownerId, o)),
    '.',
  ],
  'commitment.kept': (d) => ['Kept the promise ', q(d.what) ?? '', opt(': ', q(d.note)), '.'],
  'commitment.broken': (d, o) => [
    'Broke the promise ',
    q(d.what) ?? '',
    opt(', due ', when(d.dueAt, o)),
    caseRef(d) ? (d.joinedCase ? '; it joined ' : '; it opened ') : undefined,
    caseRef(d),
    '.',
  ],
  'commitment.renegotiated': (d, o) => [
    'Moved the promise ',
    q(d.what) ?? '',
    opt(' from ', when(d.previousDueAt, o)),
    opt(' to ', when(d.dueAt, o)),
    opt(': ', q(d.note)),
    '.',
  ],
  'commitment.handed_over': (d, o) => ['Handed the promise ', q(d.what) ?? '', ' to ', person(d.ownerId, o) ?? 'nobody yet', '.'],
};

function num0(v: unknown): boolean {
  return (typeof v === 'number' && v === 0) || v === '0' || v === '0.00';
}
function hours(v: unknown): string | undefined {
  const h = typeof v === 'number' ? v : undefined;
  if (h === undefined) return undefined;
  return h < 48 ? `${Math.round(h * 10) / 10} hours` : `${Math.round(h / 24)} days`;
}

/** The event in one sentence, or undefined when its type has none (or its data does not fit one). */
export function sentenceOf(e: { type: string; data: Data }, o: WordsOptions = {}): Part[] | undefined {
  const make = sentences[e.type];
  if (!make) return undefined;
  const parts = make(e.data ?? {}, o);
  if (!parts) return undefined;
  const out: Part[] = [];
  for (const p of parts.flat()) {
    if (p === undefined || p === false || p === '') continue;
    const last = out[out.length - 1];
    if (typeof p === 'string' && typeof last === 'string') out[out.length - 1] = last + p;
    else out.push(p);
  }
  // Tidy: "…jar”." reads right; "..".
  const tail = out[out.length - 1];
  if (typeof tail === 'string') out[out.length - 1] = tail.replace(/\s+\./g, '.').replace(/\.\.$/, '.').replace(/ {2,}/g, ' ');
  const head = out[0];
  if (typeof head === 'string') out[0] = head.charAt(0).toUpperCase() + head.slice(1);
  return out;
}

/** The built-in types with a sentence. */
export const builtInTypes = Object.keys(sentences);

/** A sentence as plain text (links as their text): for titles, screen-reader text and tests. */
export const sentenceText = (parts: readonly Part[]) => parts.map((p) => (typeof p === 'string' ? p : p.text)).join('');
