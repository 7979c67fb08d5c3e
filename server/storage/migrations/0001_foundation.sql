-- Foundation: workspaces, staff and their sessions, API tokens, departments, customers and
-- the events of their timeline. Every table but `workspaces` leads its primary key with
-- workspace_id so a PostgreSQL + Citus cluster can distribute all of them by workspace
-- (docs/scaling.md). Runs unchanged on PostgreSQL 15 and newer.

CREATE TABLE workspaces (
  id          uuid PRIMARY KEY,
  slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  name        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  workspace_id   uuid NOT NULL REFERENCES workspaces (id),
  id             uuid NOT NULL,
  email          text NOT NULL,
  name           text NOT NULL,
  role           text NOT NULL CHECK (role IN ('admin', 'manager', 'agent')),
  password_hash  text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  disabled_at    timestamptz,
  PRIMARY KEY (workspace_id, id)
);
CREATE UNIQUE INDEX users_email ON users (workspace_id, lower(email));
-- Sign-in looks a person up by e-mail before the workspace is known.
CREATE INDEX users_email_any_workspace ON users (lower(email));

-- The session id in the cookie is a secret; only its SHA-256 is stored.
CREATE TABLE sessions (
  workspace_id  uuid NOT NULL,
  id_hash       bytea NOT NULL,
  user_id       uuid NOT NULL,
  csrf_token    text NOT NULL,
  created_at    timestamptz NOT NULL,
  last_seen_at  timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, id_hash),
  FOREIGN KEY (workspace_id, user_id) REFERENCES users (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE api_tokens (
  workspace_id  uuid NOT NULL REFERENCES workspaces (id),
  id            uuid NOT NULL,
  name          text NOT NULL,
  role          text NOT NULL CHECK (role IN ('admin', 'manager', 'agent')),
  secret_hash   bytea NOT NULL,
  prefix        text NOT NULL,
  created_at    timestamptz NOT NULL,
  last_used_at  timestamptz,
  revoked_at    timestamptz,
  PRIMARY KEY (workspace_id, id)
);
CREATE UNIQUE INDEX api_tokens_secret ON api_tokens (workspace_id, secret_hash);

CREATE TABLE departments (
  workspace_id  uuid NOT NULL REFERENCES workspaces (id),
  id            uuid NOT NULL,
  key           text NOT NULL CHECK (key ~ '^[a-z0-9][a-z0-9_.-]{0,63}$'),
  name          text NOT NULL,
  colour        text NOT NULL CHECK (colour ~ '^#[0-9a-f]{6}$'),
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, key)
);

CREATE TABLE department_members (
  workspace_id   uuid NOT NULL,
  department_id  uuid NOT NULL,
  user_id        uuid NOT NULL,
  added_at       timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, department_id, user_id),
  FOREIGN KEY (workspace_id, department_id) REFERENCES departments (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, user_id) REFERENCES users (workspace_id, id) ON DELETE CASCADE
);

CREATE TABLE customers (
  workspace_id  uuid NOT NULL REFERENCES workspaces (id),
  id            uuid NOT NULL,
  external_id   text,
  email         text,
  name          text,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, id)
);
-- Customers arrive in bursts (imports, a new integration); stale statistics make the planner
-- scan a workspace's customers instead of using the indexes above, so analyse early.
ALTER TABLE customers SET (autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 1000);
CREATE UNIQUE INDEX customers_external_id ON customers (workspace_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX customers_email ON customers (workspace_id, lower(email)) WHERE email IS NOT NULL;
-- Customers known only by e-mail are unique by it, so two requests naming the same new person
-- cannot create two records: the second insert conflicts and re-reads (storage/customers.ts).
CREATE UNIQUE INDEX customers_email_only ON customers (workspace_id, lower(email)) WHERE external_id IS NULL AND email IS NOT NULL;
-- Customer search matches a substring of name, e-mail or external id.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX customers_search ON customers USING gin (
  (lower(coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(external_id, ''))) gin_trgm_ops
);

CREATE TABLE events (
  workspace_id     uuid NOT NULL,
  id               uuid NOT NULL,
  customer_id      uuid NOT NULL,
  type             text NOT NULL,
  source           text NOT NULL,
  occurred_at      timestamptz NOT NULL,
  received_at      timestamptz NOT NULL,
  idempotency_key  text,
  data             jsonb NOT NULL,
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id)
);
-- The timeline: one customer's events, newest first, paged by (occurred_at, id).
CREATE INDEX events_timeline ON events (workspace_id, customer_id, occurred_at DESC, id DESC);
-- The same idempotency key from the same source stores one event.
CREATE UNIQUE INDEX events_idempotency ON events (workspace_id, source, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
