-- Privacy and operations (issue 16): an append-only audit log of staff and token actions, the
-- addresses of erased customers who had unsubscribed (a hash only, so they stay unsubscribed),
-- and per-workspace retention of old events and mails.

-- Who did what, when, from where. Rows hold ids, routes and settings, never a customer's
-- e-mail, name or free text, so erasing a customer never has to touch the log. The app only
-- inserts: the trigger refuses UPDATE and DELETE (TRUNCATE too) for everyone but a superuser who
-- drops it on purpose.
CREATE TABLE audit_log (
  workspace_id  uuid NOT NULL,
  id            uuid NOT NULL,
  at            timestamptz NOT NULL,
  actor_kind    text NOT NULL CHECK (actor_kind IN ('user', 'token', 'system')),
  actor_id      uuid,
  actor_role    text,
  action        text NOT NULL,
  target        text,
  status        integer,
  client        text,
  request_id    text,
  detail        jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX audit_log_at ON audit_log (workspace_id, at DESC, id DESC);
CREATE INDEX audit_log_actor ON audit_log (workspace_id, actor_id, at DESC);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- An erased customer's unsubscribe: sha256 of the lower-cased e-mail address. A customer created
-- later with the same address is unsubscribed too (storage/unsubscribes.ts checks both tables).
CREATE TABLE unsubscribed_addresses (
  workspace_id     uuid NOT NULL,
  email_hash       bytea NOT NULL,
  unsubscribed_at  timestamptz NOT NULL,
  via              text NOT NULL,
  PRIMARY KEY (workspace_id, email_hash)
);

-- How long old events and mails are kept; NULL keeps them forever (the default).
CREATE TABLE retention_settings (
  workspace_id  uuid PRIMARY KEY REFERENCES workspaces (id),
  event_days    integer CHECK (event_days IS NULL OR event_days >= 1),
  mail_days     integer CHECK (mail_days IS NULL OR mail_days >= 1),
  updated_at    timestamptz NOT NULL
);
