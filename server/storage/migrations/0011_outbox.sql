-- One voice: every message to a customer passes the outbox, which checks it against the
-- customer's timeline with guard rules and holds (or cancels) one that would contradict what the
-- company already knows; a held message becomes a task for a department.

-- Guard rules are data: { messageKinds, heldWhen: { eventTypes, where, withinDays, clearedBy },
-- action: hold | cancel, task: { department, title }, resolvesOn: { eventTypes, where } }.
CREATE TABLE guard_rules (
  workspace_id  uuid NOT NULL REFERENCES workspaces (id),
  id            uuid NOT NULL,
  name          text NOT NULL,
  description   text,
  rule          jsonb NOT NULL,
  enabled       boolean NOT NULL DEFAULT true,
  -- The built-in rule this row was made from (added once per workspace; editable like any other).
  built_in      text,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  deleted_at    timestamptz,
  PRIMARY KEY (workspace_id, id)
);
CREATE UNIQUE INDEX guard_rules_built_in ON guard_rules (workspace_id, built_in) WHERE built_in IS NOT NULL;

CREATE TABLE outbox_messages (
  workspace_id     uuid NOT NULL,
  id               uuid NOT NULL,
  customer_id      uuid NOT NULL,
  kind             text NOT NULL,
  -- Who sent it: 'kept' for Kept's own (surveys, cases), or the system / department that posted it.
  source           text NOT NULL,
  subject          text NOT NULL,
  text             text NOT NULL,
  html             text,
  to_address       text NOT NULL,
  idempotency_key  text,
  status           text NOT NULL CHECK (status IN ('passed', 'held', 'released', 'cancelled')),
  -- Why, in words: "held by ...: shipment.delivered from carrier on 12 March 14:02 UTC (event ...)".
  decision         text NOT NULL,
  rule_id          uuid,
  event_id         uuid,
  task_id          uuid,
  mail_id          uuid,
  created_at       timestamptz NOT NULL,
  decided_at       timestamptz,
  decided_by       uuid,
  decided_note     text,
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id)
);
CREATE UNIQUE INDEX outbox_idempotency ON outbox_messages (workspace_id, source, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX outbox_recent ON outbox_messages (workspace_id, created_at DESC, id DESC);
CREATE INDEX outbox_held ON outbox_messages (workspace_id, created_at DESC, id DESC) WHERE status = 'held';
CREATE INDEX outbox_customer ON outbox_messages (workspace_id, customer_id, created_at DESC);

-- Work for a department that a held message (or later, other things) asks for.
CREATE TABLE tasks (
  workspace_id    uuid NOT NULL,
  id              uuid NOT NULL,
  department_id   uuid,
  customer_id     uuid NOT NULL,
  title           text NOT NULL,
  detail          text,
  status          text NOT NULL CHECK (status IN ('open', 'done')),
  message_id      uuid,
  rule_id         uuid,
  -- { eventTypes, where }: an event like this for the customer after the task opened closes it.
  resolve_on      jsonb,
  created_at      timestamptz NOT NULL,
  closed_at       timestamptz,
  closed_by       uuid,
  closed_note     text,
  closed_by_event uuid,
  -- When the sweep last looked for the resolving event: it takes the least recently checked first.
  checked_at      timestamptz NOT NULL DEFAULT '-infinity',
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id)
);
CREATE INDEX tasks_open ON tasks (workspace_id, department_id, created_at) WHERE status = 'open';
CREATE INDEX tasks_resolvable ON tasks (checked_at) WHERE status = 'open' AND resolve_on IS NOT NULL;

-- A guard looks for one customer's events of a few types since a time: without this it walks
-- the customer's whole timeline (10,000 events: milliseconds, not microseconds).
CREATE INDEX events_customer_type ON events (workspace_id, customer_id, type, occurred_at DESC);

-- A survey invitation a guard rule stopped (e.g. the customer has an open case).
ALTER TABLE invitations DROP CONSTRAINT invitations_suppressed_reason_check;
ALTER TABLE invitations ADD CONSTRAINT invitations_suppressed_reason_check
  CHECK (suppressed_reason IN ('contact_rule', 'unsubscribed', 'sampled_out', 'no_email', 'survey_archived', 'guard'));
