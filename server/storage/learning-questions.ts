// Learning storage: the review's one question to the customers behind a rule's friction, who was
// asked (once per review: a unique index), what the outbox did with each message, and the answers.
import { sql, type Selectable } from 'kysely';
import type { Db } from './database.ts';
import type { QuestionSendStatus, ReviewQuestionCustomersTable, ReviewQuestionsTable } from './schema.ts';

export type { QuestionSendStatus };

export interface QuestionRecord {
  reviewId: string;
  ruleId: string;
  texts: Record<string, string>;
  periodFrom: Date | null;
  periodTo: Date | null;
  askedAt: Date;
  askedBy: string | null;
  expiresAt: Date;
}

export interface AskedRecord {
  id: string;
  reviewId: string;
  customerId: string;
  locale: string;
  words: string | null;
  saidAt: Date;
  status: QuestionSendStatus;
  messageId: string | null;
  answer: string | null;
  answeredAt: Date | null;
}

const toQuestion = (r: Selectable<ReviewQuestionsTable>): QuestionRecord => ({
  reviewId: r.review_id,
  ruleId: r.rule_id,
  texts: r.texts,
  periodFrom: r.period_from,
  periodTo: r.period_to,
  askedAt: r.asked_at,
  askedBy: r.asked_by,
  expiresAt: r.expires_at,
});

const toAsked = (r: Selectable<ReviewQuestionCustomersTable>): AskedRecord => ({
  id: r.id,
  reviewId: r.review_id,
  customerId: r.customer_id,
  locale: r.locale,
  words: r.words,
  saidAt: r.said_at,
  status: r.status,
  messageId: r.message_id,
  answer: r.answer,
  answeredAt: r.answered_at,
});

/** False when the review has asked its question already. */
export async function insertQuestion(tx: Db, workspaceId: string, q: QuestionRecord): Promise<boolean> {
  const r = await tx
    .insertInto('review_questions')
    .values({
      workspace_id: workspaceId,
      review_id: q.reviewId,
      rule_id: q.ruleId,
      texts: JSON.stringify(q.texts),
      period_from: q.periodFrom,
      period_to: q.periodTo,
      asked_at: q.askedAt,
      asked_by: q.askedBy,
      expires_at: q.expiresAt,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('review_id')
    .execute();
  return r.length > 0;
}

export async function findQuestion(db: Db, workspaceId: string, reviewId: string): Promise<QuestionRecord | undefined> {
  const r = await db
    .selectFrom('review_questions')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('review_id', '=', reviewId)
    .executeTakeFirst();
  return r && toQuestion(r);
}

/** Each distinct customer behind the rule's friction in the period, with their latest words and when they said them. */
export async function customersBehindFriction(
  db: Db,
  workspaceId: string,
  ruleId: string,
  p: { from: Date | null; to: Date | null },
): Promise<{ customerId: string; words: string | null; saidAt: Date }[]> {
  const r = await sql<{ customer_id: string; words: string | null; occurred_at: Date }>`
    SELECT DISTINCT ON (customer_id) customer_id, words, occurred_at FROM rule_friction
    WHERE workspace_id = ${workspaceId} AND rule_id = ${ruleId}
      AND (${p.from}::timestamptz IS NULL OR occurred_at >= ${p.from}::timestamptz)
      AND (${p.to}::timestamptz IS NULL OR occurred_at < ${p.to}::timestamptz)
    ORDER BY customer_id, (words IS NULL), occurred_at DESC`.execute(db);
  return r.rows.map((x) => ({ customerId: x.customer_id, words: x.words, saidAt: x.occurred_at }));
}

/** Records that the customer is asked; false when they were asked for this review already. */
export async function claimAsked(tx: Db, workspaceId: string, a: Omit<AskedRecord, 'status' | 'messageId' | 'answer' | 'answeredAt'>) {
  const r = await tx
    .insertInto('review_question_customers')
    .values({
      workspace_id: workspaceId,
      id: a.id,
      review_id: a.reviewId,
      customer_id: a.customerId,
      locale: a.locale,
      words: a.words,
      said_at: a.saidAt,
      status: 'no_address',
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .execute();
  return r.length > 0;
}

export async function settleAsked(tx: Db, workspaceId: string, id: string, status: QuestionSendStatus, messageId: string | null) {
  await tx
    .updateTable('review_question_customers')
    .set({ status, message_id: messageId })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function findAsked(db: Db, workspaceId: string, id: string, lock = false): Promise<AskedRecord | undefined> {
  let q = db.selectFrom('review_question_customers').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (lock) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r && toAsked(r);
}

export async function saveAnswer(tx: Db, workspaceId: string, id: string, answer: string, at: Date): Promise<void> {
  await tx
    .updateTable('review_question_customers')
    .set({ answer, answered_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** The answers, latest first (at most `limit`). */
export async function answersOf(db: Db, workspaceId: string, reviewId: string, limit: number): Promise<AskedRecord[]> {
  const rows = await db
    .selectFrom('review_question_customers')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('review_id', '=', reviewId)
    .where('answered_at', 'is not', null)
    .orderBy('answered_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toAsked);
}

/** The counts, with each message's current state read from the outbox (a held message may have been released since). */
export async function questionCounts(db: Db, workspaceId: string, reviewId: string) {
  const r = await sql<{
    asked: number;
    sent: number;
    held: number;
    cancelled: number;
    no_address: number;
    unsubscribed: number;
    answered: number;
  }>`
    SELECT count(*)::int AS asked,
      count(*) FILTER (WHERE m.status IN ('passed', 'released'))::int AS sent,
      count(*) FILTER (WHERE m.status = 'held')::int AS held,
      count(*) FILTER (WHERE m.status = 'cancelled')::int AS cancelled,
      count(*) FILTER (WHERE q.status = 'no_address')::int AS no_address,
      count(*) FILTER (WHERE q.status = 'unsubscribed')::int AS unsubscribed,
      count(*) FILTER (WHERE q.answered_at IS NOT NULL)::int AS answered
    FROM review_question_customers q
    LEFT JOIN outbox_messages m ON m.workspace_id = q.workspace_id AND m.id = q.message_id
    WHERE q.workspace_id = ${workspaceId} AND q.review_id = ${reviewId}`.execute(db);
  const x = r.rows[0]!;
  return {
    asked: x.asked,
    sent: x.sent,
    held: x.held,
    cancelled: x.cancelled,
    noAddress: x.no_address,
    unsubscribed: x.unsubscribed,
    answered: x.answered,
  };
}

/** Everyone the review asked, in the order asked (ids name their links). */
export async function askedOf(db: Db, workspaceId: string, reviewId: string): Promise<AskedRecord[]> {
  const rows = await db
    .selectFrom('review_question_customers')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('review_id', '=', reviewId)
    .orderBy('id')
    .execute();
  return rows.map(toAsked);
}
