// Complaints: storing one once per (source, idempotency key), linking it to its case, and
// reading them back with their customer and case number. Plain SQL, every value a parameter.
import { sql, type RawBuilder } from 'kysely';
import type { ComplaintChannel } from '../../contract/complaints.ts';
import type { Db } from './database.ts';

export interface NewComplaint {
  workspaceId: string;
  id: string;
  customerId: string;
  channel: ComplaintChannel;
  source: string;
  subject: string | null;
  body: string;
  reference: string | null;
  occurredAt: Date;
  receivedAt: Date;
  idempotencyKey: string | null;
}

/** A complaint with its customer and case number. */
export interface ComplaintRecord {
  id: string;
  customerId: string;
  channel: ComplaintChannel;
  source: string;
  subject: string | null;
  body: string;
  reference: string | null;
  occurredAt: Date;
  receivedAt: Date;
  caseId: string | null;
  joinedCase: boolean;
  idempotencyKey: string | null;
  caseNumber: number | null;
  customerName: string | null;
  customerEmail: string | null;
  customerExternalId: string | null;
}

/** The same, as the queries below read it. */
interface ComplaintRow {
  id: string;
  customer_id: string;
  channel: ComplaintChannel;
  source: string;
  subject: string | null;
  body: string;
  reference: string | null;
  occurred_at: Date;
  received_at: Date;
  case_id: string | null;
  joined_case: boolean;
  idempotency_key: string | null;
  case_number: number | null;
  customer_name: string | null;
  customer_email: string | null;
  customer_external_id: string | null;
}

const toComplaint = (r: ComplaintRow): ComplaintRecord => ({
  id: r.id,
  customerId: r.customer_id,
  channel: r.channel,
  source: r.source,
  subject: r.subject,
  body: r.body,
  reference: r.reference,
  occurredAt: r.occurred_at,
  receivedAt: r.received_at,
  caseId: r.case_id,
  joinedCase: r.joined_case,
  idempotencyKey: r.idempotency_key,
  caseNumber: r.case_number === null ? null : Number(r.case_number),
  customerName: r.customer_name,
  customerEmail: r.customer_email,
  customerExternalId: r.customer_external_id,
});

/**
 * Inserts the complaint unless its source already used the idempotency key; false for a repeat.
 * A concurrent insert of the same key waits for the other transaction and then sees the conflict.
 */
export async function insertComplaint(tx: Db, c: NewComplaint): Promise<boolean> {
  const r = await sql`INSERT INTO complaints
      (workspace_id, id, customer_id, channel, subject, body, reference, occurred_at, received_at, source, idempotency_key)
    VALUES (${c.workspaceId}, ${c.id}, ${c.customerId}, ${c.channel}, ${c.subject}, ${c.body}, ${c.reference},
      ${c.occurredAt}, ${c.receivedAt}, ${c.source}, ${c.idempotencyKey})
    ON CONFLICT (workspace_id, source, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING`.execute(tx);
  return Number(r.numAffectedRows) === 1;
}

export async function linkComplaintToCase(tx: Db, workspaceId: string, id: string, caseId: string, joined: boolean): Promise<void> {
  await sql`UPDATE complaints SET case_id = ${caseId}, joined_case = ${joined}
    WHERE workspace_id = ${workspaceId} AND id = ${id}`.execute(tx);
}

function select(workspaceId: string, where: RawBuilder<unknown>, tail: RawBuilder<unknown> = sql``) {
  return sql<ComplaintRow>`
    SELECT m.id, m.customer_id, m.channel, m.source, m.subject, m.body, m.reference, m.occurred_at, m.received_at,
           m.case_id, m.joined_case, m.idempotency_key, k.number AS case_number,
           c.name AS customer_name, c.email AS customer_email, c.external_id AS customer_external_id
    FROM complaints m
    JOIN customers c ON c.workspace_id = m.workspace_id AND c.id = m.customer_id
    LEFT JOIN cases k ON k.workspace_id = m.workspace_id AND k.id = m.case_id
    WHERE m.workspace_id = ${workspaceId} AND ${where}
    ${tail}`;
}

export async function findComplaint(db: Db, workspaceId: string, id: string): Promise<ComplaintRecord | undefined> {
  const r = (await select(workspaceId, sql`m.id = ${id}`).execute(db)).rows[0];
  return r && toComplaint(r);
}

export async function findComplaintByKey(db: Db, workspaceId: string, source: string, key: string): Promise<ComplaintRecord | undefined> {
  const r = (await select(workspaceId, sql`m.source = ${source} AND m.idempotency_key = ${key}`).execute(db)).rows[0];
  return r && toComplaint(r);
}

/** Newest first (ids are UUIDv7, so by receipt); `beforeId` is the keyset position. */
export async function listComplaints(
  db: Db,
  workspaceId: string,
  f: { customerId?: string; beforeId?: string; limit: number },
): Promise<ComplaintRecord[]> {
  const conditions = [sql`true`];
  if (f.customerId) conditions.push(sql`m.customer_id = ${f.customerId}`);
  if (f.beforeId) conditions.push(sql`m.id < ${f.beforeId}`);
  const r = await select(workspaceId, sql.join(conditions, sql` AND `), sql`ORDER BY m.id DESC LIMIT ${f.limit}`).execute(db);
  return r.rows.map(toComplaint);
}
