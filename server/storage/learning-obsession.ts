// Learning storage: the staff's quarterly obsession score. An answer row holds no staff id and no
// time; who answered a quarter is a separate row, only to refuse a second answer.
import { sql } from 'kysely';
import type { Db } from './database.ts';

/** False when this person answered this quarter already (nothing is stored then). */
export async function insertObsessionAnswer(
  tx: Db,
  workspaceId: string,
  a: { id: string; quarter: string; userId: string; score: number; toBeATen: string | null },
): Promise<boolean> {
  const first = await tx
    .insertInto('obsession_respondents')
    .values({ workspace_id: workspaceId, quarter: a.quarter, user_id: a.userId })
    .onConflict((oc) => oc.doNothing())
    .returning('user_id')
    .execute();
  if (!first.length) return false;
  await tx
    .insertInto('obsession_answers')
    .values({ workspace_id: workspaceId, id: a.id, quarter: a.quarter, score: a.score, to_be_a_ten: a.toBeATen })
    .execute();
  return true;
}

export async function hasAnswered(db: Db, workspaceId: string, quarter: string, userId: string): Promise<boolean> {
  const r = await db
    .selectFrom('obsession_respondents')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('quarter', '=', quarter)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Boolean(r);
}

/** Answers per score 0..10 for the quarter. */
export async function obsessionCounts(db: Db, workspaceId: string, quarter: string): Promise<number[]> {
  const rows = await db
    .selectFrom('obsession_answers')
    .select(['score', sql<string>`count(*)`.as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('quarter', '=', quarter)
    .groupBy('score')
    .execute();
  const counts = Array.from({ length: 11 }, () => 0);
  for (const r of rows) counts[r.score] = Number(r.n);
  return counts;
}

/** The "what has to happen to be a 10" answers, in an order that says nothing (by random id). */
export async function toBeATenAnswers(db: Db, workspaceId: string, quarter: string) {
  return db
    .selectFrom('obsession_answers')
    .select(['id', 'to_be_a_ten as text', 'improvement_id as improvementId'])
    .where('workspace_id', '=', workspaceId)
    .where('quarter', '=', quarter)
    .where('to_be_a_ten', 'is not', null)
    .orderBy('id')
    .limit(500)
    .execute() as Promise<{ id: string; text: string; improvementId: string | null }[]>;
}

export async function findObsessionAnswer(db: Db, workspaceId: string, id: string, lock = false) {
  let q = db
    .selectFrom('obsession_answers')
    .select(['id', 'quarter', 'to_be_a_ten as text', 'improvement_id as improvementId'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function linkImprovement(tx: Db, workspaceId: string, id: string, improvementId: string): Promise<void> {
  await tx
    .updateTable('obsession_answers')
    .set({ improvement_id: improvementId })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}
