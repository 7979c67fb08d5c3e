// Table types: workspaces, staff, customers and their events.
import type { ColumnType } from 'kysely';
import type { Timestamp, CreatedAt, Json } from './columns.ts';

export interface WorkspacesTable {
  id: string;
  slug: string;
  name: string;
  created_at: CreatedAt;
}

export interface UsersTable {
  workspace_id: string;
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'manager' | 'agent';
  password_hash: string;
  created_at: CreatedAt;
  disabled_at: Timestamp | null;
  /** Null while an invited person has not yet set their password. */
  password_set_at: Timestamp | null;
}

export interface SessionsTable {
  workspace_id: string;
  id_hash: Buffer;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface ApiTokensTable {
  workspace_id: string;
  id: string;
  name: string;
  role: 'admin' | 'manager' | 'agent';
  secret_hash: Buffer;
  prefix: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  /** The person who made it (null: the CLI or before issue 17); revoked when they leave. */
  created_by: string | null;
}

export interface PasswordLinksTable {
  workspace_id: string;
  id: string;
  user_id: string;
  purpose: 'invitation' | 'reset';
  secret_hash: Buffer;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface DepartmentsTable {
  workspace_id: string;
  id: string;
  key: string;
  name: string;
  colour: string;
  created_at: Timestamp;
}

export interface DepartmentMembersTable {
  workspace_id: string;
  department_id: string;
  user_id: string;
  added_at: Timestamp;
}

export interface CustomersTable {
  workspace_id: string;
  id: string;
  external_id: string | null;
  email: string | null;
  name: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  attributes: ColumnType<Record<string, string | number | boolean>, string | undefined, string>;
  locale: string | null;
}

export interface EventsTable {
  workspace_id: string;
  id: string;
  customer_id: string;
  type: string;
  source: string;
  occurred_at: Timestamp;
  received_at: Timestamp;
  idempotency_key: string | null;
  data: Json;
}

export interface AuditLogTable {
  workspace_id: string;
  id: string;
  at: Timestamp;
  actor_kind: 'user' | 'token' | 'system';
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  target: string | null;
  status: number | null;
  client: string | null;
  request_id: string | null;
  detail: ColumnType<Record<string, unknown>, string | undefined, never>;
}

export interface UnsubscribedAddressesTable {
  workspace_id: string;
  email_hash: Buffer;
  unsubscribed_at: Timestamp;
  via: string;
}

export interface RetentionSettingsTable {
  workspace_id: string;
  event_days: number | null;
  mail_days: number | null;
  updated_at: Timestamp;
}

// Learning (0014): rules, friction, exceptions, reviews, improvements.

export interface CompanyProfilesTable {
  workspace_id: string;
  company_name: string;
  logo_url: string | null;
  brand_colour: string | null;
  sender_name: string | null;
  sender_address: string | null;
  reply_to: string | null;
  signature: string | null;
  default_locale: ColumnType<string, string | undefined, string>;
  time_zone: ColumnType<string, string | undefined, string>;
  powered_by: ColumnType<boolean, boolean | undefined, boolean>;
  confirmed_at: Timestamp | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
