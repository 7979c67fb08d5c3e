-- Learning, the people half (issue 13): recognition (seed 003), internal customers (seed 004)
-- and the staff's own 0-10 "customer obsession" rating (seed 000).

-- Kudos: praise that names a person. Found in a customer's words (an answer, a complaint, a reply
-- on a case page), picked by the customer, or caught by a manager by hand. A first name that fits
-- several staff waits (pending, with its candidates) until a person says who was meant.
CREATE TABLE kudos (
  workspace_id    uuid NOT NULL REFERENCES workspaces (id),
  id              uuid NOT NULL,
  status          text NOT NULL CHECK (status IN ('sent', 'pending', 'dismissed')),
  source_kind     text NOT NULL CHECK (source_kind IN ('answer', 'complaint', 'case_reply', 'picked', 'caught')),
  source_id       uuid,
  -- The name as written, folded (lower case, no diacritics): one kudos per name per source.
  matched         text NOT NULL,
  staff_id        uuid,
  candidate_ids   uuid[] NOT NULL DEFAULT '{}',
  -- The person's departments when they were recognised: the feed per department reads these.
  department_ids  uuid[] NOT NULL DEFAULT '{}',
  customer_id     uuid,
  words           text NOT NULL,
  by_user         uuid,
  created_at      timestamptz NOT NULL,
  resolved_at     timestamptz,
  resolved_by     uuid,
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, staff_id) REFERENCES users (workspace_id, id),
  CHECK ((status = 'sent') = (staff_id IS NOT NULL))
);
CREATE UNIQUE INDEX kudos_source ON kudos (workspace_id, source_kind, source_id, matched) WHERE source_id IS NOT NULL;
CREATE INDEX kudos_recent ON kudos (workspace_id, created_at DESC, id DESC);
CREATE INDEX kudos_departments ON kudos USING gin (department_ids);

-- A hand-off: work one department (requesting) passed to another (giving), rated once by the
-- requesting department, 1-5 with a comment, like customers rate the company.
CREATE TABLE hand_offs (
  workspace_id               uuid NOT NULL REFERENCES workspaces (id),
  id                         uuid NOT NULL,
  kind                       text NOT NULL CHECK (kind IN ('case', 'task', 'request')),
  ref_id                     uuid,
  requesting_department_id   uuid NOT NULL,
  giving_department_id       uuid NOT NULL,
  title                      text NOT NULL,
  handed_at                  timestamptz NOT NULL,
  by_user                    uuid,
  rating                     smallint CHECK (rating BETWEEN 1 AND 5),
  comment                    text,
  rated_at                   timestamptz,
  rated_by                   uuid,
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, requesting_department_id) REFERENCES departments (workspace_id, id),
  FOREIGN KEY (workspace_id, giving_department_id) REFERENCES departments (workspace_id, id),
  CHECK (requesting_department_id <> giving_department_id),
  CHECK ((rating IS NULL) = (rated_at IS NULL))
);
CREATE INDEX hand_offs_rated ON hand_offs (workspace_id, rated_at) INCLUDE (requesting_department_id, giving_department_id, rating)
  WHERE rating IS NOT NULL;
CREATE INDEX hand_offs_open ON hand_offs (workspace_id, requesting_department_id, handed_at DESC) WHERE rating IS NULL;

-- The obsession score, anonymous: an answer holds no staff id, no time but its quarter, and a
-- random (not time-ordered) id; who answered a quarter is kept apart, only to refuse a second answer.
CREATE TABLE obsession_answers (
  workspace_id    uuid NOT NULL REFERENCES workspaces (id),
  id              uuid NOT NULL,
  quarter         text NOT NULL CHECK (quarter ~ '^[0-9]{4}-Q[1-4]$'),
  score           smallint NOT NULL CHECK (score BETWEEN 0 AND 10),
  to_be_a_ten     text,
  improvement_id  uuid,
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX obsession_answers_quarter ON obsession_answers (workspace_id, quarter);

CREATE TABLE obsession_respondents (
  workspace_id  uuid NOT NULL REFERENCES workspaces (id),
  quarter       text NOT NULL,
  user_id       uuid NOT NULL,
  PRIMARY KEY (workspace_id, quarter, user_id),
  FOREIGN KEY (workspace_id, user_id) REFERENCES users (workspace_id, id)
);
