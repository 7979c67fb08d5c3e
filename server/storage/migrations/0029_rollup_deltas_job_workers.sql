-- Issue 15: answers no longer update score_rollups rows in their transaction. Concurrent answers to
-- one survey on one day all added to the same rows, so each waited for the row locks of the one
-- before it until that one's COMMIT (fsync included). Each change is now appended as a delta row
-- (no lock on anything shared), and a job folds the deltas into the totals. What the dashboards
-- read (score_rollups, a view, and storage/score-queries.ts) is the totals plus the deltas not yet
-- folded, so it stays exact the moment the answer commits.
ALTER TABLE score_rollups RENAME TO score_rollup_totals;
ALTER INDEX score_rollups_pkey RENAME TO score_rollup_totals_pkey;

CREATE TABLE score_rollup_deltas (
  workspace_id      uuid NOT NULL,
  id                bigint GENERATED ALWAYS AS IDENTITY,
  dim               text NOT NULL,
  value             text NOT NULL,
  day               date NOT NULL,
  survey_id         uuid NOT NULL,
  hand_picked       boolean NOT NULL,
  s0 integer NOT NULL DEFAULT 0, s1 integer NOT NULL DEFAULT 0, s2 integer NOT NULL DEFAULT 0,
  s3 integer NOT NULL DEFAULT 0, s4 integer NOT NULL DEFAULT 0, s5 integer NOT NULL DEFAULT 0,
  s6 integer NOT NULL DEFAULT 0, s7 integer NOT NULL DEFAULT 0, s8 integer NOT NULL DEFAULT 0,
  s9 integer NOT NULL DEFAULT 0, s10 integer NOT NULL DEFAULT 0,
  invited           integer NOT NULL DEFAULT 0,
  answered_invited  integer NOT NULL DEFAULT 0,
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX score_rollup_deltas_rows ON score_rollup_deltas (workspace_id, dim, day);

-- The rollups as they stand: one row per (workspace, dim, day, value, survey, hand-picked), the
-- totals plus the deltas not folded yet.
CREATE VIEW score_rollups AS
SELECT workspace_id, dim, value, day, survey_id, hand_picked,
  sum(s0)::int AS s0, sum(s1)::int AS s1, sum(s2)::int AS s2, sum(s3)::int AS s3, sum(s4)::int AS s4, sum(s5)::int AS s5,
  sum(s6)::int AS s6, sum(s7)::int AS s7, sum(s8)::int AS s8, sum(s9)::int AS s9, sum(s10)::int AS s10,
  sum(invited)::int AS invited, sum(answered_invited)::int AS answered_invited
FROM (
  SELECT workspace_id, dim, value, day, survey_id, hand_picked, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, invited, answered_invited
  FROM score_rollup_totals
  UNION ALL
  SELECT workspace_id, dim, value, day, survey_id, hand_picked, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, invited, answered_invited
  FROM score_rollup_deltas
) x
GROUP BY workspace_id, dim, day, value, survey_id, hand_picked;

-- The recovery worker's ids (graphile-worker's pool and workers) per running Kept instance, with
-- a heartbeat. After a crash, the jobs a dead instance had locked are unlocked
-- (graphile_worker.force_unlock_workers) by the next instance that sees it dead: its process gone
-- on the same host, or no heartbeat for two minutes; otherwise they waited for graphile-worker's
-- own four-hour lock timeout.
CREATE TABLE kept_job_workers (
  worker_id   text PRIMARY KEY,
  pool_id     text NOT NULL,
  -- host name and PID namespace: where `pid` means something
  host        text NOT NULL,
  pid         integer NOT NULL,
  started_at  timestamptz NOT NULL DEFAULT now(),
  seen_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX kept_job_workers_pool ON kept_job_workers (pool_id);
