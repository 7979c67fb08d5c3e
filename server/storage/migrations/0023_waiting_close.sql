-- A case waiting on the customer (issue 17): its required steps are done and only the follow-up
-- answer is still to come. It closes itself when the answer arrives, or after this many days
-- without one (the default is contract/case-clock.ts's waitingCloseDays, 14).
ALTER TABLE recovery_settings ADD COLUMN waiting_close_days integer NOT NULL DEFAULT 14
  CHECK (waiting_close_days BETWEEN 1 AND 90);

