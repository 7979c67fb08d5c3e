-- Causes find the customers they touched by event type (and an optional time window); without
-- this index every look-up reads the whole events table. With 200,000 events a workspace (30 %
-- of them of the type) it turned a parallel sequential scan (9,186 buffers, ~75 ms) into a
-- bitmap index scan over that type's events (4,982 buffers, ~48 ms; with a one-month window
-- 4,050 buffers, ~20 ms).
CREATE INDEX events_type ON events (workspace_id, type, occurred_at);

-- The affected customers list shows each customer's newest case: without this, each row of a
-- page walked cases_recent through the workspace's cases (100,000 cases: ~4 ms per row, ~220 ms
-- a page of 50); with it, one index probe per row.
CREATE INDEX cases_customer ON cases (workspace_id, customer_id, opened_at DESC, id DESC);
