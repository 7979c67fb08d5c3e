// Oops to wow in 24 hours, in the demo (seed 001): every low answer of the demo's months opens a
// case at the moment of the answer, and staff work it, most within the day, some only after the
// clock has run out; a few days after the fix the customer gets the follow-up survey and most
// answer it. The recent cases are still open, and five reports staff made by hand in the last
// day and a half put an open case at every point of the clock: fresh, past 50 %, past 80 %,
// breached. All deterministic by seed (every choice is drawn from the answer's idempotency key).
import type { RecoverySettings } from '../../contract/cases.ts';
import type { StepInput } from '../../contract/playbook.ts';
import type { Survey } from '../../contract/surveys.ts';
import { answerOops } from '../domain/signals/answers.ts';
import { clockPoints, type BusinessHours } from '../domain/recovery/case-clock.ts';
import type { Clock } from '../domain/core/clock.ts';
import { reportOops } from '../domain/recovery/cases.ts';
import { resolveCustomerId } from '../domain/core/customers.ts';
import { caseScript, followUpReasons } from './case-texts.ts';
import { D, H, keyedDice, workHours } from './kit.ts';
import type { CasePlan, DemoDeps, Move } from './timeline.ts';

export interface LowAnswer {
  /** The answer's idempotency key: stable from run to run, unlike its id. */
  key: string;
  responseId: string;
  customerId: string;
  survey: Survey;
  score: number;
  reason: string | null;
  at: number;
}

export interface RecoveryContext {
  seed: number;
  settings: RecoverySettings;
  followUpSurveyId: string;
  departments: Map<string, { id: string }>;
  /** The manager who approves restitution (an agent may not approve their own). */
  approverId?: string;
}

const ticks = (c: RecoveryContext, oopsAt: number, until = Infinity): Move[] => {
  const p = clockPoints(new Date(oopsAt), c.settings.targetHours, (c.settings.businessHours as BusinessHours | null) ?? null);
  return [p.remind, p.escalate, p.due].map((t) => t.getTime()).flatMap((at) => (at < until ? [{ at, tick: true as const }] : []));
};

/** A case from each low answer; a second low answer while the first case is open joins it. */
export function answerCasePlans(d: DemoDeps, c: RecoveryContext, answers: LowAnswer[]): CasePlan[] {
  const plans: CasePlan[] = [];
  const openUntil = new Map<string, { plan: CasePlan; until: number }>();
  for (const a of [...answers].sort((x, y) => x.at - y.at || x.key.localeCompare(y.key))) {
    const oops = answerOops(a.survey, {
      customerId: a.customerId,
      responseId: a.responseId,
      score: a.score,
      reason: a.reason,
      at: new Date(a.at),
    });
    const report = { ...oops, departmentId: a.survey.departmentId ?? c.departments.get('support')?.id ?? null };
    const open = (clock: Clock) => reportOops({ db: d.db, clock }, d.workspaceId, report);
    const current = openUntil.get(a.customerId);
    if (current && current.until > a.at) {
      current.plan.moves.push({ at: a.at, oops: open });
      continue;
    }
    const { plan, until } = answerPlan(c, a, oops.summary, open);
    plans.push(plan);
    openUntil.set(a.customerId, { plan, until });
  }
  return plans;
}

function answerPlan(c: RecoveryContext, a: LowAnswer, summary: string, open: CasePlan['open']) {
  const x = keyedDice(c.seed, a.key);
  const s = caseScript(a.survey.kind, a.reason);
  const quick = x.next() < 0.62;
  const ack = quick ? workHours(a.at + x.between(0.15, 2.5) * H, x) : workHours(a.at + x.between(7, 22) * H, x);
  const apologise = ack + (quick ? x.between(0.1, 1.2) : x.between(0.5, 8)) * H;
  const investigate = apologise + (quick ? x.between(0.3, 3) : x.between(2, 20)) * H;
  const fix = quick ? investigate + x.between(0.5, 5) * H : Math.max(investigate + x.between(2, 30) * H, a.at + x.between(25, 40) * H);
  const ask = fix + x.between(0.1, 1.5) * H;
  const restitution = ask + x.between(0.1, 1) * H;
  const followUp = workHours(fix + c.settings.followUpDays * D, x);
  const answers = x.next() < (quick ? 0.8 : 0.6);
  const answeredAt = followUp + x.between(1, 30) * H;
  const close = workHours(answers ? answeredAt + x.between(0.5, 8) * H : followUp + 4 * D, x);
  const step = (at: number, input: StepInput): Move => ({ at, step: input });
  const moves: Move[] = [
    ...ticks(c, a.at, fix),
    step(ack, { step: 'acknowledge', message: s.ack }),
    step(apologise, { step: 'apologise', message: s.apology }),
    s.rootCause
      ? step(investigate, { step: 'investigate', rootCause: s.rootCause })
      : { at: investigate, skip: 'investigate', reason: s.noCause ?? 'A one-off: nothing systemic behind it.' },
    step(fix, { step: 'fix', note: s.fix }),
    step(ask, { step: 'ask', ...s.ask }),
    s.restitution
      ? step(restitution, {
          step: 'restitution',
          what: s.restitution.what,
          ...(s.restitution.wow ? { wow: s.restitution.wow } : {}),
          cost: { amount: s.restitution.cost, currency: 'EUR' },
          ...(c.approverId ? { approvedBy: c.approverId } : {}),
        })
      : { at: restitution, skip: 'restitution', reason: 'The customer asked for nothing more than the fix.' },
    step(followUp, { step: 'follow_up', surveyId: c.followUpSurveyId, sendAt: new Date(followUp).toISOString(), channel: 'email' }),
    ...(answers
      ? [
          {
            at: answeredAt,
            answer: {
              score: quick ? x.weighted(7, [1, 2, 4, 4]) : x.weighted(7, [4, 4, 2]),
              ...(x.next() < 0.6 ? { reason: x.pick(quick ? followUpReasons.quick : followUpReasons.slow) } : {}),
            },
          },
        ]
      : []),
    { at: close, close: answers ? 'Followed up; the customer answered the re-survey.' : 'Followed up; no answer to the re-survey.' },
  ];
  return { plan: { at: a.at, summary, open, moves }, until: close };
}

const ack = (message: string): StepInput => ({ step: 'acknowledge', message });
const apologise = (message: string): StepInput => ({ step: 'apologise', message });

/** Reports staff made by hand in the last day and a half: hours before now, and steps in hours after the oops. */
const byHand: {
  age: number;
  reportedAfter: number;
  department: string;
  owner: string;
  by: string;
  severity?: 'high';
  /** A customer whose timeline has this event, when there is one. */
  has: string;
  summary: string;
  steps: [number, StepInput][];
}[] = [
  {
    age: 0.75,
    reportedAfter: 0.25,
    department: 'support',
    owner: 'tom.becker@kept.local',
    by: 'tom.becker@kept.local',
    severity: 'high',
    has: 'order.delivered',
    summary: 'Hub lost all its settings after last night’s update: the alarm is off',
    steps: [],
  },
  {
    age: 5,
    reportedAfter: 1.5,
    department: 'field-service',
    owner: 'sofia.rossi@kept.local',
    by: 'sofia.rossi@kept.local',
    has: 'service.visit_scheduled',
    summary: 'Technician did not come in the 08:00-12:00 window; the customer had taken the morning off',
    steps: [
      [
        2,
        ack(
          'Hello {customerName}, nobody came this morning and that is our fault. I am finding you a new slot and will call you within the hour.',
        ),
      ],
    ],
  },
  {
    age: 14,
    reportedAfter: 0.5,
    department: 'billing',
    owner: 'lina.haddad@kept.local',
    by: 'maya.fischer@kept.local',
    has: 'subscription.started',
    summary: 'Monitoring plan charged twice this month',
    steps: [
      [1, ack('Hello {customerName}, I can see the two charges. I am having the second one returned and will confirm when it is done.')],
      [
        1.5,
        apologise(
          'Dear {customerName},\n\nWe took your monthly payment twice. That is our billing error, not something you did, and I am sorry. ' +
            'The second payment is on its way back to you.\n\n{staffName}, {company}',
        ),
      ],
    ],
  },
  {
    age: 21,
    reportedAfter: 3,
    department: 'logistics',
    owner: 'jonas.berg@kept.local',
    by: 'tom.becker@kept.local',
    has: 'order.shipped',
    summary: 'Parcel shown as delivered, but the customer never got it',
    steps: [
      [
        4,
        ack(
          'Hello {customerName}, the tracking says delivered and you have nothing. I have opened a claim with the carrier and will update you today.',
        ),
      ],
      [
        4.5,
        apologise(
          'Dear {customerName},\n\nWe told you your parcel was delivered when it was not. We chose the carrier and we sent that message, ' +
            'so it is our mistake, and I am sorry.\n\n{staffName}, {company}',
        ),
      ],
      [6, { step: 'investigate', rootCause: 'The carrier’s delivery photo shows another front door; claim opened with the carrier.' }],
    ],
  },
  {
    age: 31,
    reportedAfter: 4,
    department: 'support',
    owner: 'tom.becker@kept.local',
    by: 'maya.fischer@kept.local',
    severity: 'high',
    has: 'ticket.opened',
    summary: 'Promised call-back about a camera that keeps going offline never came',
    steps: [
      [27, ack('Hello {customerName}, you were promised a call and it never came. I am sorry. I will call you myself this afternoon.')],
    ],
  },
];

/** The demo's customers in order, with the event types on their timelines and whether a low answer already gives them a case. */
export interface Candidate {
  externalId: string;
  types: Set<string>;
  taken: boolean;
}

/** The open cases staff reported by hand, one at each point of the clock. */
export function clockCasePlans(d: DemoDeps, c: RecoveryContext, candidates: Candidate[]): CasePlan[] {
  const free = candidates.filter((x) => !x.taken);
  return byHand.flatMap((h, i) => {
    const who = free.find((x) => x.types.has(h.has)) ?? free[0];
    if (!who) return [];
    free.splice(free.indexOf(who), 1);
    const oopsAt = d.now - h.age * H;
    const plan: CasePlan = {
      at: oopsAt + h.reportedAfter * H,
      summary: h.summary,
      async open(clock) {
        const customerId = await resolveCustomerId(d.db, clock, d.workspaceId, { customer: { externalId: who.externalId } });
        return reportOops({ db: d.db, clock }, d.workspaceId, {
          kind: 'manual',
          customerId,
          occurredAt: new Date(oopsAt),
          summary: h.summary,
          severity: h.severity,
          departmentId: c.departments.get(h.department)?.id ?? null,
          ownerId: d.staff.get(h.owner)?.id ?? null,
          byUser: d.staff.get(h.by)?.id ?? null,
          dedupeKey: `demo:${c.seed}:by-hand:${i}`,
        });
      },
      moves: [...ticks(c, oopsAt), ...h.steps.map(([after, step]): Move => ({ at: oopsAt + after * H, step }))],
    };
    return [plan];
  });
}
