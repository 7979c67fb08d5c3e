// The oopses (each thing that went wrong, on the case it opened or joined) and the queue of oops
// reports the recovery worker takes. Rows are mapped to camelCase records here.
import { sql, type Selectable } from 'kysely';
import type { CaseOrigin } from '../../contract/cases.ts';
import { prepared, type Db } from './database.ts';
import type { OopsesTable } from './schema.ts';

/** One thing that went wrong, on the case it opened or joined. */
export interface Oops {
  workspaceId: string;
  id: string;
  caseId: string;
  kind: CaseOrigin;
  occurredAt: Date;
  reportedAt: Date;
  summary: string;
  ref: Record<string, unknown>;
  dedupeKey: string | null;
}

const toOops = (r: Selectable<OopsesTable>): Oops => ({
  workspaceId: r.workspace_id,
  id: r.id,
  caseId: r.case_id,
  kind: r.kind,
  occurredAt: r.occurred_at,
  reportedAt: r.reported_at,
  summary: r.summary,
  ref: r.ref,
  dedupeKey: r.dedupe_key,
});

/** Inserts the oops unless one with its dedupe key exists; false for a repeat. */
export async function insertOops(tx: Db, o: Oops): Promise<boolean> {
  return (await insertOopses(tx, [o])) > 0;
}

/** Inserts the oopses, skipping repeats of a dedupe key; answers how many were new. */
export async function insertOopses(tx: Db, list: Oops[]): Promise<number> {
  if (!list.length) return 0;
  const r = await tx
    .insertInto('oopses')
    .values(
      list.map((o) => ({
        workspace_id: o.workspaceId,
        id: o.id,
        case_id: o.caseId,
        kind: o.kind,
        occurred_at: o.occurredAt,
        reported_at: o.reportedAt,
        summary: o.summary,
        ref: JSON.stringify(o.ref),
        dedupe_key: o.dedupeKey,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .execute();
  return r.length;
}

/** The case of each dedupe key already reported, by key. */
export async function findOopsesByKeys(tx: Db, workspaceId: string, keys: string[]): Promise<Map<string, string>> {
  if (!keys.length) return new Map();
  const r = await tx
    .selectFrom('oopses')
    .select(['dedupe_key', 'case_id'])
    .where('workspace_id', '=', workspaceId)
    .where('dedupe_key', 'in', keys)
    .execute();
  return new Map(r.map((x) => [x.dedupe_key!, x.case_id]));
}

export async function findOopsByKey(tx: Db, workspaceId: string, key: string): Promise<Oops | undefined> {
  const r = await tx
    .selectFrom('oopses')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('dedupe_key', '=', key)
    .executeTakeFirst();
  return r && toOops(r);
}

export async function oopsesOf(db: Db, workspaceId: string, caseIds: string[]): Promise<Map<string, Oops[]>> {
  const out = new Map<string, Oops[]>();
  if (!caseIds.length) return out;
  const rows = await db
    .selectFrom('oopses')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('case_id', 'in', caseIds)
    .orderBy('occurred_at')
    .execute();
  for (const r of rows) out.set(r.case_id, [...(out.get(r.case_id) ?? []), toOops(r)]);
  return out;
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
  await prepared(sql`SELECT count(*) FROM graphile_worker.add_jobs(ARRAY(
      SELECT ROW('report_oops', json_build_object('workspaceId', ${workspaceId}::text, 'report', r.report), NULL, ${runAt}::timestamptz, 25,
                 'oops:' || r.key, 0, NULL)::graphile_worker.job_spec
      FROM unnest(${reports.map((r) => r.key)}::text[], ${reports.map((r) => JSON.stringify(r.report))}::json[]) AS r(key, report)))`).execute(
    tx,
  );
}
