// Every API route, in the order the OpenAPI document lists them.
import type { RouteDef } from '../route.ts';
import { auditRoutes } from './audit.ts';
import { casePlaybookRoutes } from './case-playbook.ts';
import { basicRoutes } from './basics.ts';
import { caseRoutes } from './cases.ts';
import { causeRoutes } from './causes.ts';
import { commitmentRoutes } from './commitments.ts';
import { companyProfileRoutes } from './company-profile.ts';
import { complaintRoutes } from './complaints.ts';
import { customerRoutes } from './customers.ts';
import { customerEyeRoutes } from './customer-eye.ts';
import { departmentRoutes } from './departments.ts';
import { eventRoutes } from './events.ts';
import { exportRoutes } from './exports.ts';
import { growthRoutes } from './growth.ts';
import { mailRoutes } from './mails.ts';
import { metricsRoutes } from './metrics.ts';
import { outboxRoutes } from './outbox.ts';
import { sessionRoutes } from './session.ts';
import { publicRoutes } from './public.ts';
import { recoveryReportRoutes } from './recovery-report.ts';
import { restitutionOfferRoutes } from './restitution-offers.ts';
import { rankingRoutes } from './rule-ranking.ts';
import { reviewRoutes } from './rule-reviews.ts';
import { ruleRoutes } from './rules.ts';
import { recognitionRoutes } from './recognition.ts';
import { handOffRoutes } from './hand-offs.ts';
import { recoverySettingsRoutes } from './recovery-settings.ts';
import { staffRoutes } from './staff.ts';
import { signalSettingsRoutes } from './signal-settings.ts';
import { surveyRoutes } from './surveys.ts';
import { teamRoutes } from './team.ts';
import { themeRoutes } from './themes.ts';
import { digestRoutes } from './digest.ts';
import { webhookRoutes } from './webhooks.ts';

export const apiRoutes = (): RouteDef[] => [
  ...eventRoutes,
  ...customerRoutes,
  ...customerEyeRoutes,
  ...departmentRoutes,
  ...sessionRoutes(),
  ...staffRoutes,
  ...teamRoutes(),
  ...surveyRoutes,
  ...signalSettingsRoutes,
  ...companyProfileRoutes,
  ...caseRoutes,
  ...casePlaybookRoutes,
  ...restitutionOfferRoutes,
  ...recoverySettingsRoutes,
  ...complaintRoutes,
  ...outboxRoutes,
  ...commitmentRoutes,
  ...mailRoutes,
  ...metricsRoutes,
  ...publicRoutes,
  ...causeRoutes,
  ...recoveryReportRoutes,
  ...webhookRoutes,
  ...auditRoutes,
  ...rankingRoutes,
  ...ruleRoutes,
  ...reviewRoutes,
  ...exportRoutes,
  ...growthRoutes,
  ...basicRoutes,
  ...themeRoutes,
  ...digestRoutes,
  ...recognitionRoutes,
  ...handOffRoutes,
];
