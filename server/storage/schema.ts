// Row types of the tables, as Kysely sees them. Kept in step with migrations/*.sql by hand;
// the storage tests exercise every table, so a drift shows up as a failing query.
import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<Record<string, unknown>, string, string>;

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

export interface Tables {
  workspaces: WorkspacesTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  departments: DepartmentsTable;
  department_members: DepartmentMembersTable;
  customers: CustomersTable;
  events: EventsTable;
}
