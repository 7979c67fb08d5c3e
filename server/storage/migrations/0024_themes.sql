-- What customers talk about (issue 14): every free text (answer reasons and comments, complaints,
-- customers' replies on cases) analysed once, in the process, for its sentiment and the terms it
-- mentions; themes are sets of terms that people name, merge, split and pin.
CREATE TABLE text_insights (
  workspace_id  uuid NOT NULL,
  source        text NOT NULL CHECK (source IN ('answer', 'complaint', 'case_reply')),
  source_id     uuid NOT NULL,
  customer_id   uuid NOT NULL,
  occurred_at   timestamptz NOT NULL,
  language      text NOT NULL CHECK (language IN ('en', 'fr', 'de')),
  sentiment     real NOT NULL CHECK (sentiment BETWEEN -1 AND 1),
  label         text NOT NULL CHECK (label IN ('positive', 'negative', 'mixed', 'neutral')),
  terms         text[] NOT NULL,
  analysed_at   timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, source, source_id)
);
CREATE INDEX text_insights_time ON text_insights (workspace_id, occurred_at);
CREATE INDEX text_insights_terms ON text_insights USING gin (terms);

-- How far the analysis has read each source of each workspace (ids are UUIDv7: time-ordered).
CREATE TABLE text_analysis_progress (
  workspace_id  uuid NOT NULL,
  source        text NOT NULL,
  last_id       uuid NOT NULL,
  PRIMARY KEY (workspace_id, source)
);

CREATE TABLE themes (
  workspace_id  uuid NOT NULL,
  id            uuid NOT NULL,
  name          text NOT NULL,
  terms         text[] NOT NULL CHECK (cardinality(terms) BETWEEN 1 AND 100),
  pinned        boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL,
  created_by    uuid,
  updated_at    timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, id)
);
CREATE UNIQUE INDEX themes_name ON themes (workspace_id, lower(name));

-- The weekly digest (issue 14): who receives it, and the last week sent to each (its Monday), so a
-- week is mailed once even with several instances or after downtime.
CREATE TABLE digest_subscriptions (
  workspace_id  uuid NOT NULL,
  user_id       uuid NOT NULL,
  subscribed_at timestamptz NOT NULL,
  last_week     date,
  PRIMARY KEY (workspace_id, user_id),
  FOREIGN KEY (workspace_id, user_id) REFERENCES users (workspace_id, id) ON DELETE CASCADE
);
