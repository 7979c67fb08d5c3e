-- The dumb-rules review asks the customers behind the rule's friction for their input: one
-- question per review (en/fr/de), sent once to each distinct customer through the outbox; each
-- answers on a public page reached by a signed link. A second answer replaces the first while
-- the review is open and the link has not expired.

CREATE TABLE review_questions (
  workspace_id  uuid NOT NULL,
  review_id     uuid NOT NULL,
  rule_id       uuid NOT NULL,
  -- The question per language (en/fr/de); a customer reads theirs, else English, else the first.
  texts         jsonb NOT NULL,
  -- Whose friction was asked: items that occurred in [period_from, period_to); null is open-ended.
  period_from   timestamptz,
  period_to     timestamptz,
  asked_at      timestamptz NOT NULL,
  asked_by      uuid,
  expires_at    timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, review_id),
  FOREIGN KEY (workspace_id, review_id) REFERENCES rule_reviews (workspace_id, id),
  FOREIGN KEY (workspace_id, rule_id) REFERENCES rules (workspace_id, id)
);

-- One row per customer asked: the unique (review, customer) is the "asked once per review". The id
-- is what the customer's signed link names. status is the outbox's first word on the message (its
-- current state is read from outbox_messages), or why no message went.
CREATE TABLE review_question_customers (
  workspace_id  uuid NOT NULL,
  id            uuid NOT NULL,
  review_id     uuid NOT NULL,
  customer_id   uuid NOT NULL,
  locale        text NOT NULL,
  -- The customer's own words the question quotes (their latest tagged item) and its time.
  words         text,
  said_at       timestamptz NOT NULL,
  status        text NOT NULL CHECK (status IN ('passed', 'held', 'cancelled', 'no_address', 'unsubscribed')),
  message_id    uuid,
  answer        text,
  answered_at   timestamptz,
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, review_id) REFERENCES review_questions (workspace_id, review_id),
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id),
  CHECK ((answer IS NULL) = (answered_at IS NULL))
);
CREATE UNIQUE INDEX review_question_customers_once ON review_question_customers (workspace_id, review_id, customer_id);
CREATE INDEX review_question_customers_customer ON review_question_customers (workspace_id, customer_id);
