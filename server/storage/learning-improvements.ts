// Learning storage: "you said, we did" improvements, the feedback behind them and the notices
// sent (one per customer and improvement: the primary key is the "never told twice").
import { sql, type Selectable } from 'kysely';
import type { FrictionKind } from '../../contract/learning.ts';
import type { Db } from './database.ts';
import type { ImprovementsTable } from './schema.ts';

export interface ImprovementRecord {
  id: string;
  title: string;
  description: string | null;
  toldText: Record<string, string>;
  status: 'planned' | 'done';
  ruleId: string | null;
  reviewId: string | null;
  createdAt: Date;
  doneAt: Date | null;
}

export interface ImprovementFeedback {
  kind: FrictionKind;
  itemId: string;
  customerId: string;
  words: string | null;
}

export type NoticeStatus = 'passed' | 'held' | 'cancelled' | 'no_address' | 'unsubscribed';

const toImprovement = (r: Selectable<ImprovementsTable>): ImprovementRecord => ({
  id: r.id,
  title: r.title,
  description: r.description,
  toldText: r.told_text,
  status: r.status,
  ruleId: r.rule_id,
  reviewId: r.review_id,
  createdAt: r.created_at,
  doneAt: r.done_at,
});

export async function insertImprovement(
  tx: Db,
  workspaceId: string,
  i: {
    id: string;
    title: string;
    description: string | null;
    toldText: Record<string, string>;
    ruleId: string | null;
    reviewId: string | null;
    at: Date;
    by: string | null;
  },
): Promise<void> {
  await tx
    .insertInto('improvements')
    .values({
      workspace_id: workspaceId,
      id: i.id,
      title: i.title,
      description: i.description,
      told_text: JSON.stringify(i.toldText),
      status: 'planned',
      rule_id: i.ruleId,
      review_id: i.reviewId,
      created_at: i.at,
      created_by: i.by,
    })
    .execute();
}

export async function addFeedback(tx: Db, workspaceId: string, improvementId: string, items: ImprovementFeedback[]): Promise<void> {
  if (!items.length) return;
  await tx
    .insertInto('improvement_feedback')
    .values(
      items.map((f) => ({
        workspace_id: workspaceId,
        improvement_id: improvementId,
        item_kind: f.kind,
        item_id: f.itemId,
        customer_id: f.customerId,
        words: f.words,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Copies every item tagged to the rule into the improvement's feedback. */
export async function addRuleFriction(tx: Db, workspaceId: string, improvementId: string, ruleId: string): Promise<void> {
  await sql`INSERT INTO improvement_feedback (workspace_id, improvement_id, item_kind, item_id, customer_id, words)
    SELECT workspace_id, ${improvementId}, item_kind, item_id, customer_id, words FROM rule_friction
    WHERE workspace_id = ${workspaceId} AND rule_id = ${ruleId}
    ON CONFLICT DO NOTHING`.execute(tx);
}

export async function findImprovement(db: Db, workspaceId: string, id: string, lock = false): Promise<ImprovementRecord | undefined> {
  let q = db.selectFrom('improvements').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (lock) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r && toImprovement(r);
}

export async function improvementOfReview(db: Db, workspaceId: string, reviewId: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('improvements')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('review_id', '=', reviewId)
    .executeTakeFirst();
  return r?.id;
}

/** A page of improvements, newest first, keyset on (created_at, id). */
export async function listImprovements(
  db: Db,
  workspaceId: string,
  q: { status?: ImprovementRecord['status']; before?: { at: Date; id: string }; limit: number },
): Promise<ImprovementRecord[]> {
  let s = db.selectFrom('improvements').selectAll().where('workspace_id', '=', workspaceId);
  if (q.status) s = s.where('status', '=', q.status);
  if (q.before) s = s.where(sql<boolean>`(created_at, id) < (${q.before.at}::timestamptz, ${q.before.id}::uuid)`);
  const rows = await s.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.limit).execute();
  return rows.map(toImprovement);
}

/** The feedback as staff read it: with the customer's name and the case behind a case or a complaint. */
export interface ImprovementFeedbackView extends ImprovementFeedback {
  customerName: string | null;
  caseId: string | null;
}

export async function feedbackOf(db: Db, workspaceId: string, improvementId: string): Promise<ImprovementFeedbackView[]> {
  const r = await sql<{
    item_kind: FrictionKind;
    item_id: string;
    customer_id: string;
    words: string | null;
    customer_name: string | null;
    case_id: string | null;
  }>`
    SELECT f.item_kind, f.item_id, f.customer_id, f.words, coalesce(c.name, c.email, c.external_id) AS customer_name,
           CASE f.item_kind WHEN 'case' THEN f.item_id WHEN 'complaint' THEN k.case_id END AS case_id
    FROM improvement_feedback f
    LEFT JOIN customers c ON c.workspace_id = f.workspace_id AND c.id = f.customer_id
    LEFT JOIN complaints k ON f.item_kind = 'complaint' AND k.workspace_id = f.workspace_id AND k.id = f.item_id
    WHERE f.workspace_id = ${workspaceId} AND f.improvement_id = ${improvementId}
    ORDER BY f.item_kind, f.item_id`.execute(db);
  return r.rows.map((x) => ({
    kind: x.item_kind,
    itemId: x.item_id,
    customerId: x.customer_id,
    words: x.words,
    customerName: x.customer_name,
    caseId: x.case_id,
  }));
}

export async function markDone(tx: Db, workspaceId: string, id: string, at: Date, by: string | null): Promise<void> {
  await tx
    .updateTable('improvements')
    .set({ status: 'done', done_at: at, done_by: by })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Claims the one notice of this customer for this improvement; false when they were told already. */
export async function claimNotice(
  tx: Db,
  workspaceId: string,
  improvementId: string,
  customerId: string,
  locale: string,
  at: Date,
): Promise<boolean> {
  const r = await tx
    .insertInto('improvement_notices')
    .values({
      workspace_id: workspaceId,
      improvement_id: improvementId,
      customer_id: customerId,
      locale,
      status: 'no_address',
      message_id: null,
      mail_id: null,
      at,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('customer_id')
    .execute();
  return r.length > 0;
}

export async function settleNotice(
  tx: Db,
  workspaceId: string,
  improvementId: string,
  customerId: string,
  s: { status: NoticeStatus; messageId: string | null; mailId: string | null },
): Promise<void> {
  await tx
    .updateTable('improvement_notices')
    .set({ status: s.status, message_id: s.messageId, mail_id: s.mailId })
    .where('workspace_id', '=', workspaceId)
    .where('improvement_id', '=', improvementId)
    .where('customer_id', '=', customerId)
    .execute();
}

export interface ImprovementCounts {
  raised: number;
  told: number;
  bounced: number;
  notTold: number;
}

/**
 * The counts of several improvements in one statement. raised: distinct customers behind the
 * feedback; told: passed the outbox; bounced: of them, whose mail failed; notTold: the rest.
 */
export async function countsOf(db: Db, workspaceId: string, ids: string[]): Promise<Map<string, ImprovementCounts>> {
  if (!ids.length) return new Map();
  const r = await sql<{ id: string; raised: number; told: number; bounced: number; not_told: number }>`
    WITH f AS (
      SELECT improvement_id, count(DISTINCT customer_id)::int AS raised FROM improvement_feedback
      WHERE workspace_id = ${workspaceId} AND improvement_id = ANY(${ids}::uuid[]) GROUP BY improvement_id
    ), n AS (
      SELECT n.improvement_id,
             count(*) FILTER (WHERE n.status = 'passed')::int AS told,
             count(*) FILTER (WHERE n.status = 'passed' AND m.status = 'failed')::int AS bounced,
             count(*) FILTER (WHERE n.status <> 'passed')::int AS not_told
      FROM improvement_notices n
      LEFT JOIN mails m ON m.workspace_id = n.workspace_id AND m.id = n.mail_id
      WHERE n.workspace_id = ${workspaceId} AND n.improvement_id = ANY(${ids}::uuid[]) GROUP BY n.improvement_id
    )
    SELECT i.id, coalesce(f.raised, 0) AS raised, coalesce(n.told, 0) AS told,
           coalesce(n.bounced, 0) AS bounced, coalesce(n.not_told, 0) AS not_told
    FROM unnest(${ids}::uuid[]) AS i(id)
    LEFT JOIN f ON f.improvement_id = i.id
    LEFT JOIN n ON n.improvement_id = i.id`.execute(db);
  return new Map(r.rows.map((x) => [x.id, { raised: x.raised, told: x.told, bounced: x.bounced, notTold: x.not_told }]));
}
