// Table types: what customers talk about (text insights and themes).
import type { ColumnType } from 'kysely';
import type { Timestamp } from './columns.ts';

export type TextSource = 'answer' | 'complaint' | 'case_reply';
export type SentimentLabel = 'positive' | 'negative' | 'mixed' | 'neutral';

export interface TextInsightsTable {
  workspace_id: string;
  source: TextSource;
  source_id: string;
  customer_id: string;
  occurred_at: Timestamp;
  language: 'en' | 'fr' | 'de';
  sentiment: number;
  label: SentimentLabel;
  terms: ColumnType<string[], string[], string[]>;
  analysed_at: Timestamp;
}

export interface TextAnalysisProgressTable {
  workspace_id: string;
  source: TextSource;
  last_id: string;
}

export interface ThemesTable {
  workspace_id: string;
  id: string;
  name: string;
  terms: ColumnType<string[], string[], string[]>;
  pinned: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  created_by: string | null;
  updated_at: Timestamp;
}

export interface DigestSubscriptionsTable {
  workspace_id: string;
  user_id: string;
  subscribed_at: Timestamp;
  last_week: ColumnType<string | null, string | null | undefined, string | null>;
}
