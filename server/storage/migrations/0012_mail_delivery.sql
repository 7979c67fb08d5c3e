-- Mail delivered at most once (issue 5). A mail being handed to the SMTP server is `sending`,
-- committed before the SMTP conversation starts, with the claim that fences its outcome, who
-- holds it, since when and until when (a lease its sender renews). A claim whose lease ran out
-- belongs to a sender that died mid-conversation: the mail becomes `unknown`, is never sent again
-- by itself, and a person may choose to send it again (mail_resends records who and when).
-- Existing rows stay valid: the new statuses only widen the check, the new columns are empty.
ALTER TABLE mails DROP CONSTRAINT mails_status_check;
ALTER TABLE mails ADD CONSTRAINT mails_status_check
  CHECK (status IN ('queued', 'sending', 'sent', 'preview', 'failed', 'unknown'));

ALTER TABLE mails
  ADD COLUMN claim_id    uuid,
  ADD COLUMN claimed_by  text,
  ADD COLUMN claimed_at  timestamptz,
  ADD COLUMN lease_until timestamptz,
  -- The Message-ID header, <mail id@From domain>, fixed the first time the mail is handed over
  -- so that a resend carries the same one.
  ADD COLUMN message_id  text;

ALTER TABLE mails ADD CONSTRAINT mails_sending_is_claimed
  CHECK (status <> 'sending' OR (claim_id IS NOT NULL AND claimed_by IS NOT NULL AND claimed_at IS NOT NULL AND lease_until IS NOT NULL));

-- The senders' sweep for claims whose lease ran out.
CREATE INDEX mails_sending_lease ON mails (lease_until) WHERE status = 'sending';

CREATE TABLE mail_resends (
  workspace_id  uuid NOT NULL,
  mail_id       uuid NOT NULL,
  id            uuid NOT NULL,
  at            timestamptz NOT NULL,
  by_user       uuid,
  by_token      uuid,
  from_status   text NOT NULL CHECK (from_status IN ('unknown', 'failed')),
  from_error    text,
  PRIMARY KEY (workspace_id, mail_id, id),
  FOREIGN KEY (workspace_id, mail_id) REFERENCES mails (workspace_id, id)
);
