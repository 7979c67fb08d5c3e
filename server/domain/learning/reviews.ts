// The dumb-rules review: a rule goes to review with a due date and an owner (overdue reviews are
// visible to admins); the review shows the evidence (the items, the customers' own words, the
// cost) and ends with keep, change (a new version of the text) or trash, always with a reason.
// A change or a trash creates a "you said, we did" improvement holding the rule's friction.
import type { Evidence, Review, ReviewClose, ReviewInput, ReviewListQuery } from '../../../contract/learning-review.ts';
import type { Db } from '../../storage/database.ts';
import { listExceptions } from '../../storage/learning-exceptions.ts';
import * as improvements from '../../storage/learning-improvements.ts';
import { frictionOf, insertVersion, listRules, restitutionOf, updateRule } from '../../storage/learning-rules.ts';
import * as store from '../../storage/learning-reviews.ts';
import { findUser } from '../../storage/staff.ts';
import { uuidv7 } from '../../lib/ids.ts';
import type { Clock } from '../core/clock.ts';
import { KeptError, invalidInput, notFound } from '../core/errors.ts';
import type { Principal } from '../core/principal.ts';
import { presentException } from './exceptions.ts';
import { presentFriction } from './friction.ts';
import { improvementTexts } from './improvement-texts.ts';
import { defaultQuestions } from './question-texts.ts';
import { presentQuestion } from './review-questions.ts';
import { ruleOf } from './rules.ts';

async function presentReview(db: Db, workspaceId: string, r: store.ReviewRecord, ruleName: string, now: Date): Promise<Review> {
  return {
    id: r.id,
    ruleId: r.ruleId,
    ruleName,
    ownerId: r.ownerId,
    dueAt: r.dueAt.toISOString(),
    overdue: r.status === 'open' && r.dueAt.getTime() < now.getTime(),
    status: r.status,
    outcome: r.outcome,
    reason: r.reason,
    newText: r.newText,
    openedAt: r.openedAt.toISOString(),
    closedAt: r.closedAt?.toISOString() ?? null,
    closedBy: r.closedBy,
    improvementId:
      r.outcome === 'change' || r.outcome === 'trash' ? ((await improvements.improvementOfReview(db, workspaceId, r.id)) ?? null) : null,
  };
}

export async function openReview(db: Db, clock: Clock, p: Principal, ruleId: string, input: ReviewInput): Promise<Review> {
  const now = clock.now();
  const rule = await ruleOf(db, p.workspaceId, ruleId);
  if (rule.status === 'trashed')
    throw new KeptError('conflict', 'The rule is trashed: there is nothing to review', { reason: 'rule_trashed' });
  const ownerId = input.ownerId ?? rule.ownerId;
  const owner = ownerId ? await findUser(db, p.workspaceId, ownerId) : undefined;
  if (!owner || owner.disabledAt) {
    throw invalidInput('The review was not opened', [
      { path: ['ownerId'], message: ownerId ? 'no such active person in this workspace' : 'the rule has no owner: name one' },
    ]);
  }
  const dueAt = new Date(input.dueAt);
  if (dueAt.getTime() <= now.getTime())
    throw invalidInput('The review was not opened', [{ path: ['dueAt'], message: 'is not in the future' }]);
  const id = uuidv7(now.getTime());
  await db.transaction().execute(async (tx) => {
    await ruleOf(tx, p.workspaceId, ruleId, true);
    if (
      !(await store.insertReview(tx, p.workspaceId, { id, ruleId, ownerId: owner.id, dueAt, openedAt: now, openedBy: p.userId ?? null }))
    ) {
      throw new KeptError('conflict', 'The rule is under review already', { reason: 'review_open' });
    }
    await updateRule(tx, p.workspaceId, ruleId, { status: 'under_review' }, now);
  });
  return getReview(db, clock, p.workspaceId, ruleId);
}

async function reviewOf(db: Db, workspaceId: string, ruleId: string, lock = false) {
  const r = await store.currentReview(db, workspaceId, ruleId, lock);
  if (!r) throw notFound('Review');
  return r;
}

export async function getReview(db: Db, clock: Clock, workspaceId: string, ruleId: string): Promise<Review> {
  const rule = await ruleOf(db, workspaceId, ruleId);
  return presentReview(db, workspaceId, await reviewOf(db, workspaceId, ruleId), rule.name, clock.now());
}

/** The review with its evidence: every item tagged to the rule with the customers' words, the exceptions, the cost, and the customers' answers to its question. */
export async function reviewEvidence(db: Db, clock: Clock, workspaceId: string, ruleId: string): Promise<Evidence> {
  const review = await getReview(db, clock, workspaceId, ruleId);
  const friction = await frictionOf(db, workspaceId, ruleId, { limit: 500 });
  const exceptions = await listExceptions(db, workspaceId, { ruleId, limit: 500 });
  const restitution = await restitutionOf(
    db,
    workspaceId,
    friction.filter((f) => f.kind === 'case').map((f) => f.itemId),
  );
  const cost =
    [...restitution.values()].reduce((a, b) => a + b, 0) +
    exceptions.filter((e) => e.status !== 'pending').reduce((a, e) => a + e.costAmount, 0);
  return {
    review,
    question: await presentQuestion(db, workspaceId, review.id),
    questionDefaults: defaultQuestions(review.ruleName),
    friction: friction.map(presentFriction),
    exceptions: exceptions.map(presentException),
    customers: new Set([...friction.map((f) => f.customerId), ...exceptions.map((e) => e.customerId)]).size,
    cost: Math.round(cost * 100) / 100,
  };
}

/** Ends the open review: by its owner, the rule's owner or an admin; a reason always, new text for a change. */
export async function closeReview(db: Db, clock: Clock, p: Principal, ruleId: string, input: ReviewClose): Promise<Review> {
  const reason = input.reason?.trim();
  if (!reason) {
    throw new KeptError('invalid_input', 'A review ends with a reason', {
      reason: 'reason_required',
      problems: [{ path: ['reason'], message: 'is required' }],
    });
  }
  if (input.outcome === 'change' && !input.newText) {
    throw new KeptError('invalid_input', 'A change needs the rule’s new text', {
      reason: 'new_text_required',
      problems: [{ path: ['newText'], message: 'is required for change' }],
    });
  }
  if (!p.userId) throw new KeptError('forbidden', 'A review is closed by a signed-in person', { reason: 'not_a_person' });
  const now = clock.now();
  await db.transaction().execute(async (tx) => {
    const rule = await ruleOf(tx, p.workspaceId, ruleId, true);
    const r = await reviewOf(tx, p.workspaceId, ruleId, true);
    if (r.status !== 'open') throw new KeptError('conflict', 'The rule has no open review', { reason: 'no_open_review' });
    if (p.role !== 'admin' && p.userId !== r.ownerId && p.userId !== rule.ownerId) {
      throw new KeptError('forbidden', 'The review is closed by its owner, the rule’s owner or an admin', { reason: 'not_the_owner' });
    }
    await store.closeReview(tx, p.workspaceId, r.id, {
      outcome: input.outcome,
      reason,
      newText: input.newText ?? null,
      at: now,
      by: p.userId!,
    });
    if (input.outcome === 'keep') {
      await updateRule(tx, p.workspaceId, ruleId, { status: 'in_force' }, now);
      return;
    }
    if (input.outcome === 'change') {
      const version = rule.version + 1;
      await updateRule(tx, p.workspaceId, ruleId, { status: 'changed', text: input.newText!, version }, now);
      await insertVersion(tx, p.workspaceId, ruleId, {
        version,
        text: input.newText!,
        why: rule.why,
        at: now,
        byUserId: p.userId!,
        reason,
      });
    } else await updateRule(tx, p.workspaceId, ruleId, { status: 'trashed' }, now);
    const improvementId = uuidv7(now.getTime());
    await improvements.insertImprovement(tx, p.workspaceId, {
      id: improvementId,
      title: input.outcome === 'change' ? `${rule.name}: changed` : `${rule.name}: trashed`,
      description: reason,
      toldText: improvementTexts(input.outcome, rule.name, input.newText ?? ''),
      ruleId,
      reviewId: r.id,
      at: now,
      by: p.userId!,
    });
    await improvements.addRuleFriction(tx, p.workspaceId, improvementId, ruleId);
  });
  return getReview(db, clock, p.workspaceId, ruleId);
}

/** Reviews, earliest due first; overdue: only open ones past their due date (the leadership's list). */
export async function listReviews(db: Db, clock: Clock, workspaceId: string, q: ReviewListQuery): Promise<{ items: Review[] }> {
  const now = clock.now();
  const rows = await store.listReviews(db, workspaceId, { openDueBefore: q.overdue === 'true' ? now : undefined, limit: 500 });
  const names = new Map((await listRules(db, workspaceId)).map((r) => [r.id, r.name]));
  return { items: await Promise.all(rows.map((r) => presentReview(db, workspaceId, r, names.get(r.ruleId) ?? '', now))) };
}
