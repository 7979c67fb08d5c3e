// Table types: surveys, invitations, answers and their rollups.
import type { ColumnType } from 'kysely';
import type { Timestamp, Count } from './columns.ts';

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

/** A GET of a score link from a survey mail (docs/score-links.md): provisional until the signals worker settles it. */
export type ScoreLinkFetchState = 'provisional' | 'counting' | 'counted' | 'scanner' | 'unconfirmed' | 'superseded' | 'refused';

export interface ScoreLinkFetchesTable {
  workspace_id: string;
  id: string;
  invitation_id: string;
  score: number;
  fetched_at: Timestamp;
  seen_at: Timestamp | null;
  state: ColumnType<ScoreLinkFetchState, ScoreLinkFetchState | undefined, ScoreLinkFetchState>;
  settled_at: Timestamp | null;
  response_id: string | null;
}
