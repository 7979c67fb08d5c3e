// The henna jar (seed 000), in the demo: Marta finds henna in her jar of Argan Repair
// Conditioner and complains on the complaint form. Within the hour her case is acknowledged and
// she has an apology from a built-in template; the root cause is recorded as the cause "Batch
// B-42 filled with henna", every other customer of the batch is contacted before they complain
// (the outreach runs to the end here, not in the worker), Marta says on her case page what would
// make it right, gets it, answers the follow-up survey, and the case closes.
import type { ApologyTemplate } from '../../contract/playbook.ts';
import { takeStep } from '../domain/recovery/case-actions.ts';
import { getCaseDetail } from '../domain/recovery/case-detail.ts';
import { affectedCustomers, createCause, listCauses } from '../domain/recovery/causes.ts';
import { listOutreach, runOutreachBatch, startOutreach } from '../domain/recovery/cause-outreach.ts';
import { receiveComplaint } from '../domain/recovery/complaints.ts';
import { conditioner, daysAgoAt, type DemoCast } from './cast.ts';
import { restitutionOffers } from './restitution.ts';
import { clockAt, depsAt, type Action, type CasePlan, type DemoDeps } from './timeline.ts';
import type { Principal } from '../domain/core/principal.ts';

const H = 3_600_000;
export const hennaCauseTitle = 'Batch B-42 filled with henna';

const outreachMessage =
  'Dear {customerName},\n\nThe Argan Repair Conditioner you bought from us comes from production batch B-42, and we have found that ' +
  'jars of that batch were filled with henna hair colour instead of conditioner. That is our mistake, and I am sorry. ' +
  'Please do not use it.\n\nA jar from a good batch is on its way to you at our cost, and you do not need to send anything back. ' +
  'Reply on your case page to tell us what else would make it right.\n\n{staffName}, {company}';

const complaintBody =
  'The jar of Argan Repair Conditioner I received is full of henna\n\n' +
  'I used it this morning before I noticed. It is not conditioner, it is henna colour, and now my hair is orange. ' +
  'The label says batch B-42. That is the wrong product!';

const martaWants = 'A refund, and a jar of the real conditioner please. And make sure nobody else gets one of these.';

export interface HennaContext {
  seed: number;
  cast: DemoCast;
  templates: ApologyTemplate[];
  support?: string;
  /** The manager who records the cause, starts the outreach and approves the restitution. */
  manager?: { id: string; role: 'manager' | 'admin' };
  followUpSurveyId: string;
}

export interface HennaResult {
  causeId?: string;
  caseId?: string;
}

/** Marta's case, and the cause and outreach it leads to, as timeline actions. */
export function hennaStory(d: DemoDeps, h: HennaContext, result: HennaResult): { plan: CasePlan; actions: Action[] } {
  const t0 = daysAgoAt(d.now, 6, 9 + 5 / 60);
  const at = (hours: number) => t0 + hours * H;
  const manager: Principal = { workspaceId: d.workspaceId, role: h.manager?.role ?? 'admin', kind: 'user', userId: h.manager?.id };
  const marta = h.cast.complainant;
  const wrongProduct = h.templates.find((t) => t.name === 'Wrong product delivered');

  const plan: CasePlan = {
    at: t0,
    summary: complaintBody.split('\n')[0]!,
    async open(clock) {
      const r = await receiveComplaint({ db: d.db, clock }, d.workspaceId, {
        channel: 'form',
        source: 'form',
        customer: { email: marta.email, name: marta.name },
        body: complaintBody,
        reference: 'ORD-731200',
        occurredAt: new Date(at(-0.8)),
        departmentId: h.support,
        severity: 'high',
        idempotencyKey: `demo:${h.seed}:henna-complaint`,
      });
      return { caseId: r.complaint.caseId!, joined: r.joined, duplicate: r.duplicate };
    },
    onCase: (id) => (result.caseId = id),
    moves: [
      {
        at: at(0.3),
        step: {
          step: 'acknowledge',
          message:
            'Hello {customerName}, thank you for telling us straight away. This is on us. I am finding out how it happened and will write again this morning.',
        },
      },
      wrongProduct
        ? { at: at(0.7), step: { step: 'apologise', message: wrongProduct.body, templateId: wrongProduct.id } }
        : {
            at: at(0.7),
            step: {
              step: 'apologise',
              message:
                'Dear {customerName},\n\nWe sent you henna instead of conditioner. That is our mistake and I am sorry.\n\n{staffName}, {company}',
            },
          },
      {
        at: at(2),
        step: () => ({
          step: 'investigate',
          rootCause: 'Filling line 2 went from henna colour to conditioner without a clean-down: every jar of batch B-42 holds henna.',
          ...(result.causeId ? { causeId: result.causeId } : {}),
        }),
      },
      { at: at(3), reply: martaWants },
      {
        at: at(4.5),
        step: {
          step: 'fix',
          note: 'A jar from batch B-43 sent by courier; batch B-42 taken off sale and the filling line cleaned down and checked.',
        },
      },
      { at: at(5), step: { step: 'ask', question: 'What would make this right for you?', answer: martaWants } },
      {
        at: at(5.5),
        step: {
          step: 'restitution',
          what: 'A full refund and a jar of the real conditioner',
          wow: 'A voucher for a cut and colour at her own hairdresser',
          cost: { amount: 64.9, currency: 'EUR' },
          ...(h.manager ? { approvedBy: h.manager.id } : {}),
        },
      },
      { at: at(72), step: { step: 'follow_up', surveyId: h.followUpSurveyId, sendAt: new Date(at(72)).toISOString(), channel: 'email' } },
      {
        at: at(78),
        answer: { score: 10, reason: 'You owned it within the hour and you warned the others before they found out. I am staying.' },
      },
      { at: at(79), close: 'Marta answered 10 to the follow-up.' },
    ],
  };

  const recordCause: Action = {
    at: at(1.5),
    async run() {
      const found = (await listCauses(d.db, d.workspaceId, { limit: 200 })).items.find((c) => c.title === hennaCauseTitle);
      const cause =
        found ??
        (await createCause(d.db, clockAt(at(1.5)), d.workspaceId, h.manager?.id ?? null, {
          title: hennaCauseTitle,
          description:
            'Filling line 2 switched from henna colour to Argan Repair Conditioner without a clean-down; the jars of batch B-42 hold henna.',
          selector: {
            eventType: 'order.placed',
            where: [
              { path: 'sku', op: 'eq', value: conditioner.sku },
              { path: 'batch', op: 'eq', value: 'B-42' },
            ],
          },
        }));
      result.causeId = cause.id;
    },
  };

  const contactEveryone: Action = {
    at: at(2.5),
    async run() {
      if (!result.causeId) return;
      const deps = depsAt(d, at(2.5));
      const runs = await listOutreach(d.db, d.workspaceId, result.causeId);
      const run = runs.length
        ? runs.find((r) => r.status === 'running')
        : await startOutreach(deps, manager, result.causeId, { message: outreachMessage, severity: 'high', departmentId: h.support });
      // Batch after batch to the end, here: the demo does not wait for the recovery worker.
      if (run) while (await runOutreachBatch(deps, d.workspaceId, run.id));
    },
  };

  // The other customers of the batch get their jar from batch B-43 the same day: their cases are recovered.
  const fixTheOthers: Action = {
    at: at(6),
    async run() {
      const causeId = result.causeId;
      if (!causeId) return;
      const deps = depsAt(d, at(6));
      const page = await affectedCustomers(d.db, d.workspaceId, causeId, { limit: 200 });
      for (const a of page.items) {
        if (!a.caseId || !a.caseLinked || a.caseId === result.caseId || a.caseStatus !== 'open') continue;
        const c = await getCaseDetail(deps, d.workspaceId, a.caseId);
        const pending = (step: string) => c.playbook.some((p) => p.step === step && p.status === 'pending');
        if (pending('acknowledge') || pending('apologise')) continue;
        const owner = [...d.staff.values()].find((u) => u.id === c.ownerId);
        const p: Principal = owner ? { workspaceId: d.workspaceId, role: owner.role, kind: 'user', userId: owner.id } : manager;
        if (pending('investigate')) {
          await takeStep(deps, p, c.id, { step: 'investigate', rootCause: 'A customer of batch B-42: see the cause.', causeId });
        }
        if (pending('fix')) {
          await takeStep(deps, p, c.id, { step: 'fix', note: 'A jar from batch B-43 sent by courier; no need to send the B-42 jar back.' });
        }
      }
    },
  };
  const offerTheOthers = restitutionOffers(
    d,
    manager,
    () => result.causeId,
    () => result.caseId,
    at(6.5),
  );
  return { plan, actions: [recordCause, contactEveryone, fixTheOthers, offerTheOthers] };
}
