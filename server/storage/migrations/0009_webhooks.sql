-- Webhooks: subscriptions to timeline event types, one delivery per (subscription, event)
-- queued in the transaction that stores the event, and every try of each delivery.

-- The signing secret must be kept in clear to sign with (a hash would not do); it is shown
-- to people only when it is made. After a rotation the previous one signs too, for a day.
CREATE TABLE webhook_subscriptions (
  workspace_id           uuid NOT NULL REFERENCES workspaces (id),
  id                     uuid NOT NULL,
  url                    text NOT NULL,
  event_types            text[] NOT NULL,
  description            text,
  secret                 text NOT NULL,
  previous_secret        text,
  previous_secret_until  timestamptz,
  enabled                boolean NOT NULL DEFAULT true,
  disabled_reason        text CHECK (disabled_reason IN ('manual', 'gone')),
  disabled_at            timestamptz,
  created_by             uuid,
  created_at             timestamptz NOT NULL,
  updated_at             timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, id)
);

-- A delivery's id is the webhook-id header: the same on every retry and redelivery. The body
-- of an event's delivery is built from the event when it is sent (payload is NULL), so queueing
-- does not write the event a second time; a test ping keeps its payload here.
-- `attempts` counts every try; `round_attempts` the tries since it was queued or redelivered,
-- which pick the pause before the next one. A sender holds a claimed delivery until
-- `leased_until`, so no two senders try it at once.
CREATE TABLE webhook_deliveries (
  workspace_id      uuid NOT NULL,
  id                uuid NOT NULL,
  subscription_id   uuid NOT NULL,
  event_id          uuid,
  type              text NOT NULL,
  payload           jsonb,
  status            text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts          integer NOT NULL DEFAULT 0,
  round_attempts    integer NOT NULL DEFAULT 0,
  next_attempt_at   timestamptz,
  leased_until      timestamptz,
  last_status_code  integer,
  last_error        text,
  created_at        timestamptz NOT NULL,
  delivered_at      timestamptz,
  redelivered_at    timestamptz,
  redelivered_by    uuid,
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, subscription_id) REFERENCES webhook_subscriptions (workspace_id, id) ON DELETE CASCADE
);
-- One delivery per subscription and event, whatever happens.
CREATE UNIQUE INDEX webhook_deliveries_once ON webhook_deliveries (workspace_id, subscription_id, event_id)
  WHERE event_id IS NOT NULL;
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_recent ON webhook_deliveries (workspace_id, subscription_id, id DESC);
-- The log filtered to pending or failed stays fast beside millions of delivered ones.
CREATE INDEX webhook_deliveries_open ON webhook_deliveries (workspace_id, subscription_id, status, id DESC)
  WHERE status <> 'delivered';

CREATE TABLE webhook_attempts (
  workspace_id      uuid NOT NULL,
  delivery_id       uuid NOT NULL,
  attempt           integer NOT NULL,
  attempted_at      timestamptz NOT NULL,
  status_code       integer,
  duration_ms       integer NOT NULL,
  error             text,
  response_excerpt  text,
  redelivery        boolean NOT NULL DEFAULT false,
  PRIMARY KEY (workspace_id, delivery_id, attempt),
  FOREIGN KEY (workspace_id, delivery_id) REFERENCES webhook_deliveries (workspace_id, id) ON DELETE CASCADE
);
