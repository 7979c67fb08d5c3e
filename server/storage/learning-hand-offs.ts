// Learning storage: hand-offs between departments and their ratings (internal customers).
import { sql, type Selectable } from 'kysely';
import type { Db } from './database.ts';
import type { HandOffKind, HandOffsTable } from './schema.ts';

export interface HandOffRecord {
  id: string;
  kind: HandOffKind;
  refId: string | null;
  requestingDepartmentId: string;
  givingDepartmentId: string;
  title: string;
  handedAt: Date;
  byUser: string | null;
  rating: number | null;
  comment: string | null;
  ratedAt: Date | null;
  ratedBy: string | null;
}

const toHandOff = (r: Selectable<HandOffsTable>): HandOffRecord => ({
  id: r.id,
  kind: r.kind,
  refId: r.ref_id,
  requestingDepartmentId: r.requesting_department_id,
  givingDepartmentId: r.giving_department_id,
  title: r.title,
  handedAt: r.handed_at,
  byUser: r.by_user,
  rating: r.rating,
  comment: r.comment,
  ratedAt: r.rated_at,
  ratedBy: r.rated_by,
});

export async function insertHandOff(tx: Db, workspaceId: string, h: Omit<HandOffRecord, 'rating' | 'comment' | 'ratedAt' | 'ratedBy'>) {
  await tx
    .insertInto('hand_offs')
    .values({
      workspace_id: workspaceId,
      id: h.id,
      kind: h.kind,
      ref_id: h.refId,
      requesting_department_id: h.requestingDepartmentId,
      giving_department_id: h.givingDepartmentId,
      title: h.title,
      handed_at: h.handedAt,
      by_user: h.byUser,
    })
    .execute();
}

export async function findHandOff(db: Db, workspaceId: string, id: string, lock = false): Promise<HandOffRecord | undefined> {
  let q = db.selectFrom('hand_offs').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (lock) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r && toHandOff(r);
}

/** False when it was rated already (the row is locked by the caller, this is the last word). */
export async function rateHandOff(
  tx: Db,
  workspaceId: string,
  id: string,
  r: { rating: number; comment: string | null; at: Date; by: string | null },
): Promise<boolean> {
  const done = await tx
    .updateTable('hand_offs')
    .set({ rating: r.rating, comment: r.comment, rated_at: r.at, rated_by: r.by })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('rating', 'is', null)
    .returning('id')
    .execute();
  return done.length > 0;
}

export async function listHandOffs(
  db: Db,
  workspaceId: string,
  q: { state: 'unrated' | 'rated' | 'all'; departmentId?: string; before?: { at: Date; id: string }; limit: number },
): Promise<HandOffRecord[]> {
  let s = db.selectFrom('hand_offs').selectAll().where('workspace_id', '=', workspaceId);
  if (q.state === 'unrated') s = s.where('rating', 'is', null);
  if (q.state === 'rated') s = s.where('rating', 'is not', null);
  if (q.departmentId) {
    const dep = q.departmentId;
    s = s.where((eb) => eb.or([eb('requesting_department_id', '=', dep), eb('giving_department_id', '=', dep)]));
  }
  if (q.before) s = s.where(sql<boolean>`(handed_at, id) < (${q.before.at}::timestamptz, ${q.before.id}::uuid)`);
  const rows = await s.orderBy('handed_at', 'desc').orderBy('id', 'desc').limit(q.limit).execute();
  return rows.map(toHandOff);
}

/** Ratings per pair of departments and score, rated in [from, to). */
export async function ratingCounts(db: Db, workspaceId: string, from: Date, to: Date) {
  const rows = await db
    .selectFrom('hand_offs')
    .select(['requesting_department_id as requesting', 'giving_department_id as giving', 'rating', sql<string>`count(*)`.as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('rating', 'is not', null)
    .where('rated_at', '>=', from)
    .where('rated_at', '<', to)
    .groupBy(['requesting_department_id', 'giving_department_id', 'rating'])
    .execute();
  return rows.map((r) => ({ requesting: r.requesting, giving: r.giving, rating: r.rating!, n: Number(r.n) }));
}

/** The latest comments per pair in [from, to), at most `perPair` each. */
export async function latestComments(db: Db, workspaceId: string, from: Date, to: Date, perPair: number) {
  const r = await sql<{ requesting: string; giving: string; rating: number; comment: string; rated_at: Date }>`
    SELECT requesting, giving, rating, comment, rated_at FROM (
      SELECT requesting_department_id AS requesting, giving_department_id AS giving, rating, comment, rated_at,
             row_number() OVER (PARTITION BY requesting_department_id, giving_department_id ORDER BY rated_at DESC, id DESC) AS k
      FROM hand_offs
      WHERE workspace_id = ${workspaceId} AND rating IS NOT NULL AND comment IS NOT NULL
        AND rated_at >= ${from} AND rated_at < ${to}) c
    WHERE k <= ${perPair} ORDER BY rated_at DESC`.execute(db);
  return r.rows;
}

/** The held message's sender, for a task's hand-off: its `source` (a department's key, when it is one). */
export async function taskOrigin(db: Db, workspaceId: string, taskId: string) {
  return db
    .selectFrom('tasks as t')
    .leftJoin('outbox_messages as m', (j) => j.onRef('m.workspace_id', '=', 't.workspace_id').onRef('m.id', '=', 't.message_id'))
    .leftJoin('departments as d', (j) => j.onRef('d.workspace_id', '=', 't.workspace_id').onRef('d.key', '=', 'm.source'))
    .select(['t.title', 't.department_id as taskDepartmentId', 'd.id as senderDepartmentId'])
    .where('t.workspace_id', '=', workspaceId)
    .where('t.id', '=', taskId)
    .executeTakeFirst();
}
