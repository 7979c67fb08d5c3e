-- The playbook of a recovery: steps with who did them and what they cost, apology templates,
-- follow-up re-surveys linked to their case, and outreach to every customer a cause touched.

-- How many days after the fix the follow-up re-survey goes out, unless staff say otherwise.
ALTER TABLE recovery_settings
  ADD COLUMN follow_up_days integer NOT NULL DEFAULT 3 CHECK (follow_up_days BETWEEN 0 AND 60);

-- A restitution's cost and who approved it are figures the reports add up: columns, not JSON.
ALTER TABLE case_steps
  ADD COLUMN cost_amount numeric(12, 2) CHECK (cost_amount >= 0),
  ADD COLUMN cost_currency text CHECK (cost_currency ~ '^[A-Z]{3}$'),
  ADD COLUMN approved_by uuid;
CREATE INDEX case_steps_at ON case_steps (workspace_id, step, at);

-- A follow-up re-survey is an invitation that belongs to a case: it skips the contact rule (the
-- customer was told we would ask) and is left out of headline scores like a hand-picked one.
ALTER TABLE invitations DROP CONSTRAINT invitations_origin_check;
ALTER TABLE invitations ADD CONSTRAINT invitations_origin_check CHECK (origin IN ('trigger', 'sample', 'widget', 'hand', 'follow_up'));
ALTER TABLE invitations ADD COLUMN case_id uuid;
CREATE INDEX invitations_case ON invitations (workspace_id, case_id) WHERE case_id IS NOT NULL;

CREATE TABLE apology_templates (
  workspace_id  uuid NOT NULL REFERENCES workspaces (id),
  id            uuid NOT NULL,
  name          text NOT NULL,
  body          text NOT NULL,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  archived_at   timestamptz,
  PRIMARY KEY (workspace_id, id)
);

-- One "contact everyone this cause touched" action: its progress is what staff watch.
CREATE TABLE cause_outreach (
  workspace_id   uuid NOT NULL,
  id             uuid NOT NULL,
  cause_id       uuid NOT NULL,
  message        text NOT NULL,
  severity       text NOT NULL,
  department_id  uuid,
  status         text NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  total          integer NOT NULL,
  processed      integer NOT NULL DEFAULT 0,
  opened         integer NOT NULL DEFAULT 0,
  joined         integer NOT NULL DEFAULT 0,
  skipped        integer NOT NULL DEFAULT 0,
  apologised     integer NOT NULL DEFAULT 0,
  -- Where the next batch starts: the affected-customers cursor.
  cursor         jsonb,
  error          text,
  started_by     uuid,
  started_at     timestamptz NOT NULL,
  finished_at    timestamptz,
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, cause_id) REFERENCES causes (workspace_id, id)
);
-- One outreach runs per cause at a time.
CREATE UNIQUE INDEX cause_outreach_running ON cause_outreach (workspace_id, cause_id) WHERE status = 'running';

-- Two assignments of a case can share a moment (a case opened and handed over in the same
-- instant, or a clock that tests hold still): the key is an id, ordered by time.
ALTER TABLE case_assignments ADD COLUMN id uuid;
UPDATE case_assignments SET id = gen_random_uuid();
ALTER TABLE case_assignments ALTER COLUMN id SET NOT NULL;
ALTER TABLE case_assignments DROP CONSTRAINT case_assignments_pkey;
ALTER TABLE case_assignments ADD PRIMARY KEY (workspace_id, case_id, id);
