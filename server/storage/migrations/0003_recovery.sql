-- Recovery: every oops opens (or joins) a case whose clock starts at the oops; a playbook of
-- steps; complaints; causes that group cases and find everyone they touched. The clocks live in
-- graphile-worker's queue (schema graphile_worker, installed by its own migrations at start).

CREATE TABLE recovery_settings (
  workspace_id        uuid PRIMARY KEY REFERENCES workspaces (id),
  target_hours        integer NOT NULL DEFAULT 24 CHECK (target_hours BETWEEN 1 AND 720),
  -- null: calendar hours. Otherwise { "timeZone": "Europe/Amsterdam", "days": [1,2,3,4,5],
  -- "start": "09:00", "end": "17:00", "holidays": ["2026-12-25"] }
  business_hours      jsonb,
  -- An answer at or below these opens a case: NPS 0-6 detractors, CSAT 1-2, CES 1-3.
  nps_max             integer NOT NULL DEFAULT 6 CHECK (nps_max BETWEEN 0 AND 10),
  csat_max            integer NOT NULL DEFAULT 2 CHECK (csat_max BETWEEN 1 AND 5),
  ces_max             integer NOT NULL DEFAULT 3 CHECK (ces_max BETWEEN 1 AND 7),
  -- Steps a case needs (done or skipped with a reason) before it closes.
  required_steps      text[] NOT NULL DEFAULT ARRAY['acknowledge', 'apologise', 'fix', 'follow_up'],
  default_department  uuid,
  updated_at          timestamptz NOT NULL
);

CREATE TABLE causes (
  workspace_id  uuid NOT NULL REFERENCES workspaces (id),
  id            uuid NOT NULL,
  title         text NOT NULL,
  description   text,
  -- { "eventType": "order.placed", "where": [{ "path": "batch", "op": "eq", "value": "B-42" }] }
  selector      jsonb NOT NULL,
  created_by    uuid,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, id)
);

CREATE TABLE cases (
  workspace_id    uuid NOT NULL,
  id              uuid NOT NULL,
  number          bigint NOT NULL,
  customer_id     uuid NOT NULL,
  status          text NOT NULL CHECK (status IN ('open', 'closed')),
  origin          text NOT NULL CHECK (origin IN ('survey', 'complaint', 'manual', 'proactive', 'commitment', 'contradiction')),
  severity        text NOT NULL CHECK (severity IN ('low', 'normal', 'high', 'critical')),
  title           text NOT NULL,
  -- The moment of the oops: the clock starts here, not when someone noticed.
  oops_at         timestamptz NOT NULL,
  due_at          timestamptz NOT NULL,
  owner_id        uuid,
  department_id   uuid,
  cause_id        uuid,
  opened_at       timestamptz NOT NULL,
  reminded_at     timestamptz,
  escalated_at    timestamptz,
  breached_at     timestamptz,
  recovered_at    timestamptz,
  closed_at       timestamptz,
  closed_by       uuid,
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, number),
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id),
  FOREIGN KEY (workspace_id, cause_id) REFERENCES causes (workspace_id, id)
);
-- A customer has at most one open case: a new oops joins it.
CREATE UNIQUE INDEX cases_one_open ON cases (workspace_id, customer_id) WHERE status = 'open';
-- The inbox: open cases by time left.
CREATE INDEX cases_inbox ON cases (workspace_id, due_at, id) WHERE status = 'open';
CREATE INDEX cases_recent ON cases (workspace_id, opened_at DESC, id DESC);
CREATE INDEX cases_cause ON cases (workspace_id, cause_id) WHERE cause_id IS NOT NULL;

-- Each oops reported: a case may gather several.
CREATE TABLE oopses (
  workspace_id  uuid NOT NULL,
  id            uuid NOT NULL,
  case_id       uuid NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('survey', 'complaint', 'manual', 'proactive', 'commitment', 'contradiction')),
  occurred_at   timestamptz NOT NULL,
  reported_at   timestamptz NOT NULL,
  summary       text NOT NULL,
  -- What it came from: { "responseId": ... } / { "complaintId": ... } / { "userId": ... }
  ref           jsonb NOT NULL DEFAULT '{}',
  -- One report of the same thing counts once (e.g. the same answer).
  dedupe_key    text,
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, case_id) REFERENCES cases (workspace_id, id)
);
CREATE UNIQUE INDEX oopses_dedupe ON oopses (workspace_id, dedupe_key) WHERE dedupe_key IS NOT NULL;

CREATE TABLE case_steps (
  workspace_id  uuid NOT NULL,
  case_id       uuid NOT NULL,
  step          text NOT NULL CHECK (step IN ('acknowledge', 'apologise', 'investigate', 'fix', 'ask', 'restitution', 'follow_up')),
  status        text NOT NULL CHECK (status IN ('done', 'skipped')),
  by_user       uuid,
  at            timestamptz NOT NULL,
  -- apologise: { message }, investigate: { rootCause }, ask: { question, answer }, restitution:
  -- { what, wow, cost: { amount, currency }, approvedBy }, follow_up: { invitationId, responseId }
  data          jsonb NOT NULL DEFAULT '{}',
  skip_reason   text,
  PRIMARY KEY (workspace_id, case_id, step),
  FOREIGN KEY (workspace_id, case_id) REFERENCES cases (workspace_id, id)
);

-- Who owned the case when: every assignment and reassignment.
CREATE TABLE case_assignments (
  workspace_id   uuid NOT NULL,
  case_id        uuid NOT NULL,
  at             timestamptz NOT NULL,
  owner_id       uuid,
  department_id  uuid,
  by_user        uuid,
  how            text NOT NULL CHECK (how IN ('round_robin', 'named', 'reassigned', 'unassigned')),
  PRIMARY KEY (workspace_id, case_id, at)
);

-- Messages between the company and the customer about a case.
CREATE TABLE case_messages (
  workspace_id  uuid NOT NULL,
  id            uuid NOT NULL,
  case_id       uuid NOT NULL,
  direction     text NOT NULL CHECK (direction IN ('to_customer', 'from_customer')),
  body          text NOT NULL,
  by_user       uuid,
  mail_id       uuid,
  at            timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, case_id) REFERENCES cases (workspace_id, id)
);
CREATE INDEX case_messages_case ON case_messages (workspace_id, case_id, at);

CREATE TABLE complaints (
  workspace_id  uuid NOT NULL,
  id            uuid NOT NULL,
  customer_id   uuid NOT NULL,
  channel       text NOT NULL CHECK (channel IN ('form', 'email', 'api')),
  subject       text,
  body          text NOT NULL,
  occurred_at   timestamptz NOT NULL,
  received_at   timestamptz NOT NULL,
  case_id       uuid,
  source        text NOT NULL,
  idempotency_key text,
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id)
);
CREATE UNIQUE INDEX complaints_idempotency ON complaints (workspace_id, source, idempotency_key) WHERE idempotency_key IS NOT NULL;

-- Round-robin: who in each department got the last case.
CREATE TABLE department_rotation (
  workspace_id   uuid NOT NULL,
  department_id  uuid NOT NULL,
  last_user_id   uuid NOT NULL,
  PRIMARY KEY (workspace_id, department_id)
);
