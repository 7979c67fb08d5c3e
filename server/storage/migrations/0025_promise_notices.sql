-- Promise notices (issue 12): the customer is told, in the company's voice, when a promise is made
-- to them, when it is kept, and when it is missed (with an apology and what happens next). Each
-- promise says whether its customer is told; promises made before this migration were made without
-- telling anyone, so they stay silent, and new ones tell the customer unless asked not to.
ALTER TABLE commitments ADD COLUMN tell_customer boolean NOT NULL DEFAULT false;
ALTER TABLE commitments ALTER COLUMN tell_customer SET DEFAULT true;

-- One row per promise and notice: written in the transaction that made, kept or broke the promise,
-- so a retried job or a second process finds the row and tells nobody twice.
CREATE TABLE commitment_notices (
  workspace_id   uuid NOT NULL,
  commitment_id  uuid NOT NULL,
  notice         text NOT NULL CHECK (notice IN ('made', 'kept', 'missed')),
  -- passed, held, cancelled: the outbox's decision; no_address: the customer has no e-mail address.
  status         text NOT NULL CHECK (status IN ('passed', 'held', 'cancelled', 'no_address')),
  message_id     uuid,
  mail_id        uuid,
  at             timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, commitment_id, notice),
  FOREIGN KEY (workspace_id, commitment_id) REFERENCES commitments (workspace_id, id)
);
