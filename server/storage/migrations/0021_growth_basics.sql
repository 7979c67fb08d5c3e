-- Earned Growth and the basics (issue 14).
-- The revenue ledger is not stored: it is read from the events table with the workspace's
-- mappings at query time, so a mapping that is added or corrected applies to every event
-- already received (a ledger written on arrival would keep the old reading). Amounts are read
-- as numeric, never as floating point.
CREATE TABLE growth_settings (
  workspace_id        uuid PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
  reporting_currency  text NOT NULL CHECK (reporting_currency ~ '^[A-Z]{3}$'),
  -- How events tell that a customer came by referral: [{ eventType, path, earnedValues[] }].
  acquisition_events  jsonb NOT NULL DEFAULT '[]',
  updated_at          timestamptz NOT NULL
);

CREATE TABLE revenue_mappings (
  workspace_id   uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id             uuid NOT NULL,
  event_type     text NOT NULL,
  amount_path    text NOT NULL,
  amount_unit    text NOT NULL CHECK (amount_unit IN ('major', 'minor')),
  currency_path  text,
  currency       text CHECK (currency ~ '^[A-Z]{3}$'),
  negate         boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, id),
  CHECK ((currency_path IS NULL) <> (currency IS NULL))
);
CREATE UNIQUE INDEX revenue_mappings_type ON revenue_mappings (workspace_id, event_type);

-- A basic promise (seed 002): events of a type that `applies_when` selects should satisfy every
-- condition of `kept_when`; one that does not is a broken basic, reported as an oops.
CREATE TABLE basics (
  workspace_id   uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id             uuid NOT NULL,
  name           text NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('product', 'place', 'time', 'way')),
  department_id  uuid,
  event_type     text NOT NULL,
  applies_when   jsonb NOT NULL DEFAULT '[]',
  kept_when      jsonb NOT NULL,
  severity       text NOT NULL CHECK (severity IN ('low', 'normal', 'high', 'critical')),
  enabled        boolean NOT NULL DEFAULT true,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, department_id) REFERENCES departments (workspace_id, id)
);
CREATE INDEX basics_type ON basics (workspace_id, event_type) WHERE enabled;

ALTER TABLE cases DROP CONSTRAINT cases_origin_check;
ALTER TABLE cases ADD CONSTRAINT cases_origin_check
  CHECK (origin IN ('survey', 'complaint', 'manual', 'proactive', 'commitment', 'contradiction', 'basic'));
ALTER TABLE oopses DROP CONSTRAINT oopses_kind_check;
ALTER TABLE oopses ADD CONSTRAINT oopses_kind_check
  CHECK (kind IN ('survey', 'complaint', 'manual', 'proactive', 'commitment', 'contradiction', 'basic'));
