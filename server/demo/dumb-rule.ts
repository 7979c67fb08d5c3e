// The dumb rule (seed 001) under way in the demo: a restocking-fee rule in the register, a few
// cases tagged to it, one front-line exception within budget, and its review open, having asked
// the customers behind the cases one question (one has answered on their page). Run again, it
// finds the rule and adds nothing.
import type { Db } from '../storage/database.ts';
import { listCases } from '../domain/recovery/case-list.ts';
import { recordException, setBudget } from '../domain/learning/exceptions.ts';
import { tagFriction } from '../domain/learning/friction.ts';
import { openReview, reviewEvidence } from '../domain/learning/reviews.ts';
import { createRule, listRules } from '../domain/learning/rules.ts';
import { answerQuestion } from '../domain/learning/question-answers.ts';
import { askCustomers, questionLinks } from '../domain/learning/review-questions.ts';
import { defaultQuestions } from '../domain/learning/question-texts.ts';
import { clockAt, type DemoDeps } from './timeline.ts';

export const dumbRuleName = 'Restocking fee';

export interface DumbRuleLoaded {
  rule: string | null;
  friction: number;
  exceptions: number;
  reviewDue: string | null;
  asked: number;
  answered: number;
}

export async function dumbRuleStory(
  db: Db,
  d: DemoDeps,
  departmentId: string | undefined,
  manager: { id: string } | undefined,
): Promise<DumbRuleLoaded> {
  const clock = clockAt(d.now);
  const agent = [...d.staff.values()].find((u) => u.role === 'agent');
  let rule = (await listRules(db, d.workspaceId, {})).items.find((r) => r.name === dumbRuleName);
  if (!rule && manager && agent && departmentId) {
    rule = await createRule(db, clock, d.workspaceId, manager.id, {
      name: dumbRuleName,
      text: 'Returns of opened items cost a 15 % restocking fee.',
      why: 'Opened items are sold again at a loss.',
      departmentId,
      ownerId: manager.id,
      phrases: ['restocking fee', 'frais de restockage', 'Wiedereinlagerungsgebühr'],
    });
    const cases = (await listCases(db, d.workspaceId, undefined, { status: 'open', limit: 3 })).items;
    for (const c of cases) await tagFriction(db, clock, d.workspaceId, rule.id, agent.id, { kind: 'case', id: c.id, suggested: false });
    await setBudget(db, clock, d.workspaceId, departmentId, manager.id, { maxCount: 3, maxAmount: 60, currency: 'EUR' });
    if (cases[0]) {
      await recordException(db, clock, { workspaceId: d.workspaceId, role: 'agent', kind: 'user', userId: agent.id }, rule.id, {
        caseId: cases[0].id,
        what: 'Waived the restocking fee',
        why: 'The box was never opened',
        cost: { amount: 14.85, currency: 'EUR' },
        askApproval: false,
      });
    }
    await openReview(db, clock, { workspaceId: d.workspaceId, role: 'manager', kind: 'user', userId: manager.id }, rule.id, {
      dueAt: new Date(d.now + 14 * 86_400_000).toISOString(),
    });
  }
  if (!rule) return { rule: null, friction: 0, exceptions: 0, reviewDue: null, asked: 0, answered: 0 };
  let ev = await reviewEvidence(db, clock, d.workspaceId, rule.id);
  if (!ev.question && ev.review.status === 'open' && manager) {
    // The review asks the customers behind the cases, and the first of them answers on their page.
    const deps = { db, clock, settings: d.settings, publicUrl: d.publicUrl };
    const p = { workspaceId: d.workspaceId, role: 'manager' as const, kind: 'user' as const, userId: manager.id };
    await askCustomers(deps, p, rule.id, { texts: defaultQuestions(rule.name) });
    const first = (await questionLinks(deps, d.workspaceId, rule.id))[0];
    if (first) {
      const token = first.url.slice(first.url.lastIndexOf('/') + 1);
      await answerQuestion(deps, token, 'Charge the fee only when the box was really opened, and say so before I pay.');
    }
    ev = await reviewEvidence(db, clock, d.workspaceId, rule.id);
  }
  return {
    rule: rule.name,
    friction: ev.friction.length,
    exceptions: ev.exceptions.length,
    reviewDue: ev.review.dueAt,
    asked: ev.question?.counts.asked ?? 0,
    answered: ev.question?.counts.answered ?? 0,
  };
}
