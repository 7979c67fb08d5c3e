// Everything Kept holds about one customer, found through every table that links to them:
// read for an export, or deleted for an erasure. The links, walked from schema.ts:
//   customer_id:   events, invitations, survey_contacts, unsubscribes, responses, mails, cases,
//                  complaints, commitments, outbox_messages, tasks
//   via a case:    oopses, case_steps, case_assignments, case_messages, restitution_offers, complaints.case_id,
//                  commitments.case_id / oops_case_id, invitations.case_id (follow-ups)
//   via a mail:    mail_resends (and mails sent to the customer's address without a customer)
//   via a promise: commitment_changes
//   via an event:  webhook_deliveries.event_id (+ webhook_attempts); deliveries whose payload
//                  names the customer or one of their cases
//   learning:      rule_friction, rule_exceptions (also via a case), improvement_feedback,
//                  improvement_notices, review_question_customers (their words and answers)
// Aggregates (score_rollups) are rebuilt by the caller; cause_outreach keeps its counts.
// Tables with no link to a customer (staff, settings, surveys, causes, templates, guard rules,
// webhook subscriptions, the audit log) are left alone: the audit log holds ids, not personal data.
import { sql } from 'kysely';
import type { Db } from './database.ts';
import { emailHash } from './unsubscribes.ts';

/** A row as stored, its columns in camelCase. */
export type DataRow = Record<string, unknown>;

export interface CustomerData {
  customer: DataRow;
  events: DataRow[];
  invitations: DataRow[];
  surveyContacts: DataRow[];
  unsubscribes: DataRow[];
  responses: DataRow[];
  mails: DataRow[];
  mailResends: DataRow[];
  cases: DataRow[];
  oopses: DataRow[];
  caseSteps: DataRow[];
  caseAssignments: DataRow[];
  caseMessages: DataRow[];
  restitutionOffers: DataRow[];
  complaints: DataRow[];
  commitments: DataRow[];
  commitmentChanges: DataRow[];
  commitmentNotices: DataRow[];
  outboxMessages: DataRow[];
  tasks: DataRow[];
  webhookDeliveries: DataRow[];
  webhookAttempts: DataRow[];
  ruleFriction: DataRow[];
  ruleExceptions: DataRow[];
  improvementFeedback: DataRow[];
  improvementNotices: DataRow[];
  reviewQuestions: DataRow[];
}

const camel = (k: string) => k.replace(/_([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());
const toData = (r: Record<string, unknown>): DataRow => Object.fromEntries(Object.entries(r).map(([k, v]) => [camel(k), v]));

const ids = (rows: Record<string, unknown>[], key = 'id') => rows.map((r) => r[key] as string);

/** The ids an erasure or export follows from the customer: their events, cases, mails, invitations, promises. */
async function links(db: Db, ws: string, customerId: string, email: string | null) {
  const one = async (q: ReturnType<typeof sql<{ id: string }>>) => ids((await q.execute(db)).rows);
  const events = await one(sql`SELECT id FROM events WHERE workspace_id = ${ws} AND customer_id = ${customerId}`);
  const cases = await one(sql`SELECT id FROM cases WHERE workspace_id = ${ws} AND customer_id = ${customerId}`);
  const invitations = await one(sql`SELECT id FROM invitations WHERE workspace_id = ${ws}
    AND (customer_id = ${customerId} OR case_id = ANY(${cases}::uuid[]))`);
  const mails = await one(sql`SELECT id FROM mails WHERE workspace_id = ${ws}
    AND (customer_id = ${customerId} OR invitation_id = ANY(${invitations}::uuid[])
         OR (${email}::text IS NOT NULL AND lower(btrim(to_address)) = lower(btrim(${email}::text))))`);
  const commitments = await one(sql`SELECT id FROM commitments WHERE workspace_id = ${ws}
    AND (customer_id = ${customerId} OR case_id = ANY(${cases}::uuid[]) OR oops_case_id = ANY(${cases}::uuid[]))`);
  const mentions = [customerId, ...cases].map((id) => `%${id}%`);
  const deliveries = await one(sql`SELECT id FROM webhook_deliveries WHERE workspace_id = ${ws}
    AND (event_id = ANY(${events}::uuid[]) OR payload::text LIKE ANY(${mentions}::text[]))`);
  return { events, cases, invitations, mails, commitments, deliveries };
}

async function findCustomerRow(db: Db, ws: string, customerId: string, lock: boolean) {
  const r = await sql<Record<string, unknown>>`SELECT * FROM customers WHERE workspace_id = ${ws} AND id = ${customerId}
    ${lock ? sql`FOR UPDATE` : sql``}`.execute(db);
  return r.rows[0];
}

/** Every row Kept holds about the customer, or undefined when there is no such customer. */
export async function readCustomerData(db: Db, ws: string, customerId: string): Promise<CustomerData | undefined> {
  const customer = await findCustomerRow(db, ws, customerId, false);
  if (!customer) return undefined;
  const l = await links(db, ws, customerId, customer.email as string | null);
  const rows = async (table: string, where: ReturnType<typeof sql>, order = 'id') =>
    (
      await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)} WHERE workspace_id = ${ws} AND ${where}
      ORDER BY ${sql.ref(order)}`.execute(db)
    ).rows.map(toData);
  const byCustomer = sql`customer_id = ${customerId}`;
  const inCases = sql`case_id = ANY(${l.cases}::uuid[])`;
  return {
    customer: toData(customer),
    events: await rows('events', byCustomer),
    invitations: await rows('invitations', sql`id = ANY(${l.invitations}::uuid[])`),
    surveyContacts: await rows('survey_contacts', byCustomer, 'customer_id'),
    unsubscribes: await rows('unsubscribes', byCustomer, 'customer_id'),
    responses: await rows('responses', byCustomer),
    mails: await rows('mails', sql`id = ANY(${l.mails}::uuid[])`),
    mailResends: await rows('mail_resends', sql`mail_id = ANY(${l.mails}::uuid[])`),
    cases: await rows('cases', byCustomer),
    oopses: await rows('oopses', inCases),
    caseSteps: await rows('case_steps', inCases, 'at'),
    caseAssignments: await rows('case_assignments', inCases),
    caseMessages: await rows('case_messages', inCases),
    restitutionOffers: await rows('restitution_offers', inCases, 'offered_at'),
    complaints: await rows('complaints', sql`(customer_id = ${customerId} OR ${inCases})`),
    commitments: await rows('commitments', sql`id = ANY(${l.commitments}::uuid[])`),
    commitmentChanges: await rows('commitment_changes', sql`commitment_id = ANY(${l.commitments}::uuid[])`),
    commitmentNotices: await rows('commitment_notices', sql`commitment_id = ANY(${l.commitments}::uuid[])`, 'at'),
    outboxMessages: await rows('outbox_messages', byCustomer),
    tasks: await rows('tasks', byCustomer),
    webhookDeliveries: await rows('webhook_deliveries', sql`id = ANY(${l.deliveries}::uuid[])`),
    webhookAttempts: await rows('webhook_attempts', sql`delivery_id = ANY(${l.deliveries}::uuid[])`, 'attempted_at'),
    ruleFriction: await rows('rule_friction', byCustomer),
    ruleExceptions: await rows('rule_exceptions', sql`(customer_id = ${customerId} OR ${inCases})`),
    improvementFeedback: await rows('improvement_feedback', byCustomer, 'item_id'),
    improvementNotices: await rows('improvement_notices', byCustomer, 'improvement_id'),
    reviewQuestions: await rows('review_question_customers', byCustomer),
  };
}

/** Rows removed per table. */
export type ErasedCounts = Record<string, number>;

/**
 * Deletes every row about the customer inside the caller's transaction, children first. An
 * unsubscribe survives as the hash of their address. Answers the rows removed per table, or
 * undefined when there is no such customer.
 */
export async function deleteCustomerData(tx: Db, ws: string, customerId: string): Promise<ErasedCounts | undefined> {
  const customer = await findCustomerRow(tx, ws, customerId, true);
  if (!customer) return undefined;
  const l = await links(tx, ws, customerId, customer.email as string | null);
  const counts: ErasedCounts = {};
  const del = async (table: string, where: ReturnType<typeof sql>) => {
    const r = await sql`DELETE FROM ${sql.table(table)} WHERE workspace_id = ${ws} AND ${where}`.execute(tx);
    counts[table] = (counts[table] ?? 0) + Number(r.numAffectedRows ?? 0);
  };
  const byCustomer = sql`customer_id = ${customerId}`;
  const inCases = sql`case_id = ANY(${l.cases}::uuid[])`;

  await sql`INSERT INTO unsubscribed_addresses (workspace_id, email_hash, unsubscribed_at, via)
    SELECT u.workspace_id, ${emailHash(sql.ref('c.email'))}, u.unsubscribed_at, u.via
    FROM unsubscribes u JOIN customers c ON c.workspace_id = u.workspace_id AND c.id = u.customer_id
    WHERE u.workspace_id = ${ws} AND u.customer_id = ${customerId} AND c.email IS NOT NULL
    ON CONFLICT (workspace_id, email_hash) DO NOTHING`.execute(tx);

  await del('webhook_attempts', sql`delivery_id = ANY(${l.deliveries}::uuid[])`);
  await del('webhook_deliveries', sql`id = ANY(${l.deliveries}::uuid[])`);
  await del('mail_resends', sql`mail_id = ANY(${l.mails}::uuid[])`);
  await del('case_messages', sql`(${inCases} OR mail_id = ANY(${l.mails}::uuid[]))`);
  await del('commitment_changes', sql`commitment_id = ANY(${l.commitments}::uuid[])`);
  await del('commitment_notices', sql`commitment_id = ANY(${l.commitments}::uuid[])`);
  await del('commitments', sql`id = ANY(${l.commitments}::uuid[])`);
  await del('case_steps', inCases);
  await del('restitution_offers', inCases);
  await del('case_assignments', inCases);
  await del('oopses', inCases);
  await del('complaints', sql`(customer_id = ${customerId} OR ${inCases})`);
  await del('responses', sql`(customer_id = ${customerId} OR invitation_id = ANY(${l.invitations}::uuid[]))`);
  await del('invitations', sql`id = ANY(${l.invitations}::uuid[])`);
  // Hand-offs between departments stay (they rate the departments' work), without the titles that
  // named the customer's case or task; kudos hold the customer's own words, so they go.
  await sql`UPDATE hand_offs SET title = 'Erased with the customer’s data' WHERE workspace_id = ${ws}
    AND ((kind = 'case' AND ref_id = ANY(${l.cases}::uuid[]))
      OR (kind = 'task' AND ref_id IN (SELECT id FROM tasks WHERE workspace_id = ${ws} AND customer_id = ${customerId})))`.execute(tx);
  await del('kudos', byCustomer);
  // What the customer said about a rule, and their answers to its review, go with them; the rule's
  // figures count what is left. An exception granted on their case goes with the case.
  await del('rule_friction', byCustomer);
  await del('rule_exceptions', sql`(customer_id = ${customerId} OR ${inCases})`);
  await del('improvement_feedback', byCustomer);
  await del('improvement_notices', byCustomer);
  await del('review_question_customers', byCustomer);
  await del('tasks', byCustomer);
  await del('outbox_messages', byCustomer);
  await del('mails', sql`id = ANY(${l.mails}::uuid[])`);
  await del('cases', sql`id = ANY(${l.cases}::uuid[])`);
  // Other rows that point at what went: the pointers go, the rows stay.
  await sql`UPDATE tasks SET closed_by_event = NULL WHERE workspace_id = ${ws} AND closed_by_event = ANY(${l.events}::uuid[])`.execute(tx);
  await sql`UPDATE outbox_messages SET mail_id = NULL WHERE workspace_id = ${ws} AND mail_id = ANY(${l.mails}::uuid[])`.execute(tx);
  await del('events', byCustomer);
  await del('survey_contacts', byCustomer);
  await del('unsubscribes', byCustomer);
  await del('customers', sql`id = ${customerId}`);
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
}

/** The workspaces that have a customer with this id (for the CLI, which is not signed in to one). */
export async function customerWorkspaces(db: Db, customerId: string): Promise<string[]> {
  const r = await sql<{ workspace_id: string }>`SELECT workspace_id FROM customers WHERE id = ${customerId}::uuid`.execute(db);
  return r.rows.map((x) => x.workspace_id);
}
