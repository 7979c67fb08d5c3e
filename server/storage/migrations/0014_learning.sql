-- Learning: the register of rules (policies) and the friction they cause, the front line's
-- exceptions within a monthly budget, the dumb-rules review, and "you said, we did" improvements
-- that tell every customer who raised the feedback, once.

CREATE TABLE rules (
  workspace_id   uuid NOT NULL REFERENCES workspaces (id),
  id             uuid NOT NULL,
  name           text NOT NULL,
  text           text NOT NULL,
  why            text,
  department_id  uuid,
  owner_id       uuid,
  status         text NOT NULL CHECK (status IN ('in_force', 'under_review', 'changed', 'trashed')),
  version        integer NOT NULL DEFAULT 1,
  -- Words customers use when this rule bites ("restocking fee", "frais de restockage"): a complaint
  -- or an answer that contains one (normalized) suggests the rule, for a person to confirm.
  phrases        text[] NOT NULL DEFAULT '{}',
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, department_id) REFERENCES departments (workspace_id, id),
  FOREIGN KEY (workspace_id, owner_id) REFERENCES users (workspace_id, id)
);
CREATE UNIQUE INDEX rules_name ON rules (workspace_id, lower(name)) WHERE status <> 'trashed';

-- Every version of a rule's text, the first included; a change through a review adds one.
CREATE TABLE rule_versions (
  workspace_id  uuid NOT NULL,
  rule_id       uuid NOT NULL,
  version       integer NOT NULL,
  text          text NOT NULL,
  why           text,
  at            timestamptz NOT NULL,
  by_user       uuid,
  reason        text,
  PRIMARY KEY (workspace_id, rule_id, version),
  FOREIGN KEY (workspace_id, rule_id) REFERENCES rules (workspace_id, id)
);

-- Friction: a case, a complaint or an answer tagged to the rule that caused it. occurred_at is the
-- item's own time (the oops, the complaint, the answer), so a period counts what happened in it.
CREATE TABLE rule_friction (
  workspace_id  uuid NOT NULL,
  id            uuid NOT NULL,
  rule_id       uuid NOT NULL,
  item_kind     text NOT NULL CHECK (item_kind IN ('case', 'complaint', 'answer')),
  item_id       uuid NOT NULL,
  customer_id   uuid NOT NULL,
  occurred_at   timestamptz NOT NULL,
  -- The customer's own words (the complaint, the answer's reason, the case's title), for evidence.
  words         text,
  tagged_at     timestamptz NOT NULL,
  tagged_by     uuid,
  suggested     boolean NOT NULL DEFAULT false,
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, rule_id) REFERENCES rules (workspace_id, id),
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id)
);
CREATE UNIQUE INDEX rule_friction_item ON rule_friction (workspace_id, rule_id, item_kind, item_id);
-- The ranking reads a period's friction per rule without touching the table.
CREATE INDEX rule_friction_period ON rule_friction (workspace_id, occurred_at) INCLUDE (rule_id, item_kind, customer_id, item_id);
CREATE INDEX rule_friction_rule ON rule_friction (workspace_id, rule_id, occurred_at);

-- A department's monthly exception budget for each of its agents (count and money).
CREATE TABLE exception_budgets (
  workspace_id   uuid NOT NULL,
  department_id  uuid NOT NULL,
  max_count      integer NOT NULL CHECK (max_count >= 0),
  max_amount     numeric(12, 2) NOT NULL CHECK (max_amount >= 0),
  currency       text NOT NULL,
  updated_at     timestamptz NOT NULL,
  updated_by     uuid,
  PRIMARY KEY (workspace_id, department_id),
  FOREIGN KEY (workspace_id, department_id) REFERENCES departments (workspace_id, id)
);

-- "I bent rule R for this customer": within the agent's budget it needs no approval; beyond it,
-- it is pending until a manager approves it in their own session.
CREATE TABLE rule_exceptions (
  workspace_id   uuid NOT NULL,
  id             uuid NOT NULL,
  rule_id        uuid NOT NULL,
  case_id        uuid NOT NULL,
  customer_id    uuid NOT NULL,
  agent_id       uuid NOT NULL,
  department_id  uuid,
  what           text NOT NULL,
  why            text NOT NULL,
  cost_amount    numeric(12, 2) NOT NULL CHECK (cost_amount >= 0),
  currency       text NOT NULL,
  status         text NOT NULL CHECK (status IN ('within_budget', 'pending', 'approved')),
  recorded_at    timestamptz NOT NULL,
  approved_at    timestamptz,
  approved_by    uuid,
  approval_note  text,
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, rule_id) REFERENCES rules (workspace_id, id),
  FOREIGN KEY (workspace_id, case_id) REFERENCES cases (workspace_id, id),
  CHECK ((status = 'approved') = (approved_by IS NOT NULL)),
  CHECK (approved_by IS NULL OR approved_by <> agent_id)
);
CREATE INDEX rule_exceptions_agent ON rule_exceptions (workspace_id, agent_id, department_id, recorded_at);
CREATE INDEX rule_exceptions_rule ON rule_exceptions (workspace_id, rule_id, recorded_at);
CREATE INDEX rule_exceptions_pending ON rule_exceptions (workspace_id, recorded_at) WHERE status = 'pending';

-- The dumb-rules review: one open review per rule, with an owner and a due date; it ends with
-- keep, change (a new version) or trash, and a reason.
CREATE TABLE rule_reviews (
  workspace_id  uuid NOT NULL,
  id            uuid NOT NULL,
  rule_id       uuid NOT NULL,
  owner_id      uuid NOT NULL,
  due_at        timestamptz NOT NULL,
  status        text NOT NULL CHECK (status IN ('open', 'closed')),
  outcome       text CHECK (outcome IN ('keep', 'change', 'trash')),
  reason        text,
  new_text      text,
  opened_at     timestamptz NOT NULL,
  opened_by     uuid,
  closed_at     timestamptz,
  closed_by     uuid,
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, rule_id) REFERENCES rules (workspace_id, id),
  FOREIGN KEY (workspace_id, owner_id) REFERENCES users (workspace_id, id),
  CHECK ((status = 'closed') = (outcome IS NOT NULL AND reason IS NOT NULL AND closed_at IS NOT NULL)),
  CHECK (outcome IS DISTINCT FROM 'change' OR new_text IS NOT NULL)
);
CREATE UNIQUE INDEX rule_reviews_open ON rule_reviews (workspace_id, rule_id) WHERE status = 'open';
CREATE INDEX rule_reviews_due ON rule_reviews (workspace_id, due_at) WHERE status = 'open';

-- "You said, we did": a change the company made, the feedback behind it, and who was told.
CREATE TABLE improvements (
  workspace_id  uuid NOT NULL,
  id            uuid NOT NULL,
  title         text NOT NULL,
  description   text,
  -- What customers are told, per language (en/fr/de); Kept's own words when absent.
  told_text     jsonb NOT NULL DEFAULT '{}',
  status        text NOT NULL CHECK (status IN ('planned', 'done')),
  rule_id       uuid,
  review_id     uuid,
  created_at    timestamptz NOT NULL,
  created_by    uuid,
  done_at       timestamptz,
  done_by       uuid,
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, rule_id) REFERENCES rules (workspace_id, id)
);
CREATE INDEX improvements_recent ON improvements (workspace_id, created_at DESC);

CREATE TABLE improvement_feedback (
  workspace_id    uuid NOT NULL,
  improvement_id  uuid NOT NULL,
  item_kind       text NOT NULL CHECK (item_kind IN ('case', 'complaint', 'answer')),
  item_id         uuid NOT NULL,
  customer_id     uuid NOT NULL,
  words           text,
  PRIMARY KEY (workspace_id, improvement_id, item_kind, item_id),
  FOREIGN KEY (workspace_id, improvement_id) REFERENCES improvements (workspace_id, id)
);

-- One row per customer told about an improvement: the primary key is the "never twice".
CREATE TABLE improvement_notices (
  workspace_id    uuid NOT NULL,
  improvement_id  uuid NOT NULL,
  customer_id     uuid NOT NULL,
  locale          text NOT NULL,
  status          text NOT NULL CHECK (status IN ('passed', 'held', 'cancelled', 'no_address', 'unsubscribed')),
  message_id      uuid,
  mail_id         uuid,
  at              timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, improvement_id, customer_id),
  FOREIGN KEY (workspace_id, improvement_id) REFERENCES improvements (workspace_id, id)
);
