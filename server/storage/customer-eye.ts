// What one customer received and saw, read for the customer's-eye view ("be the customer", seed
// 002): the mails that reached them (or the preview, with no SMTP server), with the system or
// department that sent each; their answers to surveys (and the score link a counted answer came
// from); and the moments they wrote on their case page. Per customer, capped at `cap` rows per
// source, newest kept; the domain orders and pages them.
import type { Db } from './database.ts';

export interface ReceivedMail {
  id: string;
  kind: string;
  subject: string;
  html: string;
  text: string;
  status: string;
  at: Date;
  /** The outbox's sender: another system (billing, ...) or 'kept'. */
  source: string | null;
  invitationId: string | null;
}

export interface SeenAnswer {
  responseId: string;
  surveyId: string;
  invitationId: string | null;
  score: number;
  reason: string | null;
  answers: Record<string, string>;
  locale: string | null;
  answeredAt: Date;
  /** The score link the answer was counted from (docs/score-links.md), if it came from one. */
  clickedAt: Date | null;
}

export interface CasePageVisit {
  messageId: string;
  caseId: string;
  number: number;
  at: Date;
}

/** Mails that reached the customer: sent, kept in the preview, or possibly delivered (unknown). */
export async function receivedMails(db: Db, workspaceId: string, customerId: string, cap: number): Promise<ReceivedMail[]> {
  const rows = await db
    .selectFrom('mails as m')
    .leftJoin('outbox_messages as o', (j) => j.onRef('o.workspace_id', '=', 'm.workspace_id').onRef('o.mail_id', '=', 'm.id'))
    .select(['m.id', 'm.kind', 'm.subject', 'm.html', 'm.text', 'm.status', 'm.created_at', 'm.sent_at', 'm.invitation_id', 'o.source'])
    .where('m.workspace_id', '=', workspaceId)
    .where('m.customer_id', '=', customerId)
    .where('m.status', 'in', ['sent', 'preview', 'unknown'])
    .orderBy('m.created_at', 'desc')
    .limit(cap)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    subject: r.subject,
    html: r.html,
    text: r.text,
    status: r.status,
    at: r.sent_at ?? r.created_at,
    source: r.source,
    invitationId: r.invitation_id,
  }));
}

export async function seenAnswers(db: Db, workspaceId: string, customerId: string, cap: number): Promise<SeenAnswer[]> {
  const rows = await db
    .selectFrom('responses as r')
    .leftJoin('score_link_fetches as f', (j) =>
      j.onRef('f.workspace_id', '=', 'r.workspace_id').onRef('f.response_id', '=', 'r.id').on('f.state', '=', 'counted'),
    )
    .select(['r.id', 'r.survey_id', 'r.invitation_id', 'r.score', 'r.reason', 'r.answers', 'r.locale', 'r.answered_at', 'f.fetched_at'])
    .where('r.workspace_id', '=', workspaceId)
    .where('r.customer_id', '=', customerId)
    .where('r.source', '=', 'kept')
    .orderBy('r.answered_at', 'desc')
    .limit(cap)
    .execute();
  return rows.map((r) => ({
    responseId: r.id,
    surveyId: r.survey_id,
    invitationId: r.invitation_id,
    score: r.score,
    reason: r.reason,
    answers: r.answers,
    locale: r.locale,
    answeredAt: r.answered_at,
    clickedAt: r.fetched_at,
  }));
}

/** The customer's own messages on their case page: each is a moment they were on that page. */
export async function casePageVisits(db: Db, workspaceId: string, customerId: string, cap: number): Promise<CasePageVisit[]> {
  const rows = await db
    .selectFrom('case_messages as m')
    .innerJoin('cases as c', (j) => j.onRef('c.workspace_id', '=', 'm.workspace_id').onRef('c.id', '=', 'm.case_id'))
    .select(['m.id', 'm.case_id', 'c.number', 'm.at'])
    .where('m.workspace_id', '=', workspaceId)
    .where('c.customer_id', '=', customerId)
    .where('m.direction', '=', 'from_customer')
    .orderBy('m.at', 'desc')
    .limit(cap)
    .execute();
  return rows.map((r) => ({ messageId: r.id, caseId: r.case_id, number: r.number, at: r.at }));
}
