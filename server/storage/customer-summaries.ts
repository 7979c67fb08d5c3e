// What the customers list shows beside each customer: the open case, the last score and the
// last contact (the last message either way: a mail or message from the company, a complaint,
// reply or answer from the customer). One statement each for a page of customers.
import { sql } from 'kysely';
import type { Db } from './database.ts';

/** Timeline events that are a contact between the company and the customer. */
export const contactTypes = [
  'complaint.received',
  'case.message_sent',
  'case.customer_replied',
  'survey.invited',
  'response.created',
  'message.queued',
] as const;

export interface CustomerSummary {
  openCase: { id: string; number: number; title: string; dueAt: Date } | null;
  lastScore: { score: number; kind: string; answeredAt: Date } | null;
  lastContactAt: Date | null;
}

export async function customerSummaries(db: Db, workspaceId: string, ids: string[]): Promise<Map<string, CustomerSummary>> {
  const out = new Map<string, CustomerSummary>(ids.map((id) => [id, { openCase: null, lastScore: null, lastContactAt: null }]));
  if (ids.length === 0) return out;
  const [cases, scores, contacts] = await Promise.all([
    sql<{ customer_id: string; id: string; number: number; title: string; due_at: Date }>`
      SELECT customer_id, id, number, title, due_at FROM cases
       WHERE workspace_id = ${workspaceId} AND status = 'open' AND customer_id = ANY(${ids}::uuid[])`.execute(db),
    sql<{ customer_id: string; score: number; kind: string; answered_at: Date }>`
      SELECT DISTINCT ON (r.customer_id) r.customer_id, r.score, s.kind, r.answered_at
        FROM responses r JOIN surveys s ON s.workspace_id = r.workspace_id AND s.id = r.survey_id
       WHERE r.workspace_id = ${workspaceId} AND r.customer_id = ANY(${ids}::uuid[])
       ORDER BY r.customer_id, r.answered_at DESC, r.id DESC`.execute(db),
    sql<{ customer_id: string; at: Date }>`
      SELECT c.id AS customer_id,
             (SELECT max(e.occurred_at) FROM events e
               WHERE e.workspace_id = ${workspaceId} AND e.customer_id = c.id
                 AND e.type = ANY(${[...contactTypes]}::text[])) AS at
        FROM unnest(${ids}::uuid[]) AS c(id)`.execute(db),
  ]);
  for (const r of cases.rows) out.get(r.customer_id)!.openCase = { id: r.id, number: r.number, title: r.title, dueAt: r.due_at };
  for (const r of scores.rows) out.get(r.customer_id)!.lastScore = { score: r.score, kind: r.kind, answeredAt: r.answered_at };
  for (const r of contacts.rows) out.get(r.customer_id)!.lastContactAt = r.at;
  return out;
}
