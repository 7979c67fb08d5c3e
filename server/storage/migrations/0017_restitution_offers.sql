-- The customer chooses the restitution (seed 000): staff offer one to three options from a case,
-- each with what the customer gets, its cost and an optional "wow" flag; the customer picks one on
-- the case's page or writes what else would make it right. An offer is open until it is chosen,
-- answered with something else, or withdrawn; at most one is open per case at a time.
CREATE TABLE restitution_offers (
  workspace_id   uuid NOT NULL,
  id             uuid NOT NULL,
  case_id        uuid NOT NULL,
  -- [{ what, amount, wow }] in the order staff gave them; amounts are in `currency`.
  options        jsonb NOT NULL CHECK (jsonb_typeof(options) = 'array' AND jsonb_array_length(options) BETWEEN 1 AND 3),
  currency       text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  message        text,
  status         text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'chosen', 'something_else', 'withdrawn')),
  offered_by     uuid,
  approved_by    uuid NOT NULL,
  offered_at     timestamptz NOT NULL,
  -- The customer's answer: the option's index (0-based) or the words of "something else".
  chosen_option  integer CHECK (chosen_option BETWEEN 0 AND 2),
  something_else text,
  answered_at    timestamptz,
  withdrawn_by   uuid,
  withdrawn_at   timestamptz,
  PRIMARY KEY (workspace_id, id),
  CHECK ((status = 'chosen') = (chosen_option IS NOT NULL)),
  CHECK ((status = 'something_else') = (something_else IS NOT NULL))
);
CREATE INDEX restitution_offers_case ON restitution_offers (workspace_id, case_id, offered_at);
CREATE UNIQUE INDEX restitution_offers_one_open ON restitution_offers (workspace_id, case_id) WHERE status = 'open';
