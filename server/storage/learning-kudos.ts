// Learning storage: kudos (recognition) and the staff directory their names are matched against.
import { sql, type Selectable } from 'kysely';
import { prepared, type Db } from './database.ts';
import type { KudosSource, KudosStatus, KudosTable } from './schema.ts';
import type { SurveyKind } from '../../contract/surveys.ts';

export interface KudosRecord {
  id: string;
  status: KudosStatus;
  sourceKind: KudosSource;
  sourceId: string | null;
  matched: string;
  staffId: string | null;
  candidateIds: string[];
  departmentIds: string[];
  customerId: string | null;
  words: string;
  byUser: string | null;
  createdAt: Date;
  resolvedAt: Date | null;
  resolvedBy: string | null;
}

const toKudos = (r: Selectable<KudosTable>): KudosRecord => ({
  id: r.id,
  status: r.status,
  sourceKind: r.source_kind,
  sourceId: r.source_id,
  matched: r.matched,
  staffId: r.staff_id,
  candidateIds: r.candidate_ids,
  departmentIds: r.department_ids,
  customerId: r.customer_id,
  words: r.words,
  byUser: r.by_user,
  createdAt: r.created_at,
  resolvedAt: r.resolved_at,
  resolvedBy: r.resolved_by,
});

/** An active person of the workspace, with their departments. */
export interface StaffEntry {
  id: string;
  name: string;
  email: string;
  role: 'admin' | 'manager' | 'agent';
  departmentIds: string[];
}

export async function staffDirectory(db: Db, workspaceId: string): Promise<StaffEntry[]> {
  const rows = await db
    .selectFrom('users as u')
    .leftJoin('department_members as m', (j) => j.onRef('m.workspace_id', '=', 'u.workspace_id').onRef('m.user_id', '=', 'u.id'))
    .select([
      'u.id',
      'u.name',
      'u.email',
      'u.role',
      sql<string[]>`coalesce(array_agg(m.department_id) FILTER (WHERE m.department_id IS NOT NULL), '{}')`.as('deps'),
    ])
    .where('u.workspace_id', '=', workspaceId)
    .where('u.disabled_at', 'is', null)
    .groupBy(['u.id', 'u.name', 'u.email', 'u.role'])
    .orderBy('u.id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, email: r.email, role: r.role, departmentIds: r.deps }));
}

export type NewKudos = Omit<KudosRecord, 'resolvedAt' | 'resolvedBy'>;

/** False when this name from this source was recognised already. */
export async function insertKudos(tx: Db, workspaceId: string, k: NewKudos): Promise<boolean> {
  const r = await tx
    .insertInto('kudos')
    .values({
      workspace_id: workspaceId,
      id: k.id,
      status: k.status,
      source_kind: k.sourceKind,
      source_id: k.sourceId,
      matched: k.matched,
      staff_id: k.staffId,
      candidate_ids: k.candidateIds,
      department_ids: k.departmentIds,
      customer_id: k.customerId,
      words: k.words,
      by_user: k.byUser,
      created_at: k.createdAt,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'source_kind', 'source_id', 'matched']).where('source_id', 'is not', null).doNothing())
    .returning('id')
    .execute();
  return r.length > 0;
}

export async function findKudos(db: Db, workspaceId: string, id: string, lock = false): Promise<KudosRecord | undefined> {
  let q = db.selectFrom('kudos').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (lock) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r && toKudos(r);
}

export async function resolveKudos(
  tx: Db,
  workspaceId: string,
  id: string,
  set: { status: 'sent' | 'dismissed'; staffId: string | null; departmentIds: string[]; at: Date; by: string | null },
): Promise<void> {
  await tx
    .updateTable('kudos')
    .set({ status: set.status, staff_id: set.staffId, department_ids: set.departmentIds, resolved_at: set.at, resolved_by: set.by })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** The feed, newest first, keyset-paged by (created_at, id). */
export async function listKudos(
  db: Db,
  workspaceId: string,
  q: { status?: KudosStatus; departmentId?: string; staffId?: string; before?: { at: Date; id: string }; limit: number },
): Promise<KudosRecord[]> {
  let s = db.selectFrom('kudos').selectAll().where('workspace_id', '=', workspaceId);
  if (q.status) s = s.where('status', '=', q.status);
  if (q.departmentId) s = s.where(sql<boolean>`department_ids @> ARRAY[${q.departmentId}]::uuid[]`);
  if (q.staffId) s = s.where('staff_id', '=', q.staffId);
  if (q.before) s = s.where(sql<boolean>`(created_at, id) < (${q.before.at}::timestamptz, ${q.before.id}::uuid)`);
  const rows = await s.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.limit).execute();
  return rows.map(toKudos);
}

/** Names of people (also deactivated ones), for the feed. */
export async function staffNames(db: Db, workspaceId: string, ids: string[]): Promise<{ id: string; name: string }[]> {
  if (!ids.length) return [];
  return db.selectFrom('users').select(['id', 'name']).where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
}

/** An answer's words and score, for the praise check the answer queued. */
export async function answerForPraise(db: Db, workspaceId: string, id: string) {
  return (await answersForPraise(db, workspaceId, [id])).get(id);
}

/** The answers (as they are now) that praise checks look at, by id: one statement for a batch of checks. */
export async function answersForPraise(db: Db, workspaceId: string, ids: string[]) {
  const rows = await prepared(
    sql<{
      id: string;
      customer_id: string;
      kind: SurveyKind;
      score: number;
      reason: string | null;
      answers: Record<string, string>;
    }>`SELECT id, customer_id, kind, score, reason, answers FROM responses WHERE workspace_id = ${workspaceId}::uuid AND id = ANY(${ids}::uuid[])`,
  ).execute(db);
  return new Map(
    rows.rows.map((r) => [
      r.id,
      { id: r.id, customerId: r.customer_id, kind: r.kind, score: r.score, reason: r.reason, answers: r.answers },
    ]),
  );
}

/**
 * Queues a praise check per answer for the recovery worker, in the answer's own transaction (one
 * statement): the answer commits with the promise that its praise will be found, without paying
 * for the search. The job key makes a changed answer one check.
 */
export async function enqueuePraiseChecks(tx: Db, workspaceId: string, responseIds: string[], runAt: Date): Promise<void> {
  if (!responseIds.length) return;
  await prepared(sql`SELECT count(*) FROM graphile_worker.add_jobs(ARRAY(
      SELECT ROW('recognize_praise', json_build_object('workspaceId', ${workspaceId}::text, 'responseId', r.id), NULL, ${runAt}::timestamptz, 25,
                 'praise:' || r.id, 0, NULL)::graphile_worker.job_spec
      FROM unnest(${responseIds}::text[]) AS r(id)))`).execute(tx);
}
