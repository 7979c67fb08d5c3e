// Cases waiting on the customer that are ready to close themselves: open, their follow-up sent,
// and either its answer has arrived or the workspace's waiting days have passed since it went out.
import { sql } from 'kysely';
import type { Db } from './database.ts';

export interface WaitingCase {
  workspaceId: string;
  caseId: string;
  invitationId: string;
  sentAt: Date | null;
  answeredAt: Date | null;
  responseId: string | null;
  score: number | null;
  waitingCloseDays: number;
}

/** Up to `limit` open cases, over every workspace, whose follow-up was answered or has waited its days. */
export async function dueWaitingCases(db: Db, now: Date, limit: number): Promise<WaitingCase[]> {
  const { rows } = await sql<{
    workspace_id: string;
    case_id: string;
    invitation_id: string;
    sent_at: Date | null;
    answered_at: Date | null;
    response_id: string | null;
    score: number | null;
    waiting_close_days: number;
  }>`
    SELECT c.workspace_id, c.id AS case_id, i.id AS invitation_id, i.sent_at, r.answered_at, r.id AS response_id, r.score,
           rs.waiting_close_days
      FROM cases c
      JOIN case_steps s ON s.workspace_id = c.workspace_id AND s.case_id = c.id AND s.step = 'follow_up' AND s.status = 'done'
      JOIN invitations i ON i.workspace_id = c.workspace_id AND i.id = (s.data->>'invitationId')::uuid
      JOIN recovery_settings rs ON rs.workspace_id = c.workspace_id
      LEFT JOIN responses r ON r.workspace_id = i.workspace_id AND r.invitation_id = i.id
     WHERE c.status = 'open'
       AND (r.answered_at IS NOT NULL
            OR (i.sent_at IS NOT NULL AND i.sent_at <= ${now}::timestamptz - make_interval(days => rs.waiting_close_days)))
     ORDER BY c.workspace_id, c.id
     LIMIT ${limit}`.execute(db);
  return rows.map((r) => ({
    workspaceId: r.workspace_id,
    caseId: r.case_id,
    invitationId: r.invitation_id,
    sentAt: r.sent_at,
    answeredAt: r.answered_at,
    responseId: r.response_id,
    score: r.score,
    waitingCloseDays: r.waiting_close_days,
  }));
}
