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

export interface SignalSettingsTable {
  workspace_id: string;
  contact_days: ColumnType<number, number | undefined, number>;
  reminder_days: ColumnType<number, number | undefined, number>;
  expiry_days: ColumnType<number, number | undefined, number>;
  link_secret: Buffer;
  widget_secret: string;
  updated_at: Timestamp;
}

export type SurveyKind = 'nps' | 'csat' | 'ces';

export interface SurveysTable {
  workspace_id: string;
  id: string;
  kind: SurveyKind;
  name: string;
  department_id: string | null;
  ask_reason: boolean;
  questions: ColumnType<unknown[], string, string>;
  texts: ColumnType<Record<string, Record<string, string>>, string, string>;
  default_locale: string;
  brand_name: string | null;
  brand_colour: string | null;
  logo_url: string | null;
  sample_percent: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  archived_at: Timestamp | null;
}

export interface SurveyTriggersTable {
  workspace_id: string;
  id: string;
  survey_id: string;
  event_type: string;
  delay_hours: number;
  created_at: Timestamp;
  disabled_at: Timestamp | null;
}

export type InvitationChannel = 'email' | 'link' | 'widget';
export type InvitationOrigin = 'trigger' | 'sample' | 'widget' | 'hand' | 'follow_up';
export type SuppressedReason = 'contact_rule' | 'unsubscribed' | 'sampled_out' | 'no_email' | 'survey_archived' | 'guard';

export interface InvitationsTable {
  workspace_id: string;
  id: string;
  survey_id: string;
  customer_id: string;
  channel: InvitationChannel;
  origin: InvitationOrigin;
  hand_picked: boolean;
  created_by: string | null;
  trigger_id: string | null;
  event_id: string | null;
  locale: string | null;
  status: 'scheduled' | 'sent' | 'suppressed';
  suppressed_reason: SuppressedReason | null;
  send_at: Timestamp;
  sent_at: Timestamp | null;
  expires_at: Timestamp | null;
  reminder_due_at: Timestamp | null;
  reminded_at: Timestamp | null;
  answered_at: Timestamp | null;
  created_at: Timestamp;
  /** A follow-up re-survey's case. */
  case_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SurveyContactsTable {
  workspace_id: string;
  customer_id: string;
  last_invited_at: Timestamp;
}

export interface UnsubscribesTable {
  workspace_id: string;
  customer_id: string;
  unsubscribed_at: Timestamp;
  via: string;
}

export type ResponseChannel = InvitationChannel | 'import';

export interface ResponsesTable {
  workspace_id: string;
  id: string;
  survey_id: string;
  customer_id: string;
  invitation_id: string | null;
  kind: SurveyKind;
  score: number;
  reason: string | null;
  answers: ColumnType<Record<string, string>, string, string>;
  channel: ResponseChannel;
  hand_picked: boolean;
  locale: string | null;
  segment: ColumnType<Record<string, string>, string, string>;
  answered_at: Timestamp;
  received_at: Timestamp;
  updated_at: Timestamp;
  closes_at: Timestamp | null;
  source: string;
  idempotency_key: string | null;
}

type Count = ColumnType<number, number | undefined, number>;

export interface ScoreRollupsTable {
  workspace_id: string;
  dim: string;
  value: string;
  day: ColumnType<string, string, string>;
  survey_id: string;
  hand_picked: boolean;
  s0: Count;
  s1: Count;
  s2: Count;
  s3: Count;
  s4: Count;
  s5: Count;
  s6: Count;
  s7: Count;
  s8: Count;
  s9: Count;
  s10: Count;
  invited: Count;
  answered_invited: Count;
}

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

export type CaseOrigin = 'survey' | 'complaint' | 'manual' | 'proactive' | 'commitment' | 'contradiction';
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

export interface DepartmentRotationTable {
  workspace_id: string;
  department_id: string;
  last_user_id: string;
}

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

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookSubscriptionsTable {
  workspace_id: string;
  id: string;
  url: string;
  event_types: string[];
  description: string | null;
  secret: string;
  previous_secret: string | null;
  previous_secret_until: Timestamp | null;
  enabled: boolean;
  disabled_reason: 'manual' | 'gone' | null;
  disabled_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WebhookDeliveriesTable {
  workspace_id: string;
  id: string;
  subscription_id: string;
  event_id: string | null;
  type: string;
  /** NULL for an event's delivery: the body is built from the event (storage/webhook-deliveries.ts). */
  payload: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  status: WebhookDeliveryStatus;
  attempts: Count;
  round_attempts: Count;
  next_attempt_at: Timestamp | null;
  leased_until: Timestamp | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Timestamp;
  delivered_at: Timestamp | null;
  redelivered_at: Timestamp | null;
  redelivered_by: string | null;
}

export interface WebhookAttemptsTable {
  workspace_id: string;
  delivery_id: string;
  attempt: number;
  attempted_at: Timestamp;
  status_code: number | null;
  duration_ms: number;
  error: string | null;
  response_excerpt: string | null;
  redelivery: boolean;
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

export type RuleStatus = 'in_force' | 'under_review' | 'changed' | 'trashed';
export type FrictionKind = 'case' | 'complaint' | 'answer';
/** numeric: pg answers it as a string. */
type Money = ColumnType<string, number | string, number | string>;

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

export interface Tables {
  workspaces: WorkspacesTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  password_links: PasswordLinksTable;
  departments: DepartmentsTable;
  department_members: DepartmentMembersTable;
  customers: CustomersTable;
  events: EventsTable;
  signal_settings: SignalSettingsTable;
  surveys: SurveysTable;
  survey_triggers: SurveyTriggersTable;
  invitations: InvitationsTable;
  survey_contacts: SurveyContactsTable;
  unsubscribes: UnsubscribesTable;
  responses: ResponsesTable;
  score_rollups: ScoreRollupsTable;
  mails: MailsTable;
  mail_resends: MailResendsTable;
  recovery_settings: RecoverySettingsTable;
  cases: CasesTable;
  oopses: OopsesTable;
  case_assignments: CaseAssignmentsTable;
  department_rotation: DepartmentRotationTable;
  case_steps: CaseStepsTable;
  case_messages: CaseMessagesTable;
  apology_templates: ApologyTemplatesTable;
  cause_outreach: CauseOutreachTable;
  guard_rules: GuardRulesTable;
  outbox_messages: OutboxMessagesTable;
  tasks: TasksTable;
  commitments: CommitmentsTable;
  commitment_changes: CommitmentChangesTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  audit_log: AuditLogTable;
  unsubscribed_addresses: UnsubscribedAddressesTable;
  retention_settings: RetentionSettingsTable;
  rules: RulesTable;
  rule_versions: RuleVersionsTable;
  rule_friction: RuleFrictionTable;
  exception_budgets: ExceptionBudgetsTable;
  rule_exceptions: RuleExceptionsTable;
  rule_reviews: RuleReviewsTable;
  improvements: ImprovementsTable;
  improvement_feedback: ImprovementFeedbackTable;
  improvement_notices: ImprovementNoticesTable;
}
