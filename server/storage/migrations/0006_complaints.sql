-- Complaints (the table is in 0003_recovery.sql): the order or reference number a customer
-- gives on the form, whether the complaint joined a case that was already open (so a repeated
-- request answers as the first did), and one customer's complaints newest first.
ALTER TABLE complaints ADD COLUMN reference text;
ALTER TABLE complaints ADD COLUMN joined_case boolean NOT NULL DEFAULT false;
CREATE INDEX complaints_customer ON complaints (workspace_id, customer_id, id DESC);
