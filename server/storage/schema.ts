// Row types of the tables, as Kysely sees them, one file per capability in schema/. Kept in step
// with migrations/*.sql by hand; the storage tests exercise every table, so a drift shows up as a
// failing query. Only storage imports these (ESLint refuses them elsewhere).
import type {
  ApiTokensTable,
  AuditLogTable,
  CompanyProfilesTable,
  CustomersTable,
  DepartmentMembersTable,
  DepartmentsTable,
  EventsTable,
  PasswordLinksTable,
  RetentionSettingsTable,
  SessionsTable,
  UnsubscribedAddressesTable,
  UsersTable,
  WorkspacesTable,
} from './schema/core.ts';
import type {
  InvitationsTable,
  ResponsesTable,
  ScoreLinkFetchesTable,
  ScoreRollupsTable,
  SignalSettingsTable,
  SurveyContactsTable,
  SurveyTriggersTable,
  SurveysTable,
  UnsubscribesTable,
} from './schema/signals.ts';
import type {
  ApologyTemplatesTable,
  CaseAssignmentsTable,
  CaseMessagesTable,
  CaseStepsTable,
  CasesTable,
  CauseOutreachTable,
  DepartmentRotationTable,
  OopsesTable,
  RecoverySettingsTable,
  RestitutionOffersTable,
} from './schema/recovery.ts';
import type { GuardRulesTable, MailResendsTable, MailsTable, OutboxMessagesTable, TasksTable } from './schema/one-voice.ts';
import type { CommitmentChangesTable, CommitmentNoticesTable, CommitmentsTable } from './schema/promises.ts';
import type { WebhookAttemptsTable, WebhookDeliveriesTable, WebhookSubscriptionsTable } from './schema/webhooks.ts';
import type {
  ExceptionBudgetsTable,
  HandOffsTable,
  ImprovementFeedbackTable,
  ImprovementNoticesTable,
  ImprovementsTable,
  ReviewQuestionCustomersTable,
  ReviewQuestionsTable,
  KudosTable,
  ObsessionAnswersTable,
  ObsessionRespondentsTable,
  RuleExceptionsTable,
  RuleFrictionTable,
  RuleReviewsTable,
  RuleVersionsTable,
  RulesTable,
} from './schema/learning.ts';
import type { DigestSubscriptionsTable, TextAnalysisProgressTable, TextInsightsTable, ThemesTable } from './schema/measurement.ts';
export type * from './schema/core.ts';
export type * from './schema/signals.ts';
export type * from './schema/recovery.ts';
export type * from './schema/one-voice.ts';
export type * from './schema/promises.ts';
export type * from './schema/webhooks.ts';
export type * from './schema/learning.ts';
export type * from './schema/measurement.ts';

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
  /** A view: score_rollup_totals plus the score_rollup_deltas not folded yet (migration 0029). */
  score_rollups: ScoreRollupsTable;
  score_rollup_totals: ScoreRollupsTable;
  score_link_fetches: ScoreLinkFetchesTable;
  mails: MailsTable;
  mail_resends: MailResendsTable;
  recovery_settings: RecoverySettingsTable;
  cases: CasesTable;
  oopses: OopsesTable;
  case_assignments: CaseAssignmentsTable;
  department_rotation: DepartmentRotationTable;
  case_steps: CaseStepsTable;
  case_messages: CaseMessagesTable;
  restitution_offers: RestitutionOffersTable;
  apology_templates: ApologyTemplatesTable;
  cause_outreach: CauseOutreachTable;
  guard_rules: GuardRulesTable;
  outbox_messages: OutboxMessagesTable;
  tasks: TasksTable;
  commitments: CommitmentsTable;
  commitment_changes: CommitmentChangesTable;
  commitment_notices: CommitmentNoticesTable;
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
  review_questions: ReviewQuestionsTable;
  review_question_customers: ReviewQuestionCustomersTable;
  text_insights: TextInsightsTable;
  text_analysis_progress: TextAnalysisProgressTable;
  themes: ThemesTable;
  digest_subscriptions: DigestSubscriptionsTable;
  company_profiles: CompanyProfilesTable;
  kudos: KudosTable;
  hand_offs: HandOffsTable;
  obsession_answers: ObsessionAnswersTable;
  obsession_respondents: ObsessionRespondentsTable;
}
