-- The team (issue 17): an invited person has no password until they follow their link; the
-- one-time links that set a password (an invitation, or a reset by mail) store only a hash of
-- their secret; an API token remembers who made it, so a leaver's tokens are revoked with them;
-- a promise handed over when its owner leaves is a change in its history.
ALTER TABLE users ADD COLUMN password_set_at timestamptz;
UPDATE users SET password_set_at = created_at;

ALTER TABLE api_tokens ADD COLUMN created_by uuid;
CREATE INDEX api_tokens_created_by ON api_tokens (workspace_id, created_by) WHERE created_by IS NOT NULL;

CREATE TABLE password_links (
  workspace_id  uuid NOT NULL,
  id            uuid NOT NULL,
  user_id       uuid NOT NULL,
  purpose       text NOT NULL CHECK (purpose IN ('invitation', 'reset')),
  secret_hash   bytea NOT NULL,
  created_at    timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL,
  used_at       timestamptz,
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, user_id) REFERENCES users (workspace_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX password_links_secret ON password_links (secret_hash);

ALTER TABLE commitment_changes DROP CONSTRAINT commitment_changes_change_check;
ALTER TABLE commitment_changes ADD CONSTRAINT commitment_changes_change_check
  CHECK (change IN ('made', 'renegotiated', 'kept', 'broken', 'handed_over'));
