// Recovery cases, their oopses and assignments; recovery settings; the department rotation.
import { sql, type Insertable, type Selectable } from 'kysely';
import { uuidv7 } from '../lib/ids.ts';
import type { Db } from './database.ts';
import type { CasesTable, OopsesTable, RecoverySettingsTable } from './schema.ts';

export type CaseRow = Selectable<CasesTable>;
export type OopsRow = Selectable<OopsesTable>;
export type RecoverySettingsRow = Selectable<RecoverySettingsTable>;

/** The workspace's recovery settings, made with the defaults on first use; undefined for no such workspace. */
export async function readRecoverySettings(db: Db, workspaceId: string, now: Date): Promise<RecoverySettingsRow | undefined> {
  const select = () => db.selectFrom('recovery_settings').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
  const r = await select();
  if (r) return r;
  await sql`INSERT INTO recovery_settings (workspace_id, updated_at) SELECT id, ${now} FROM workspaces WHERE id = ${workspaceId}
    ON CONFLICT (workspace_id) DO NOTHING`.execute(db);
  return select();
}

/**
 * Serialises case creation in a workspace for the rest of the transaction: case numbers are
 * consecutive and two oopses of one customer cannot both open a case.
 */
export async function lockCaseCreation(tx: Db, workspaceId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`cases:${workspaceId}`}, 0))`.execute(tx);
}

export async function findOpenCase(tx: Db, workspaceId: string, customerId: string): Promise<CaseRow | undefined> {
  return tx
    .selectFrom('cases')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', '=', customerId)
    .where('status', '=', 'open')
    .forUpdate()
    .executeTakeFirst();
}

export async function findCaseRow(db: Db, workspaceId: string, id: string, lock = false): Promise<CaseRow | undefined> {
  let q = db.selectFrom('cases').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function nextCaseNumber(tx: Db, workspaceId: string): Promise<number> {
  const r = await tx
    .selectFrom('cases')
    .select((eb) => eb.fn.coalesce(eb.fn.max('number'), sql<number>`0`).as('n'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  return Number(r.n) + 1;
}

export async function insertCase(tx: Db, row: Insertable<CasesTable>): Promise<void> {
  await tx.insertInto('cases').values(row).execute();
}

export async function updateCase(tx: Db, workspaceId: string, id: string, set: Partial<Insertable<CasesTable>>): Promise<void> {
  await tx.updateTable('cases').set(set).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

/** Inserts the oops unless one with its dedupe key exists; false for a repeat. */
export async function insertOops(tx: Db, row: Insertable<OopsesTable>): Promise<boolean> {
  const r = await tx
    .insertInto('oopses')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .execute();
  return r.length > 0;
}

export async function findOopsByKey(tx: Db, workspaceId: string, key: string): Promise<OopsRow | undefined> {
  return tx.selectFrom('oopses').selectAll().where('workspace_id', '=', workspaceId).where('dedupe_key', '=', key).executeTakeFirst();
}

export async function oopsesOf(db: Db, workspaceId: string, caseIds: string[]): Promise<Map<string, OopsRow[]>> {
  const out = new Map<string, OopsRow[]>();
  if (!caseIds.length) return out;
  const rows = await db
    .selectFrom('oopses')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('case_id', 'in', caseIds)
    .orderBy('occurred_at')
    .execute();
  for (const r of rows) out.set(r.case_id, [...(out.get(r.case_id) ?? []), r]);
  return out;
}

export async function insertAssignment(
  tx: Db,
  row: {
    workspace_id: string;
    case_id: string;
    at: Date;
    owner_id: string | null;
    department_id: string | null;
    by_user: string | null;
    how: 'round_robin' | 'named' | 'reassigned' | 'unassigned';
  },
): Promise<void> {
  await tx
    .insertInto('case_assignments')
    .values({ ...row, id: uuidv7(row.at.getTime()) })
    .execute();
}

/** The department's next member after the one who got its last case (by user id order), and remembers them. */
export async function rotateOwner(tx: Db, workspaceId: string, departmentId: string): Promise<string | undefined> {
  const members = await tx
    .selectFrom('department_members as m')
    .innerJoin('users as u', (j) => j.onRef('u.workspace_id', '=', 'm.workspace_id').onRef('u.id', '=', 'm.user_id'))
    .select('m.user_id')
    .where('m.workspace_id', '=', workspaceId)
    .where('m.department_id', '=', departmentId)
    .where('u.disabled_at', 'is', null)
    .orderBy('m.user_id')
    .execute();
  if (!members.length) return undefined;
  const last = await tx
    .selectFrom('department_rotation')
    .select('last_user_id')
    .where('workspace_id', '=', workspaceId)
    .where('department_id', '=', departmentId)
    .forUpdate()
    .executeTakeFirst();
  const ids = members.map((m) => m.user_id);
  const next = ids.find((id) => last && id > last.last_user_id) ?? ids[0]!;
  await tx
    .insertInto('department_rotation')
    .values({ workspace_id: workspaceId, department_id: departmentId, last_user_id: next })
    .onConflict((oc) => oc.columns(['workspace_id', 'department_id']).doUpdateSet({ last_user_id: next }))
    .execute();
  return next;
}

export async function listCaseRows(
  db: Db,
  workspaceId: string,
  f: {
    status: 'open' | 'closed';
    ownerId?: string;
    departmentId?: string;
    customerId?: string;
    origin?: string;
    breached?: boolean;
    limit: number;
    after?: { at: Date; id: string };
  },
): Promise<CaseRow[]> {
  let q = db.selectFrom('cases').selectAll().where('workspace_id', '=', workspaceId).where('status', '=', f.status);
  if (f.ownerId) q = q.where('owner_id', '=', f.ownerId);
  if (f.departmentId) q = q.where('department_id', '=', f.departmentId);
  if (f.customerId) q = q.where('customer_id', '=', f.customerId);
  if (f.origin) q = q.where('origin', '=', f.origin as CaseRow['origin']);
  if (f.breached !== undefined) q = q.where('breached_at', f.breached ? 'is not' : 'is', null);
  // Open cases by time left (soonest due first); closed ones newest first.
  if (f.status === 'open') {
    if (f.after)
      q = q.where((eb) => eb.or([eb('due_at', '>', f.after!.at), eb.and([eb('due_at', '=', f.after!.at), eb('id', '>', f.after!.id)])]));
    return q.orderBy('due_at').orderBy('id').limit(f.limit).execute();
  }
  if (f.after)
    q = q.where((eb) =>
      eb.or([eb('opened_at', '<', f.after!.at), eb.and([eb('opened_at', '=', f.after!.at), eb('id', '<', f.after!.id)])]),
    );
  return q.orderBy('opened_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

/** Managers of a department (or of the workspace when it has none) and the owner, for notices. */
export async function staffEmails(db: Db, workspaceId: string, ids: string[]) {
  if (!ids.length) return [];
  return db.selectFrom('users').select(['id', 'email', 'name']).where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
}

export async function departmentManagers(db: Db, workspaceId: string, departmentId: string | null): Promise<string[]> {
  let q = db
    .selectFrom('users as u')
    .select('u.id')
    .where('u.workspace_id', '=', workspaceId)
    .where('u.role', 'in', ['manager', 'admin'])
    .where('u.disabled_at', 'is', null);
  if (departmentId) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('department_members as m')
          .select('m.user_id')
          .whereRef('m.workspace_id', '=', 'u.workspace_id')
          .whereRef('m.user_id', '=', 'u.id')
          .where('m.department_id', '=', departmentId),
      ),
    );
  }
  return (await q.execute()).map((r) => r.id);
}

/**
 * Queues oops reports for the recovery worker, in the caller's transaction (one statement for
 * all of them): an answer commits with the promise that its case will be opened, without paying
 * for opening it. The job key makes a retried report one job.
 */
export async function enqueueOopsReports(
  tx: Db,
  workspaceId: string,
  reports: { key: string; report: Record<string, unknown> }[],
  /** By Kept's clock, which the worker keeps too (useNodeTime), not the database's. */
  runAt: Date,
): Promise<void> {
  if (!reports.length) return;
  await sql`SELECT count(*) FROM graphile_worker.add_jobs(ARRAY(
      SELECT ROW('report_oops', json_build_object('workspaceId', ${workspaceId}::text, 'report', r.report), NULL, ${runAt}::timestamptz, 25,
                 'oops:' || r.key, 0, NULL)::graphile_worker.job_spec
      FROM unnest(${reports.map((r) => r.key)}::text[], ${reports.map((r) => JSON.stringify(r.report))}::json[]) AS r(key, report)))`.execute(
    tx,
  );
}

/** A staff member who is not disabled, with their role; undefined otherwise. */
export async function activeStaff(db: Db, workspaceId: string, id: string) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'role'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function departmentExists(db: Db, workspaceId: string, id: string): Promise<boolean> {
  const r = await db.selectFrom('departments').select('id').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return !!r;
}

/** Every assignment of a case, oldest first. */
export async function assignmentsOf(db: Db, workspaceId: string, caseId: string) {
  return db
    .selectFrom('case_assignments')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('case_id', '=', caseId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export async function updateRecoverySettings(
  db: Db,
  workspaceId: string,
  set: Omit<Insertable<RecoverySettingsTable>, 'workspace_id'>,
): Promise<void> {
  await db.updateTable('recovery_settings').set(set).where('workspace_id', '=', workspaceId).execute();
}
