// Table types: recovery cases, their steps, clocks and causes.
import type { ColumnType } from 'kysely';
import type { Timestamp } from './columns.ts';

export type CaseOrigin = 'survey' | 'complaint' | 'manual' | 'proactive' | 'commitment' | 'contradiction' | 'basic';

export type CaseSeverity = 'low' | 'normal' | 'high' | 'critical';

export interface RecoverySettingsTable {
  workspace_id: string;
  target_hours: ColumnType<number, number | undefined, number>;
  business_hours: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  nps_max: ColumnType<number, number | undefined, number>;
  csat_max: ColumnType<number, number | undefined, number>;
  ces_max: ColumnType<number, number | undefined, number>;
  required_steps: ColumnType<string[], string[] | undefined, string[]>;
  default_department: string | null;
  follow_up_days: ColumnType<number, number | undefined, number>;
  waiting_close_days: ColumnType<number, number | undefined, number>;
  updated_at: Timestamp;
}

export interface CasesTable {
  workspace_id: string;
  id: string;
  number: number;
  customer_id: string;
  status: 'open' | 'closed';
  origin: CaseOrigin;
  severity: CaseSeverity;
  title: string;
  customer_title: ColumnType<string | null, string | null | undefined, string | null>;
  oops_at: Timestamp;
  due_at: Timestamp;
  owner_id: string | null;
  department_id: string | null;
  cause_id: string | null;
  opened_at: Timestamp;
  reminded_at: Timestamp | null;
  escalated_at: Timestamp | null;
  breached_at: Timestamp | null;
  recovered_at: Timestamp | null;
  closed_at: Timestamp | null;
  closed_by: string | null;
}

export interface OopsesTable {
  workspace_id: string;
  id: string;
  case_id: string;
  kind: CaseOrigin;
  occurred_at: Timestamp;
  reported_at: Timestamp;
  summary: string;
  ref: ColumnType<Record<string, unknown>, string, string>;
  dedupe_key: string | null;
}

export interface CaseAssignmentsTable {
  workspace_id: string;
  case_id: string;
  id: string;
  at: Timestamp;
  owner_id: string | null;
  department_id: string | null;
  by_user: string | null;
  how: 'round_robin' | 'named' | 'reassigned' | 'unassigned';
}

export type StepName = 'acknowledge' | 'apologise' | 'investigate' | 'fix' | 'ask' | 'restitution' | 'follow_up';

export interface CaseStepsTable {
  workspace_id: string;
  case_id: string;
  step: StepName;
  status: 'done' | 'skipped';
  by_user: string | null;
  at: Timestamp;
  data: ColumnType<Record<string, unknown>, string, string>;
  skip_reason: string | null;
  /** numeric: pg answers it as a string. */
  cost_amount: ColumnType<string | null, number | null | undefined, number | null>;
  cost_currency: string | null;
  approved_by: string | null;
}

export interface CaseMessagesTable {
  workspace_id: string;
  id: string;
  case_id: string;
  direction: 'to_customer' | 'from_customer';
  body: string;
  by_user: string | null;
  mail_id: string | null;
  at: Timestamp;
}

export interface RestitutionOffersTable {
  workspace_id: string;
  id: string;
  case_id: string;
  options: ColumnType<{ what: string; amount: number; wow: boolean }[], string, string>;
  currency: string;
  message: string | null;
  status: ColumnType<'open' | 'chosen' | 'something_else' | 'withdrawn', 'open' | undefined, 'chosen' | 'something_else' | 'withdrawn'>;
  offered_by: string | null;
  approved_by: string;
  offered_at: Timestamp;
  chosen_option: number | null;
  something_else: string | null;
  answered_at: Timestamp | null;
  withdrawn_by: string | null;
  withdrawn_at: Timestamp | null;
}

export interface ApologyTemplatesTable {
  workspace_id: string;
  id: string;
  name: string;
  body: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  archived_at: Timestamp | null;
}

export interface CauseOutreachTable {
  workspace_id: string;
  id: string;
  cause_id: string;
  message: string;
  severity: CaseSeverity;
  department_id: string | null;
  status: 'running' | 'done' | 'failed';
  total: number;
  processed: ColumnType<number, number | undefined, number>;
  opened: ColumnType<number, number | undefined, number>;
  joined: ColumnType<number, number | undefined, number>;
  skipped: ColumnType<number, number | undefined, number>;
  apologised: ColumnType<number, number | undefined, number>;
  cursor: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  error: string | null;
  started_by: string | null;
  started_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface DepartmentRotationTable {
  workspace_id: string;
  department_id: string;
  last_user_id: string;
}
