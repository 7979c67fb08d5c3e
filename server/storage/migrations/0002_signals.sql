-- Signals: surveys (NPS, CSAT, CES), invitations by link, e-mail and widget, the contact rule,
-- unsubscribes, answers, the mail outbox and the score rollups the dashboards read.

-- Customers carry attributes (plan, region, ...) that segment scores, and a preferred locale.
ALTER TABLE customers
  ADD COLUMN attributes jsonb NOT NULL DEFAULT '{}',
  ADD COLUMN locale text;

-- One row per workspace, created on first use with fresh random secrets.
CREATE TABLE signal_settings (
  workspace_id     uuid PRIMARY KEY REFERENCES workspaces (id),
  -- At most one survey invitation per customer per this many days, across all surveys.
  contact_days     integer NOT NULL DEFAULT 30 CHECK (contact_days BETWEEN 0 AND 365),
  -- One reminder this many days after an unanswered e-mail invitation; 0 sends none.
  reminder_days    integer NOT NULL DEFAULT 3 CHECK (reminder_days BETWEEN 0 AND 60),
  -- How long an invitation link stays open.
  expiry_days      integer NOT NULL DEFAULT 14 CHECK (expiry_days BETWEEN 1 AND 365),
  -- Signs invitation and unsubscribe links (HMAC-SHA256).
  link_secret      bytea NOT NULL,
  -- Shared with the customer's site: it signs the externalId of a signed-in customer for the widget.
  widget_secret    text NOT NULL,
  updated_at       timestamptz NOT NULL
);

CREATE TABLE surveys (
  workspace_id    uuid NOT NULL REFERENCES workspaces (id),
  id              uuid NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('nps', 'csat', 'ces')),
  name            text NOT NULL,
  department_id   uuid,
  ask_reason      boolean NOT NULL DEFAULT true,
  -- Extra questions: [{ id, type: 'single_choice' | 'open_text', ... }]
  questions       jsonb NOT NULL DEFAULT '[]',
  -- Customer-facing texts per locale, over the built-in ones: { "fr": { "question": ... } }
  texts           jsonb NOT NULL DEFAULT '{}',
  default_locale  text NOT NULL DEFAULT 'en',
  brand_name      text,
  brand_colour    text CHECK (brand_colour ~ '^#[0-9a-f]{6}$'),
  logo_url        text,
  sample_percent  integer NOT NULL DEFAULT 100 CHECK (sample_percent BETWEEN 1 AND 100),
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  archived_at     timestamptz,
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, department_id) REFERENCES departments (workspace_id, id)
);

-- "Send survey S N hours after an event of type X."
CREATE TABLE survey_triggers (
  workspace_id  uuid NOT NULL,
  id            uuid NOT NULL,
  survey_id     uuid NOT NULL,
  event_type    text NOT NULL,
  delay_hours   integer NOT NULL CHECK (delay_hours BETWEEN 0 AND 8760),
  created_at    timestamptz NOT NULL,
  disabled_at   timestamptz,
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, survey_id) REFERENCES surveys (workspace_id, id)
);
CREATE INDEX survey_triggers_by_type ON survey_triggers (workspace_id, event_type) WHERE disabled_at IS NULL;

-- An invitation is made (scheduled), then sent or suppressed with a reason; it may be answered.
CREATE TABLE invitations (
  workspace_id        uuid NOT NULL,
  id                  uuid NOT NULL,
  survey_id           uuid NOT NULL,
  customer_id         uuid NOT NULL,
  channel             text NOT NULL CHECK (channel IN ('email', 'link', 'widget')),
  -- How the customer was chosen: by a trigger, a random sample, the widget, or by hand.
  origin              text NOT NULL CHECK (origin IN ('trigger', 'sample', 'widget', 'hand')),
  hand_picked         boolean NOT NULL,
  created_by          uuid,
  trigger_id          uuid,
  event_id            uuid,
  locale              text,
  status              text NOT NULL CHECK (status IN ('scheduled', 'sent', 'suppressed')),
  suppressed_reason   text CHECK (suppressed_reason IN ('contact_rule', 'unsubscribed', 'sampled_out', 'no_email', 'survey_archived')),
  send_at             timestamptz NOT NULL,
  sent_at             timestamptz,
  expires_at          timestamptz,
  reminder_due_at     timestamptz,
  reminded_at         timestamptz,
  answered_at         timestamptz,
  created_at          timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, survey_id) REFERENCES surveys (workspace_id, id),
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id)
);
-- The sender finds what falls due without looking at anything else.
CREATE INDEX invitations_due ON invitations (send_at) WHERE status = 'scheduled';
CREATE INDEX invitations_reminder_due ON invitations (reminder_due_at)
  WHERE reminder_due_at IS NOT NULL AND reminded_at IS NULL AND answered_at IS NULL;
CREATE INDEX invitations_survey ON invitations (workspace_id, survey_id, created_at DESC, id DESC);
CREATE INDEX invitations_customer ON invitations (workspace_id, customer_id, created_at DESC);
-- A trigger invites once per event, however often the event's batch is retried.
CREATE UNIQUE INDEX invitations_trigger_event ON invitations (workspace_id, trigger_id, event_id) WHERE trigger_id IS NOT NULL;

-- The contact rule: when each customer was last invited to any survey.
CREATE TABLE survey_contacts (
  workspace_id     uuid NOT NULL,
  customer_id      uuid NOT NULL,
  last_invited_at  timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, customer_id)
);

-- An unsubscribe is permanent for that customer.
CREATE TABLE unsubscribes (
  workspace_id     uuid NOT NULL,
  customer_id      uuid NOT NULL,
  unsubscribed_at  timestamptz NOT NULL,
  via              text NOT NULL,
  PRIMARY KEY (workspace_id, customer_id),
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id)
);

-- Answers. No staff endpoint changes one; the customer may change theirs until closes_at.
CREATE TABLE responses (
  workspace_id     uuid NOT NULL,
  id               uuid NOT NULL,
  survey_id        uuid NOT NULL,
  customer_id      uuid NOT NULL,
  invitation_id    uuid,
  kind             text NOT NULL CHECK (kind IN ('nps', 'csat', 'ces')),
  score            smallint NOT NULL CHECK (score BETWEEN 0 AND 10),
  reason           text,
  answers          jsonb NOT NULL DEFAULT '{}',
  channel          text NOT NULL CHECK (channel IN ('email', 'link', 'widget', 'import')),
  hand_picked      boolean NOT NULL,
  locale           text,
  -- The customer's attributes when they answered: the segments this answer counts in.
  segment          jsonb NOT NULL DEFAULT '{}',
  answered_at      timestamptz NOT NULL,
  received_at      timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  closes_at        timestamptz,
  source           text NOT NULL,
  idempotency_key  text,
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, survey_id) REFERENCES surveys (workspace_id, id),
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id)
);
CREATE UNIQUE INDEX responses_invitation ON responses (workspace_id, invitation_id) WHERE invitation_id IS NOT NULL;
CREATE UNIQUE INDEX responses_idempotency ON responses (workspace_id, source, idempotency_key) WHERE idempotency_key IS NOT NULL;
-- Drill-down: the answers behind a number, newest first.
CREATE INDEX responses_survey_time ON responses (workspace_id, survey_id, answered_at DESC, id DESC);
-- A customer's answers (the drill-down by customer, the customer page).
CREATE INDEX responses_customer ON responses (workspace_id, customer_id, answered_at DESC, id DESC);

-- Score rollups, kept current in the transaction that stores or changes an answer. One row per
-- survey, day (UTC), dimension and value ('' and '' is everyone) and hand-picked flag: s0..s10
-- count answers by score, `invited` counts invitations sent that day, `answered_invited` the
-- answers that came from an invitation (for the response rate).
CREATE TABLE score_rollups (
  workspace_id      uuid NOT NULL,
  dim               text NOT NULL,
  value             text NOT NULL,
  day               date NOT NULL,
  survey_id         uuid NOT NULL,
  hand_picked       boolean NOT NULL,
  s0 integer NOT NULL DEFAULT 0, s1 integer NOT NULL DEFAULT 0, s2 integer NOT NULL DEFAULT 0,
  s3 integer NOT NULL DEFAULT 0, s4 integer NOT NULL DEFAULT 0, s5 integer NOT NULL DEFAULT 0,
  s6 integer NOT NULL DEFAULT 0, s7 integer NOT NULL DEFAULT 0, s8 integer NOT NULL DEFAULT 0,
  s9 integer NOT NULL DEFAULT 0, s10 integer NOT NULL DEFAULT 0,
  invited           integer NOT NULL DEFAULT 0,
  answered_invited  integer NOT NULL DEFAULT 0,
  PRIMARY KEY (workspace_id, dim, day, value, survey_id, hand_picked)
);

-- Every e-mail Kept sends. With no SMTP server configured, mail is kept here as a preview.
CREATE TABLE mails (
  workspace_id     uuid NOT NULL,
  id               uuid NOT NULL,
  customer_id      uuid,
  invitation_id    uuid,
  kind             text NOT NULL,
  to_address       text NOT NULL,
  subject          text NOT NULL,
  html             text NOT NULL,
  text             text NOT NULL,
  headers          jsonb NOT NULL DEFAULT '{}',
  status           text NOT NULL CHECK (status IN ('queued', 'sent', 'preview', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  last_error       text,
  next_attempt_at  timestamptz,
  created_at       timestamptz NOT NULL,
  sent_at          timestamptz,
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX mails_due ON mails (next_attempt_at) WHERE status = 'queued';
CREATE INDEX mails_recent ON mails (workspace_id, created_at DESC, id DESC);
