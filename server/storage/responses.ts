// Answers to surveys. Written only by the customer's own submission or an import.
import { sql, type Selectable } from 'kysely';
import type { Response } from '../../contract/answers.ts';
import type { Db } from './database.ts';
import type { ResponsesTable } from './schema.ts';

export type ResponseChannel = Response['channel'];

export interface ResponseRecord {
  workspaceId: string;
  id: string;
  surveyId: string;
  customerId: string;
  invitationId: string | null;
  kind: Response['kind'];
  score: number;
  reason: string | null;
  answers: Record<string, string>;
  channel: ResponseChannel;
  handPicked: boolean;
  locale: string | null;
  /** The customer's attributes when answering, as strings. */
  segment: Record<string, string>;
  answeredAt: Date;
  receivedAt: Date;
  updatedAt: Date;
  /** Until when the customer may change it; null for an imported answer. */
  closesAt: Date | null;
  source: string;
  idempotencyKey: string | null;
}

const toResponseRecord = (r: Selectable<ResponsesTable>): ResponseRecord => ({
  workspaceId: r.workspace_id,
  id: r.id,
  surveyId: r.survey_id,
  customerId: r.customer_id,
  invitationId: r.invitation_id,
  kind: r.kind,
  score: r.score,
  reason: r.reason,
  answers: r.answers,
  channel: r.channel,
  handPicked: r.hand_picked,
  locale: r.locale,
  segment: r.segment,
  answeredAt: r.answered_at,
  receivedAt: r.received_at,
  updatedAt: r.updated_at,
  closesAt: r.closes_at,
  source: r.source,
  idempotencyKey: r.idempotency_key,
});

export async function findResponseByInvitation(tx: Db, workspaceId: string, invitationId: string): Promise<ResponseRecord | undefined> {
  const r = await tx
    .selectFrom('responses')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('invitation_id', '=', invitationId)
    .executeTakeFirst();
  return r && toResponseRecord(r);
}

/** Inserts answers, skipping those whose (source, idempotency key) is stored; returns the ids inserted. */
export async function insertResponses(tx: Db, responses: ResponseRecord[]): Promise<Set<string>> {
  if (!responses.length) return new Set();
  const r = await tx
    .insertInto('responses')
    .values(
      responses.map((x) => ({
        workspace_id: x.workspaceId,
        id: x.id,
        survey_id: x.surveyId,
        customer_id: x.customerId,
        invitation_id: x.invitationId,
        kind: x.kind,
        score: x.score,
        reason: x.reason,
        answers: JSON.stringify(x.answers),
        channel: x.channel,
        hand_picked: x.handPicked,
        locale: x.locale,
        segment: JSON.stringify(x.segment),
        answered_at: x.answeredAt,
        received_at: x.receivedAt,
        updated_at: x.updatedAt,
        closes_at: x.closesAt,
        source: x.source,
        idempotency_key: x.idempotencyKey,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .execute();
  return new Set(r.map((x) => x.id));
}

/** The stored answers with these (source, idempotency key) pairs: their ids and customers. */
export async function findResponsesByKeys(
  tx: Db,
  workspaceId: string,
  keys: { source: string; key: string }[],
): Promise<{ id: string; customerId: string; source: string; idempotencyKey: string }[]> {
  if (!keys.length) return [];
  const r = await sql<{ id: string; customer_id: string; source: string; idempotency_key: string }>`
    SELECT r.id, r.customer_id, r.source, r.idempotency_key FROM responses r
    JOIN unnest(${keys.map((k) => k.source)}::text[], ${keys.map((k) => k.key)}::text[]) AS k(source, key)
      ON r.source = k.source AND r.idempotency_key = k.key
    WHERE r.workspace_id = ${workspaceId}`.execute(tx);
  return r.rows.map((x) => ({ id: x.id, customerId: x.customer_id, source: x.source, idempotencyKey: x.idempotency_key }));
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

export async function findResponsesByInvitations(
  tx: Db,
  workspaceId: string,
  invitationIds: string[],
): Promise<Map<string, ResponseRecord>> {
  if (!invitationIds.length) return new Map();
  const rows = await tx
    .selectFrom('responses')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('invitation_id', 'in', [...new Set(invitationIds)])
    .execute();
  return new Map(rows.map((r) => [r.invitation_id!, toResponseRecord(r)]));
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
