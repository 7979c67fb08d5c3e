// Table types: commitments.
import type { ColumnType } from 'kysely';
import type { Timestamp } from './columns.ts';

export type CommitmentStatus = 'open' | 'renegotiated' | 'kept' | 'broken';

export interface CommitmentsTable {
  workspace_id: string;
  id: string;
  customer_id: string;
  what: string;
  kind: string;
  status: CommitmentStatus;
  made_at: Timestamp;
  first_due_at: Timestamp;
  due_at: Timestamp;
  renegotiations: ColumnType<number, number | undefined, number>;
  owner_id: string | null;
  department_id: string | null;
  case_id: string | null;
  made_via: 'staff' | 'case' | 'system';
  made_by_user: string | null;
  made_by_token: string | null;
  source: string;
  idempotency_key: string | null;
  kept_at: Timestamp | null;
  kept_by_user: string | null;
  kept_by_token: string | null;
  broken_at: Timestamp | null;
  oops_case_id: string | null;
  tell_customer: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface CommitmentChangesTable {
  workspace_id: string;
  commitment_id: string;
  id: string;
  change: 'made' | 'renegotiated' | 'kept' | 'broken' | 'handed_over';
  at: Timestamp;
  recorded_at: Timestamp;
  due_at: Timestamp;
  previous_due_at: Timestamp | null;
  by_user: string | null;
  by_token: string | null;
  note: string | null;
}

export type CommitmentNoticeKind = 'made' | 'kept' | 'missed';

export interface CommitmentNoticesTable {
  workspace_id: string;
  commitment_id: string;
  notice: CommitmentNoticeKind;
  status: 'passed' | 'held' | 'cancelled' | 'no_address';
  message_id: string | null;
  mail_id: string | null;
  at: Timestamp;
}
