-- Commitments: promises made to customers ("refund by Friday", "call back within two hours").
-- Each has a kind (so similar promises can be compared), a due time, and an outcome: kept by
-- someone before it is due, or broken by the clock at its due time (an oops that opens or joins a
-- recovery case). A renegotiation (the customer agreed to a new time) moves the due time and
-- keeps the old one in the history. The clock is a graphile-worker job keyed by the commitment.

CREATE TABLE commitments (
  workspace_id     uuid NOT NULL,
  id               uuid NOT NULL,
  customer_id      uuid NOT NULL,
  what             text NOT NULL,
  -- A short slug (refund, callback, replacement, visit): similar promises share it.
  kind             text NOT NULL,
  -- renegotiated is still open: it can be kept or broken at its new due time.
  status           text NOT NULL CHECK (status IN ('open', 'renegotiated', 'kept', 'broken')),
  made_at          timestamptz NOT NULL,
  -- The due time first promised, and the one in force (a renegotiation moves it).
  first_due_at     timestamptz NOT NULL,
  due_at           timestamptz NOT NULL,
  renegotiations   integer NOT NULL DEFAULT 0,
  owner_id         uuid,
  department_id    uuid,
  case_id          uuid,
  -- staff: a person; case: a person on a case's page; system: another system with an API token.
  made_via         text NOT NULL CHECK (made_via IN ('staff', 'case', 'system')),
  made_by_user     uuid,
  made_by_token    uuid,
  source           text NOT NULL,
  idempotency_key  text,
  kept_at          timestamptz,
  kept_by_user     uuid,
  kept_by_token    uuid,
  -- When it was broken: its due time (the moment the promise failed), not when the job ran.
  broken_at        timestamptz,
  -- The case the broken promise opened or joined.
  oops_case_id     uuid,
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id),
  FOREIGN KEY (workspace_id, case_id) REFERENCES cases (workspace_id, id),
  FOREIGN KEY (workspace_id, oops_case_id) REFERENCES cases (workspace_id, id),
  CHECK ((status = 'kept') = (kept_at IS NOT NULL)),
  CHECK ((status = 'broken') = (broken_at IS NOT NULL)),
  -- Keeping after the due time in force is not possible: by then the clock has broken it.
  CHECK (kept_at IS NULL OR kept_at <= due_at)
);
-- The ledger by due time; the statistics read resolved commitments by due time too.
CREATE INDEX commitments_due ON commitments (workspace_id, due_at, id);
-- What a team achieved for similar promises: same kind (and department), due in a window.
CREATE INDEX commitments_kind ON commitments (workspace_id, kind, department_id, due_at);
-- The open ones: the ledger's default view and the statistics' "open now".
CREATE INDEX commitments_open ON commitments (workspace_id, due_at) WHERE status IN ('open', 'renegotiated');
CREATE INDEX commitments_customer ON commitments (workspace_id, customer_id, due_at);
CREATE INDEX commitments_case ON commitments (workspace_id, case_id) WHERE case_id IS NOT NULL;
-- The same key from the same source makes one commitment (another system retrying).
CREATE UNIQUE INDEX commitments_idempotency ON commitments (workspace_id, source, idempotency_key) WHERE idempotency_key IS NOT NULL;

-- Every change, oldest first: made, renegotiated (from which due time to which), kept, broken.
CREATE TABLE commitment_changes (
  workspace_id     uuid NOT NULL,
  commitment_id    uuid NOT NULL,
  id               uuid NOT NULL,
  change           text NOT NULL CHECK (change IN ('made', 'renegotiated', 'kept', 'broken')),
  -- When it happened (a break: the due time), and when Kept recorded it.
  at               timestamptz NOT NULL,
  recorded_at      timestamptz NOT NULL,
  due_at           timestamptz NOT NULL,
  previous_due_at  timestamptz,
  by_user          uuid,
  by_token         uuid,
  note             text,
  PRIMARY KEY (workspace_id, commitment_id, id),
  FOREIGN KEY (workspace_id, commitment_id) REFERENCES commitments (workspace_id, id)
);
