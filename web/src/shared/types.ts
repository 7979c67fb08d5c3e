// Wire types the staff app reads, taken from ../contract so the app and the server agree.
// Imports are type-only: zod's runtime stays out of the browser bundle.
import type { z } from 'zod';
import type { createdTokenSchema, sessionSchema, tokenSchema } from '../../../contract/auth.ts';
import type { sampleResultSchema, signalSettingsSchema } from '../../../contract/surveys.ts';

export type { User } from '../../../contract/auth.ts';
export type { Role } from '../../../contract/common.ts';
export type { Customer, CustomerAttributes } from '../../../contract/customers.ts';
export type { CustomerEyeItem } from '../../../contract/customer-eye.ts';
export type { Department } from '../../../contract/departments.ts';
export type { Event } from '../../../contract/events.ts';
export type { GuardRule, GuardRuleRecord, OutboxMessage, Task } from '../../../contract/outbox.ts';
export type { Mail } from '../../../contract/mails.ts';
export type { Response as SurveyResponse } from '../../../contract/answers.ts';
export type {
  Invitation,
  Survey,
  SurveyInput,
  SurveyKind,
  SurveyPatch,
  SurveyQuestion,
  SurveyTextKey,
  Trigger,
} from '../../../contract/surveys.ts';

export type { CompareResult, Score, ScoreEntry, ScoreReport, Trend } from '../../../contract/metrics.ts';
export type { Case, CaseDetail, CaseSeverity, CaseUpdate, ManualOopsInput, RecoverySettings } from '../../../contract/cases.ts';
export type {
  ApologyTemplate,
  ApologyTemplateInput,
  CaseMessage,
  Money,
  PlaybookStep,
  StepInput,
  StepName,
} from '../../../contract/playbook.ts';
export type {
  AffectedCustomer,
  Cause,
  CauseInput,
  CauseSelector,
  Outreach,
  OutreachInput,
  SelectorCondition,
  SelectorOp,
} from '../../../contract/causes.ts';
export type { BusinessHoursInput } from '../../../contract/case-clock.ts';

export type Session = z.infer<typeof sessionSchema>;
export type Token = z.infer<typeof tokenSchema>;
export type CreatedToken = z.infer<typeof createdTokenSchema>;
export type SignalSettings = z.infer<typeof signalSettingsSchema>;
export type SampleResult = z.infer<typeof sampleResultSchema>;

/** A page of a keyset-paginated list: `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
