// Learning storage: the dumb-rules reviews.
import type { Selectable } from 'kysely';
import type { Db } from './database.ts';
import type { RuleReviewsTable } from './schema.ts';

export type ReviewOutcome = 'keep' | 'change' | 'trash';

export interface ReviewRecord {
  id: string;
  ruleId: string;
  ownerId: string;
  dueAt: Date;
  status: 'open' | 'closed';
  outcome: ReviewOutcome | null;
  reason: string | null;
  newText: string | null;
  openedAt: Date;
  closedAt: Date | null;
  closedBy: string | null;
}

const toReview = (r: Selectable<RuleReviewsTable>): ReviewRecord => ({
  id: r.id,
  ruleId: r.rule_id,
  ownerId: r.owner_id,
  dueAt: r.due_at,
  status: r.status,
  outcome: r.outcome,
  reason: r.reason,
  newText: r.new_text,
  openedAt: r.opened_at,
  closedAt: r.closed_at,
  closedBy: r.closed_by,
});

/** False when the rule has an open review already. */
export async function insertReview(
  tx: Db,
  workspaceId: string,
  r: { id: string; ruleId: string; ownerId: string; dueAt: Date; openedAt: Date; openedBy: string | null },
): Promise<boolean> {
  const done = await tx
    .insertInto('rule_reviews')
    .values({
      workspace_id: workspaceId,
      id: r.id,
      rule_id: r.ruleId,
      owner_id: r.ownerId,
      due_at: r.dueAt,
      status: 'open',
      opened_at: r.openedAt,
      opened_by: r.openedBy,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'rule_id']).where('status', '=', 'open').doNothing())
    .returning('id')
    .execute();
  return done.length > 0;
}

/** The rule's open review, else its latest. */
export async function currentReview(db: Db, workspaceId: string, ruleId: string, lock = false): Promise<ReviewRecord | undefined> {
  let q = db
    .selectFrom('rule_reviews')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('rule_id', '=', ruleId)
    .orderBy('status', 'desc')
    .orderBy('opened_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1);
  if (lock) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r && toReview(r);
}

export async function closeReview(
  tx: Db,
  workspaceId: string,
  id: string,
  c: { outcome: ReviewOutcome; reason: string; newText: string | null; at: Date; by: string },
): Promise<void> {
  await tx
    .updateTable('rule_reviews')
    .set({ status: 'closed', outcome: c.outcome, reason: c.reason, new_text: c.newText, closed_at: c.at, closed_by: c.by })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function listReviews(db: Db, workspaceId: string, f: { openDueBefore?: Date; limit: number }): Promise<ReviewRecord[]> {
  let q = db.selectFrom('rule_reviews').selectAll().where('workspace_id', '=', workspaceId);
  if (f.openDueBefore) q = q.where('status', '=', 'open').where('due_at', '<', f.openDueBefore);
  return (await q.orderBy('due_at').orderBy('id').limit(f.limit).execute()).map(toReview);
}
