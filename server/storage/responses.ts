// Answers to surveys. Written only by the customer's own submission or an import.
import { sql, type Selectable } from 'kysely';
import type { Response } from '../../contract/answers.ts';
import { prepared, withWorkspaceColumn, type Db } from './database.ts';
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

export const toResponseRecord = (r: Selectable<ResponsesTable>): ResponseRecord => ({
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

// The rows of an insert as arrays, one per column, for a statement whose text is the same for any
// number of rows (unnest): PostgreSQL plans it once per connection as a named statement.
export const columnsOf = (responses: ResponseRecord[]) => [
  responses.map((x) => x.id),
  responses.map((x) => x.surveyId),
  responses.map((x) => x.customerId),
  responses.map((x) => x.invitationId),
  responses.map((x) => x.kind),
  responses.map((x) => x.score),
  responses.map((x) => x.reason),
  responses.map((x) => JSON.stringify(x.answers)),
  responses.map((x) => x.channel),
  responses.map((x) => x.handPicked),
  responses.map((x) => x.locale),
  responses.map((x) => JSON.stringify(x.segment)),
  responses.map((x) => x.answeredAt),
  responses.map((x) => x.receivedAt),
  responses.map((x) => x.updatedAt),
  responses.map((x) => x.closesAt),
  responses.map((x) => x.source),
  responses.map((x) => x.idempotencyKey),
];

const insertRows = (workspaceId: string, responses: ResponseRecord[]) => {
  const [
    id,
    survey,
    customer,
    invitation,
    kind,
    score,
    reason,
    answers,
    channel,
    handPicked,
    locale,
    segment,
    answeredAt,
    receivedAt,
    updatedAt,
    closesAt,
    source,
    key,
  ] = columnsOf(responses);
  return sql`INSERT INTO responses (workspace_id, id, survey_id, customer_id, invitation_id, kind, score, reason, answers, channel,
      hand_picked, locale, segment, answered_at, received_at, updated_at, closes_at, source, idempotency_key)
    SELECT ${workspaceId}::uuid, * FROM unnest(${id}::uuid[], ${survey}::uuid[], ${customer}::uuid[], ${invitation}::uuid[], ${kind}::text[],
      ${score}::smallint[], ${reason}::text[], ${answers}::jsonb[], ${channel}::text[], ${handPicked}::boolean[], ${locale}::text[],
      ${segment}::jsonb[], ${answeredAt}::timestamptz[], ${receivedAt}::timestamptz[], ${updatedAt}::timestamptz[], ${closesAt}::timestamptz[],
      ${source}::text[], ${key}::text[])
    ON CONFLICT DO NOTHING`;
};

/** Inserts answers (of one workspace), skipping those whose (source, idempotency key) is stored; returns the ids inserted. */
export async function insertResponses(tx: Db, responses: ResponseRecord[]): Promise<Set<string>> {
  if (!responses.length) return new Set();
  const r = await prepared(sql<{ id: string }>`${insertRows(responses[0]!.workspaceId, responses)} RETURNING id`).execute(tx);
  return new Set(r.rows.map((x) => x.id));
}

/**
 * Inserts customers' answers to invitations (of one workspace) and marks those invitations
 * answered at `at`, in one statement.
 */
export async function insertAnswers(tx: Db, workspaceId: string, responses: ResponseRecord[], at: Date): Promise<void> {
  if (!responses.length) return;
  await prepared(sql`WITH r AS (${insertRows(workspaceId, responses)} RETURNING invitation_id)
    UPDATE invitations i SET answered_at = ${at}::timestamptz FROM r
    WHERE i.workspace_id = ${workspaceId}::uuid AND i.id = r.invitation_id AND i.answered_at IS NULL`).execute(tx);
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
    JOIN ${withWorkspaceColumn(workspaceId, sql`unnest(${keys.map((k) => k.source)}::text[], ${keys.map((k) => k.key)}::text[]) AS k(source, key)`)} k
      -- The workspace as a column: see withWorkspaceColumn.
      ON r.workspace_id = k.ws AND r.source = k.source AND r.idempotency_key = k.key`.execute(tx);
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
