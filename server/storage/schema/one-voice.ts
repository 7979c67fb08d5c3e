// Table types: mails, the outbox, guard rules and tasks.
import type { ColumnType } from 'kysely';
import type { Timestamp, Count } from './columns.ts';

export type MailStatus = 'queued' | 'sending' | 'sent' | 'preview' | 'failed' | 'unknown';

export interface MailsTable {
  workspace_id: string;
  id: string;
  customer_id: string | null;
  invitation_id: string | null;
  kind: string;
  to_address: string;
  subject: string;
  html: string;
  text: string;
  headers: ColumnType<Record<string, string>, string, string>;
  status: MailStatus;
  attempts: Count;
  last_error: string | null;
  next_attempt_at: Timestamp | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  claim_id: ColumnType<string | null, string | null | undefined, string | null>;
  claimed_by: ColumnType<string | null, string | null | undefined, string | null>;
  claimed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  lease_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  message_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface MailResendsTable {
  workspace_id: string;
  mail_id: string;
  id: string;
  at: Timestamp;
  by_user: string | null;
  by_token: string | null;
  from_status: 'unknown' | 'failed';
  from_error: string | null;
}

export interface GuardRulesTable {
  workspace_id: string;
  id: string;
  name: string;
  description: string | null;
  rule: ColumnType<Record<string, unknown>, string, string>;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  built_in: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
}

export interface OutboxMessagesTable {
  workspace_id: string;
  id: string;
  customer_id: string;
  kind: string;
  source: string;
  subject: string;
  text: string;
  html: string | null;
  to_address: string;
  idempotency_key: string | null;
  status: 'passed' | 'held' | 'released' | 'cancelled';
  decision: string;
  rule_id: string | null;
  event_id: string | null;
  task_id: string | null;
  mail_id: string | null;
  created_at: Timestamp;
  decided_at: Timestamp | null;
  decided_by: string | null;
  decided_note: string | null;
}

export interface TasksTable {
  workspace_id: string;
  id: string;
  department_id: string | null;
  customer_id: string;
  title: string;
  detail: string | null;
  status: 'open' | 'done';
  message_id: string | null;
  rule_id: string | null;
  resolve_on: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  created_at: Timestamp;
  closed_at: Timestamp | null;
  closed_by: string | null;
  closed_note: string | null;
  closed_by_event: string | null;
  checked_at: ColumnType<Date, Date | undefined, Date>;
}
