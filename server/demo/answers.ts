// The demo's surveys and their answers, derived from the demo's stories so the dashboard tells
// the same tale as the timelines: a delayed parcel gets a poorer delivery CSAT, a customer with
// a missed visit or a payment reminder is less likely to recommend. Deterministic by seed;
// every answer has a stable idempotency key, so loading the demo twice adds nothing.
import type { EventInput } from '../../contract/events.ts';
import type { SurveyInput } from '../../contract/surveys.ts';
import type { ResponseImport } from '../../contract/answers.ts';
import { H, mulberry32, weighted as draw } from './kit.ts';

type Kind = 'nps' | 'csat' | 'ces';

export const demoSurveys: {
  kind: Kind;
  input: Omit<SurveyInput, 'departmentId'>;
  department?: string;
  trigger?: { eventType: string; delayHours: number };
}[] = [
  {
    kind: 'csat',
    input: {
      kind: 'csat',
      name: 'Delivery CSAT',
      askReason: true,
      questions: [],
      texts: {},
      defaultLocale: 'en',
      brand: { name: 'Brightline Home', colour: '#0e7490' },
      samplePercent: 100,
    },
    department: 'logistics',
    trigger: { eventType: 'order.delivered', delayHours: 24 },
  },
  {
    kind: 'nps',
    input: {
      kind: 'nps',
      name: 'Relationship NPS',
      askReason: true,
      questions: [],
      texts: {},
      defaultLocale: 'en',
      brand: { name: 'Brightline Home', colour: '#0e7490' },
      samplePercent: 100,
    },
  },
  {
    kind: 'ces',
    input: {
      kind: 'ces',
      name: 'Support CES',
      askReason: true,
      questions: [],
      texts: {},
      defaultLocale: 'en',
      brand: { name: 'Brightline Home', colour: '#0e7490' },
      samplePercent: 100,
    },
    department: 'support',
    trigger: { eventType: 'ticket.resolved', delayHours: 2 },
  },
];

const reasons: Record<Kind, { low: string[]; mid: string[]; high: string[] }> = {
  csat: {
    low: ['The parcel came days late and nobody told me why.', 'Box was damaged on arrival.', 'The driver left it at the wrong door.'],
    mid: ['Arrived, but later than the date you gave.', 'Fine, the tracking was confusing.'],
    high: ['Quick delivery, friendly driver.', 'Arrived a day early, well packed.', 'Exactly when promised.'],
  },
  nps: {
    low: [
      'Too many small problems: late parcels, a missed visit.',
      'Support is slow and I had to repeat myself.',
      'Billing sent a reminder for an invoice I had paid.',
    ],
    mid: ['Good products, delivery could be better.', 'It does the job.'],
    high: [
      'Great thermostat and the team actually listens.',
      'Everything just works, and support is kind.',
      'I already recommended you to my sister.',
    ],
  },
  ces: {
    low: ['I had to call three times.', 'Nobody owned my problem.'],
    mid: ['Solved, but it took a while.'],
    high: ['One message and it was sorted.', 'Easy: the agent knew my order right away.'],
  },
};

function reason(r: () => number, kind: Kind, score: number): string | undefined {
  if (r() < 0.35) return undefined; // many people skip the open question
  const band =
    kind === 'nps'
      ? score <= 6
        ? 'low'
        : score <= 8
          ? 'mid'
          : 'high'
      : kind === 'csat'
        ? score <= 2
          ? 'low'
          : score === 3
            ? 'mid'
            : 'high'
        : score <= 3
          ? 'low'
          : score <= 5
            ? 'mid'
            : 'high';
  const list = reasons[kind][band];
  return list[Math.floor(r() * list.length)];
}

/** Answers to the demo surveys, from the demo's events; none later than `now`. */
export function demoAnswers(events: EventInput[], seed: number, now: Date, surveyIds: Record<Kind, string>): ResponseImport[] {
  const byCustomer = new Map<string, EventInput[]>();
  for (const e of events) {
    const id = e.customer.externalId!;
    let list = byCustomer.get(id);
    if (!list) byCustomer.set(id, (list = []));
    list.push(e);
  }
  const out: ResponseImport[] = [];
  let n = 0;
  for (const [externalId, list] of byCustomer) {
    const r = mulberry32(seed ^ Math.imul(++n, 0x9e3779b1));
    const at = (t: number) => new Date(Math.min(Math.floor(t), now.getTime() - 60_000)).toISOString();
    const add = (kind: Kind, key: string, when: number, score: number) => {
      if (when > now.getTime()) return;
      const text = reason(r, kind, score);
      out.push({
        surveyId: surveyIds[kind],
        customer: { externalId },
        score,
        ...(text ? { reason: text } : {}),
        answers: {},
        answeredAt: at(when),
        source: 'demo',
        idempotencyKey: `demo:${seed}:${kind}:${key}`,
      });
    };
    const delayedOrders = new Set(list.filter((e) => e.type === 'delivery.delayed').map((e) => String(e.data.orderId)));
    const troubles = list.filter((e) => ['delivery.delayed', 'service.visit_missed', 'payment.reminder_sent'].includes(e.type)).length;
    for (const e of list) {
      const t = Date.parse(e.occurredAt);
      if (e.type === 'order.delivered' && r() < 0.35) {
        const late = delayedOrders.has(String(e.data.orderId));
        add('csat', e.idempotencyKey!, t + 24 * H + r() * 48 * H, draw(r, 1, late ? [15, 25, 30, 20, 10] : [4, 6, 12, 32, 46]));
      }
      if (e.type === 'ticket.resolved' && r() < 0.4)
        add('ces', e.idempotencyKey!, t + 2 * H + r() * 46 * H, draw(r, 1, [3, 5, 8, 10, 18, 30, 26]));
    }
    if (r() < 0.55) {
      const first = Date.parse(list.map((e) => e.occurredAt).sort()[0]!);
      const weights =
        troubles === 0
          ? [1, 1, 1, 1, 2, 3, 4, 8, 14, 30, 35]
          : troubles === 1
            ? [3, 3, 4, 5, 6, 8, 10, 14, 16, 16, 15]
            : [8, 8, 9, 10, 10, 12, 12, 10, 8, 7, 6];
      add('nps', externalId, first + 7 * 24 * H + r() * Math.max(0, now.getTime() - first - 7 * 24 * H), draw(r, 0, weights));
    }
  }
  return out;
}
