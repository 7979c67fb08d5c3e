// Table types: webhook subscriptions and deliveries.
import type { ColumnType } from 'kysely';
import type { Timestamp, Count } from './columns.ts';

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
