// "You said, we did": an improvement records a change the company made and the feedback behind
// it. Marked done, it tells every customer who raised that feedback once, in their language,
// through the outbox (so the guard applies), quoting what they said; an unsubscribed customer is
// not written to. A customer is never told twice: one notice row per customer and improvement.
import type { ItemRef } from '../../../contract/learning.ts';
import { z } from 'zod';
import type {
  FeedbackInput,
  Improvement,
  ImprovementInput,
  ImprovementListQuery,
  ImprovementSummary,
} from '../../../contract/learning-review.ts';
import type { Db } from '../../storage/database.ts';
import { customerProfiles } from '../../storage/invitations.ts';
import * as store from '../../storage/learning-improvements.ts';
import { isUuid, uuidv7 } from '../../lib/ids.ts';
import type { Clock } from '../core/clock.ts';
import { decodeCursor, encodeCursor } from '../core/cursor.ts';
import { KeptError, notFound } from '../core/errors.ts';
import { queueMessageIn } from '../one-voice/outbox.ts';
import { companyVoice } from '../core/company-profile.ts';
import { isUnsubscribed } from '../signals/unsubscribe.ts';
import { feedbackItemOf } from './friction.ts';
import { composeNotice, noticeLocale } from './improvement-texts.ts';

const noCounts: store.ImprovementCounts = { raised: 0, told: 0, bounced: 0, notTold: 0 };

function summaryOf(i: store.ImprovementRecord, counts: store.ImprovementCounts): ImprovementSummary {
  return {
    id: i.id,
    title: i.title,
    description: i.description,
    toldText: i.toldText,
    status: i.status,
    ruleId: i.ruleId,
    reviewId: i.reviewId,
    createdAt: i.createdAt.toISOString(),
    doneAt: i.doneAt?.toISOString() ?? null,
    counts,
  };
}

export async function presentImprovement(db: Db, workspaceId: string, i: store.ImprovementRecord): Promise<Improvement> {
  const feedback = await store.feedbackOf(db, workspaceId, i.id);
  const counts = await store.countsOf(db, workspaceId, [i.id]);
  return { ...summaryOf(i, counts.get(i.id) ?? noCounts), feedback };
}

async function improvementOf(db: Db, workspaceId: string, id: string, lock = false) {
  const i = isUuid(id) ? await store.findImprovement(db, workspaceId, id, lock) : undefined;
  if (!i) throw notFound('Improvement');
  return i;
}

async function itemsOf(db: Db, workspaceId: string, refs: ItemRef[], field: string) {
  const out: store.ImprovementFeedback[] = [];
  for (const [n, ref] of refs.entries()) {
    const item = await feedbackItemOf(db, workspaceId, ref, [field, n]);
    out.push({ kind: item.kind, itemId: item.id, customerId: item.customerId, words: item.words });
  }
  return out;
}

export async function createImprovement(
  db: Db,
  clock: Clock,
  workspaceId: string,
  by: string | null,
  input: ImprovementInput,
): Promise<Improvement> {
  const items = await itemsOf(db, workspaceId, input.feedback, 'feedback');
  const now = clock.now();
  const id = uuidv7(now.getTime());
  await db.transaction().execute(async (tx) => {
    await store.insertImprovement(tx, workspaceId, {
      id,
      title: input.title,
      description: input.description ?? null,
      toldText: input.toldText as Record<string, string>,
      ruleId: null,
      reviewId: null,
      at: now,
      by,
    });
    await store.addFeedback(tx, workspaceId, id, items);
  });
  return getImprovement(db, workspaceId, id);
}

export async function addImprovementFeedback(db: Db, workspaceId: string, id: string, input: FeedbackInput): Promise<Improvement> {
  const i = await improvementOf(db, workspaceId, id);
  if (i.status === 'done')
    throw new KeptError('conflict', 'The improvement is done: its customers have been told', { reason: 'improvement_done' });
  await store.addFeedback(db, workspaceId, id, await itemsOf(db, workspaceId, input.items, 'items'));
  return getImprovement(db, workspaceId, id);
}

export async function getImprovement(db: Db, workspaceId: string, id: string): Promise<Improvement> {
  return presentImprovement(db, workspaceId, await improvementOf(db, workspaceId, id));
}

const positionSchema = z.object({ at: z.iso.datetime(), id: z.uuid() });

/** Improvements, newest first, a page at a time; the counts of the whole page in one statement. */
export async function listImprovements(
  db: Db,
  workspaceId: string,
  q: ImprovementListQuery,
): Promise<{ items: ImprovementSummary[]; nextCursor: string | null }> {
  const before = q.cursor ? decodeCursor(q.cursor, positionSchema) : undefined;
  const rows = await store.listImprovements(db, workspaceId, {
    status: q.status,
    before: before && { at: new Date(before.at), id: before.id },
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const counts = await store.countsOf(
    db,
    workspaceId,
    page.map((i) => i.id),
  );
  const last = page.at(-1);
  return {
    items: page.map((i) => summaryOf(i, counts.get(i.id) ?? noCounts)),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ at: last.createdAt.toISOString(), id: last.id }) : null,
  };
}

/**
 * Marks the improvement done and tells each customer behind its feedback, once, in one
 * transaction: a notice row claimed per customer (the primary key refuses a second), then the
 * message through the outbox. Marking it done again tells nobody new.
 */
export async function markImprovementDone(db: Db, clock: Clock, workspaceId: string, by: string | null, id: string): Promise<Improvement> {
  const now = clock.now();
  await db.transaction().execute(async (tx) => {
    const i = await improvementOf(tx, workspaceId, id, true);
    if (i.status === 'done')
      throw new KeptError('conflict', 'The improvement is done already; nobody is told twice', { reason: 'improvement_done' });
    await store.markDone(tx, workspaceId, id, now, by);
    const feedback = await store.feedbackOf(tx, workspaceId, id);
    const words = new Map<string, string>();
    for (const f of feedback) if (f.words && !words.has(f.customerId)) words.set(f.customerId, f.words);
    const customers = [...new Set(feedback.map((f) => f.customerId))];
    const profiles = await customerProfiles(tx, workspaceId, customers);
    const brand = await companyVoice(tx, workspaceId);
    const company = brand.companyName;
    for (const customerId of customers) {
      const c = profiles.get(customerId);
      const locale = noticeLocale(c?.locale);
      if (!(await store.claimNotice(tx, workspaceId, id, customerId, locale, now))) continue;
      if (!c?.email) continue; // stays no_address
      if (await isUnsubscribed(tx, workspaceId, customerId)) {
        await store.settleNotice(tx, workspaceId, id, customerId, { status: 'unsubscribed', messageId: null, mailId: null });
        continue;
      }
      const told = i.toldText[locale] ?? i.toldText.en ?? i.title;
      const mail = composeNotice({ locale, title: i.title, told, words: words.get(customerId) ?? i.title, name: c.name, company, brand });
      const q = await queueMessageIn(tx, clock, workspaceId, {
        customerId,
        kind: 'you_said_we_did',
        source: 'kept',
        to: c.email,
        idempotencyKey: `improvement:${id}:${customerId}`,
        ...mail,
      });
      await store.settleNotice(tx, workspaceId, id, customerId, { status: q.status, messageId: q.messageId, mailId: q.mailId });
    }
  });
  return getImprovement(db, workspaceId, id);
}
