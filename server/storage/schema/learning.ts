// Table types: rules, friction and improvements.
import type { ColumnType } from 'kysely';
import type { Timestamp, Money } from './columns.ts';

export type RuleStatus = 'in_force' | 'under_review' | 'changed' | 'trashed';

export type FrictionKind = 'case' | 'complaint' | 'answer';
/** numeric: pg answers it as a string. */

export interface RulesTable {
  workspace_id: string;
  id: string;
  name: string;
  text: string;
  why: string | null;
  department_id: string | null;
  owner_id: string | null;
  status: RuleStatus;
  version: ColumnType<number, number | undefined, number>;
  phrases: ColumnType<string[], string[] | undefined, string[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RuleVersionsTable {
  workspace_id: string;
  rule_id: string;
  version: number;
  text: string;
  why: string | null;
  at: Timestamp;
  by_user: string | null;
  reason: string | null;
}

export interface RuleFrictionTable {
  workspace_id: string;
  id: string;
  rule_id: string;
  item_kind: FrictionKind;
  item_id: string;
  customer_id: string;
  occurred_at: Timestamp;
  words: string | null;
  tagged_at: Timestamp;
  tagged_by: string | null;
  suggested: boolean;
}

export interface ExceptionBudgetsTable {
  workspace_id: string;
  department_id: string;
  max_count: number;
  max_amount: Money;
  currency: string;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface RuleExceptionsTable {
  workspace_id: string;
  id: string;
  rule_id: string;
  case_id: string;
  customer_id: string;
  agent_id: string;
  department_id: string | null;
  what: string;
  why: string;
  cost_amount: Money;
  currency: string;
  status: 'within_budget' | 'pending' | 'approved';
  recorded_at: Timestamp;
  approved_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  approved_by: ColumnType<string | null, string | null | undefined, string | null>;
  approval_note: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface RuleReviewsTable {
  workspace_id: string;
  id: string;
  rule_id: string;
  owner_id: string;
  due_at: Timestamp;
  status: 'open' | 'closed';
  outcome: ColumnType<
    'keep' | 'change' | 'trash' | null,
    'keep' | 'change' | 'trash' | null | undefined,
    'keep' | 'change' | 'trash' | null
  >;
  reason: ColumnType<string | null, string | null | undefined, string | null>;
  new_text: ColumnType<string | null, string | null | undefined, string | null>;
  opened_at: Timestamp;
  opened_by: string | null;
  closed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  closed_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ImprovementsTable {
  workspace_id: string;
  id: string;
  title: string;
  description: string | null;
  told_text: ColumnType<Record<string, string>, string | undefined, string>;
  status: 'planned' | 'done';
  rule_id: string | null;
  review_id: string | null;
  created_at: Timestamp;
  created_by: string | null;
  done_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  done_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ImprovementFeedbackTable {
  workspace_id: string;
  improvement_id: string;
  item_kind: FrictionKind;
  item_id: string;
  customer_id: string;
  words: string | null;
}

export interface ImprovementNoticesTable {
  workspace_id: string;
  improvement_id: string;
  customer_id: string;
  locale: string;
  status: 'passed' | 'held' | 'cancelled' | 'no_address' | 'unsubscribed';
  message_id: string | null;
  mail_id: string | null;
  at: Timestamp;
}

// The review's question to the customers behind the friction (0026).
export interface ReviewQuestionsTable {
  workspace_id: string;
  review_id: string;
  rule_id: string;
  texts: ColumnType<Record<string, string>, string, string>;
  period_from: Date | null;
  period_to: Date | null;
  asked_at: Timestamp;
  asked_by: string | null;
  expires_at: Timestamp;
}

export type QuestionSendStatus = 'passed' | 'held' | 'cancelled' | 'no_address' | 'unsubscribed';

export interface ReviewQuestionCustomersTable {
  workspace_id: string;
  id: string;
  review_id: string;
  customer_id: string;
  locale: string;
  words: string | null;
  said_at: Timestamp;
  status: QuestionSendStatus;
  message_id: ColumnType<string | null, string | null | undefined, string | null>;
  answer: ColumnType<string | null, string | null | undefined, string | null>;
  answered_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

// The people half (0019): kudos, hand-offs, the obsession score.
export type KudosStatus = 'sent' | 'pending' | 'dismissed';
export type KudosSource = 'answer' | 'complaint' | 'case_reply' | 'picked' | 'caught';

export interface KudosTable {
  workspace_id: string;
  id: string;
  status: KudosStatus;
  source_kind: KudosSource;
  source_id: string | null;
  matched: string;
  staff_id: string | null;
  candidate_ids: ColumnType<string[], string[] | undefined, string[]>;
  department_ids: ColumnType<string[], string[] | undefined, string[]>;
  customer_id: string | null;
  words: string;
  by_user: string | null;
  created_at: Timestamp;
  resolved_at: Timestamp | null;
  resolved_by: string | null;
}

export type HandOffKind = 'case' | 'task' | 'request';

export interface HandOffsTable {
  workspace_id: string;
  id: string;
  kind: HandOffKind;
  ref_id: string | null;
  requesting_department_id: string;
  giving_department_id: string;
  title: string;
  handed_at: Timestamp;
  by_user: string | null;
  rating: number | null;
  comment: string | null;
  rated_at: Timestamp | null;
  rated_by: string | null;
}

export interface ObsessionAnswersTable {
  workspace_id: string;
  id: string;
  quarter: string;
  score: number;
  to_be_a_ten: string | null;
  improvement_id: string | null;
}

export interface ObsessionRespondentsTable {
  workspace_id: string;
  quarter: string;
  user_id: string;
}
