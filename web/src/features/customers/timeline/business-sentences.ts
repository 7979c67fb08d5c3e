// The sentences of the events other systems send: orders, deliveries, returns, invoices,
// subscriptions and visits, tickets, complaints and answers.
import { itemsInWords, money, when } from './event-sentence.ts';
import { amountOf, caseRef, num0, opt, order, q, s, type Sentence } from './sentence-kit.ts';

export const businessSentences: Record<string, Sentence> = {
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
};
