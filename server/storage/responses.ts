// Answers to surveys. Written only by the customer's own submission or an import.
import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db } from './database.ts';
import type { ResponsesTable } from './schema.ts';

export type ResponseRow = Selectable<ResponsesTable>;

export async function findResponseByInvitation(tx: Db, workspaceId: string, invitationId: string): Promise<ResponseRow | undefined> {
  return tx
    .selectFrom('responses')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('invitation_id', '=', invitationId)
    .executeTakeFirst();
}

export async function insertResponse(tx: Db, row: Insertable<ResponsesTable>): Promise<void> {
  await tx.insertInto('responses').values(row).execute();
}

/** Inserts answers, skipping those whose (source, idempotency key) is stored; returns the ids inserted. */
export async function insertResponses(tx: Db, rows: Insertable<ResponsesTable>[]): Promise<Set<string>> {
  if (!rows.length) return new Set();
  const r = await tx
    .insertInto('responses')
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .execute();
  return new Set(r.map((x) => x.id));
}

export async function findResponsesByKeys(tx: Db, workspaceId: string, keys: { source: string; key: string }[]) {
  if (!keys.length) return [];
  const r = await sql<{ id: string; customer_id: string; source: string; idempotency_key: string }>`
    SELECT r.id, r.customer_id, r.source, r.idempotency_key FROM responses r
    JOIN unnest(${keys.map((k) => k.source)}::text[], ${keys.map((k) => k.key)}::text[]) AS k(source, key)
      ON r.source = k.source AND r.idempotency_key = k.key
    WHERE r.workspace_id = ${workspaceId}`.execute(tx);
  return r.rows;
}

export async function updateResponseAnswer(
  tx: Db,
  workspaceId: string,
  id: string,
  a: { score: number; reason: string | null; answers: Record<string, string>; locale: string | null; updatedAt: Date },
): Promise<void> {
  await tx
    .updateTable('responses')
    .set({ score: a.score, reason: a.reason, answers: JSON.stringify(a.answers), locale: a.locale, updated_at: a.updatedAt })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function markInvitationAnswered(tx: Db, workspaceId: string, invitationId: string, at: Date): Promise<void> {
  await tx
    .updateTable('invitations')
    .set({ answered_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', invitationId)
    .where('answered_at', 'is', null)
    .execute();
}

export async function findResponsesByInvitations(tx: Db, workspaceId: string, invitationIds: string[]): Promise<Map<string, ResponseRow>> {
  if (!invitationIds.length) return new Map();
  const rows = await tx
    .selectFrom('responses')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('invitation_id', 'in', [...new Set(invitationIds)])
    .execute();
  return new Map(rows.map((r) => [r.invitation_id!, r]));
}

export async function markInvitationsAnswered(tx: Db, workspaceId: string, invitationIds: string[], at: Date): Promise<void> {
  if (!invitationIds.length) return;
  await tx
    .updateTable('invitations')
    .set({ answered_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', invitationIds)
    .where('answered_at', 'is', null)
    .execute();
}
