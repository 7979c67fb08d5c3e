-- Issue 13: the friction ranking read every tagged item of both periods (1 M items: p95 1.6 s over
-- 365 days). It now reads a rollup kept exact by triggers in the same transaction as every change
-- to rule_friction (insert, delete, update: tagging, a customer's erasure, a re-tag), and reads
-- only the partial days at a period's edges from rule_friction itself.
--
-- rule_friction_days: per (workspace, rule, UTC day) the complaints, cases and answers tagged.
-- Counts add up across days, so any period is whole days from here plus its edges.
CREATE TABLE rule_friction_days (
  workspace_id  uuid NOT NULL,
  rule_id       uuid NOT NULL,
  day           date NOT NULL,
  complaints    integer NOT NULL DEFAULT 0,
  cases         integer NOT NULL DEFAULT 0,
  answers       integer NOT NULL DEFAULT 0,
  PRIMARY KEY (workspace_id, day, rule_id)
);

-- Distinct customers do not add up across days. Each (workspace, rule, UTC day) and (workspace,
-- rule, UTC month) keeps a HyperLogLog sketch of its customers: 1024 registers (p = 10, standard
-- error 1.04/√1024 = 3.25 %), each 32 bits wide and unary (a register at value r has its first r
-- bits set), so the union of sketches is bit_or, done by PostgreSQL in C. The ranking counts
-- customers exactly while a period holds few items, and estimates from these beyond that.
CREATE TABLE rule_friction_sketches (
  workspace_id  uuid NOT NULL,
  grain         text NOT NULL CHECK (grain IN ('day', 'month')),
  start         date NOT NULL,
  rule_id       uuid NOT NULL,
  registers     bit varying NOT NULL,
  PRIMARY KEY (workspace_id, grain, start, rule_id)
);

-- A customer's register: the low 10 bits of a 64-bit hash of the id; its value: 1 + the trailing
-- zeros of the other 54 bits, at most 32 (the register's width). The ranking hashes the few items
-- of a period's partial edge days with these two, and reads the sketches for the rest.
CREATE FUNCTION rule_sketch_index(customer uuid) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (uuid_hash_extended(customer, 0) & 1023)::integer
$$;
CREATE FUNCTION rule_sketch_value(customer uuid) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT least(32, 1 + bit_count(((w & -w) - 1)::bit(64)))::integer FROM (SELECT uuid_hash_extended(customer, 0) >> 10 AS w) x
$$;
-- The sketch of one customer: their register's first `value` bits set.
CREATE FUNCTION rule_sketch_bit(customer uuid) RETURNS bit varying LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (repeat('1', rule_sketch_value(customer))::bit varying(32)::bit(32768)) >> (32 * rule_sketch_index(customer))
$$;

-- The sketches of these (workspace, rule, day)s, and of their months, made again from what
-- rule_friction holds now (after a delete or an update, which a sketch cannot take back).
CREATE FUNCTION rule_friction_resketch(keys jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- Lock the rows first: a concurrent insert's bits are then in rule_friction by the time the
  -- next statement (a fresh snapshot) reads it.
  PERFORM 1 FROM rule_friction_sketches s
    JOIN jsonb_to_recordset(keys) AS k (workspace_id uuid, rule_id uuid, day date)
      ON s.workspace_id = k.workspace_id AND s.rule_id = k.rule_id
     AND ((s.grain = 'day' AND s.start = k.day) OR (s.grain = 'month' AND s.start = date_trunc('month', k.day)::date))
    ORDER BY s.workspace_id, s.grain, s.start, s.rule_id FOR UPDATE OF s;
  UPDATE rule_friction_sketches s SET registers = coalesce((
      SELECT bit_or(rule_sketch_bit(f.customer_id)) FROM rule_friction f
      WHERE f.workspace_id = s.workspace_id AND f.rule_id = s.rule_id
        AND f.occurred_at >= (s.start::timestamp AT TIME ZONE 'UTC')
        AND f.occurred_at < ((s.start + 1)::timestamp AT TIME ZONE 'UTC')), 0::bit(32768))
    FROM (SELECT DISTINCT * FROM jsonb_to_recordset(keys) AS k (workspace_id uuid, rule_id uuid, day date)) k
    WHERE s.grain = 'day' AND s.workspace_id = k.workspace_id AND s.rule_id = k.rule_id AND s.start = k.day;
  UPDATE rule_friction_sketches s SET registers = coalesce((
      SELECT bit_or(d.registers) FROM rule_friction_sketches d
      WHERE d.workspace_id = s.workspace_id AND d.rule_id = s.rule_id AND d.grain = 'day'
        AND d.start >= s.start AND d.start < (s.start + interval '1 month')::date), 0::bit(32768))
    FROM (SELECT DISTINCT workspace_id, rule_id, date_trunc('month', day)::date AS month
          FROM jsonb_to_recordset(keys) AS k (workspace_id uuid, rule_id uuid, day date)) k
    WHERE s.grain = 'month' AND s.workspace_id = k.workspace_id AND s.rule_id = k.rule_id AND s.start = k.month;
END $$;

-- One trigger function for the three statements: the rows taken away are subtracted from the day
-- counts and their sketches made again; the rows added are counted and their bits or-ed in.
-- Transition tables are read here (a called function cannot see them).
CREATE FUNCTION rule_friction_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  keys jsonb;
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    INSERT INTO rule_friction_days AS d (workspace_id, day, rule_id, complaints, cases, answers)
    SELECT workspace_id, (occurred_at AT TIME ZONE 'UTC')::date, rule_id,
           -count(*) FILTER (WHERE item_kind = 'complaint'), -count(*) FILTER (WHERE item_kind = 'case'),
           -count(*) FILTER (WHERE item_kind = 'answer')
    FROM old_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (workspace_id, day, rule_id) DO UPDATE
      SET complaints = d.complaints + excluded.complaints, cases = d.cases + excluded.cases, answers = d.answers + excluded.answers;
    SELECT jsonb_agg(DISTINCT jsonb_build_object('workspace_id', workspace_id, 'rule_id', rule_id, 'day', (occurred_at AT TIME ZONE 'UTC')::date))
      INTO keys FROM old_rows;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO rule_friction_days AS d (workspace_id, day, rule_id, complaints, cases, answers)
    SELECT workspace_id, (occurred_at AT TIME ZONE 'UTC')::date, rule_id,
           count(*) FILTER (WHERE item_kind = 'complaint'), count(*) FILTER (WHERE item_kind = 'case'),
           count(*) FILTER (WHERE item_kind = 'answer')
    FROM new_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (workspace_id, day, rule_id) DO UPDATE
      SET complaints = d.complaints + excluded.complaints, cases = d.cases + excluded.cases, answers = d.answers + excluded.answers;
    WITH days AS MATERIALIZED (
      SELECT workspace_id, (occurred_at AT TIME ZONE 'UTC')::date AS day, rule_id, bit_or(rule_sketch_bit(customer_id)) AS registers
      FROM new_rows GROUP BY 1, 2, 3
    ), day_sketches AS (
      INSERT INTO rule_friction_sketches AS s (workspace_id, grain, start, rule_id, registers)
      SELECT workspace_id, 'day', day, rule_id, registers FROM days ORDER BY 1, 3, 4
      ON CONFLICT (workspace_id, grain, start, rule_id) DO UPDATE SET registers = s.registers | excluded.registers
    )
    INSERT INTO rule_friction_sketches AS s (workspace_id, grain, start, rule_id, registers)
    SELECT workspace_id, 'month', date_trunc('month', day)::date, rule_id, bit_or(registers) FROM days GROUP BY 1, 3, 4 ORDER BY 1, 3, 4
    ON CONFLICT (workspace_id, grain, start, rule_id) DO UPDATE SET registers = s.registers | excluded.registers;
  END IF;
  IF keys IS NOT NULL THEN
    PERFORM rule_friction_resketch(keys);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER rule_friction_rollup_insert AFTER INSERT ON rule_friction
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rule_friction_rollup();
CREATE TRIGGER rule_friction_rollup_update AFTER UPDATE ON rule_friction
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rule_friction_rollup();
CREATE TRIGGER rule_friction_rollup_delete AFTER DELETE ON rule_friction
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rule_friction_rollup();

-- The backfill: the rows already tagged.
INSERT INTO rule_friction_days (workspace_id, day, rule_id, complaints, cases, answers)
SELECT workspace_id, (occurred_at AT TIME ZONE 'UTC')::date, rule_id,
       count(*) FILTER (WHERE item_kind = 'complaint'), count(*) FILTER (WHERE item_kind = 'case'),
       count(*) FILTER (WHERE item_kind = 'answer')
FROM rule_friction GROUP BY 1, 2, 3;
INSERT INTO rule_friction_sketches (workspace_id, grain, start, rule_id, registers)
SELECT workspace_id, 'day', (occurred_at AT TIME ZONE 'UTC')::date, rule_id, bit_or(rule_sketch_bit(customer_id))
FROM rule_friction GROUP BY 1, 3, 4;
INSERT INTO rule_friction_sketches (workspace_id, grain, start, rule_id, registers)
SELECT workspace_id, 'month', date_trunc('month', start)::date, rule_id, bit_or(registers)
FROM rule_friction_sketches WHERE grain = 'day' GROUP BY 1, 3, 4;

-- The cost reads the done restitutions (few) and finds each one's tagged case by its id.
CREATE INDEX rule_friction_case ON rule_friction (workspace_id, item_id) INCLUDE (rule_id, customer_id, occurred_at)
  WHERE item_kind = 'case';
CREATE INDEX case_steps_restitution ON case_steps (workspace_id, case_id) INCLUDE (cost_amount)
  WHERE step = 'restitution' AND status = 'done' AND cost_amount IS NOT NULL;
-- The exact count of a rule's customers reads this index only.
CREATE INDEX rule_friction_rule_customers ON rule_friction (workspace_id, rule_id, occurred_at) INCLUDE (customer_id);
DROP INDEX rule_friction_rule;
