-- Issue 12. A click on a score in a survey mail counts, a mail scanner's fetches do not
-- (docs/score-links.md): every GET of a score link is a row here, provisional until the signals
-- worker counts it (one browser that loaded the page, no other score of the same invitation
-- fetched within the scanner window) or marks it a scanner's. It never reaches the responses or
-- the rollups by itself: counting it submits an answer the ordinary way.
CREATE TABLE score_link_fetches (
  workspace_id  uuid NOT NULL,
  id            uuid NOT NULL,
  invitation_id uuid NOT NULL,
  score         smallint NOT NULL,
  fetched_at    timestamptz NOT NULL,
  -- the page's image was loaded: a browser rendered the page (a link checker that only fetches does not)
  seen_at       timestamptz,
  state         text NOT NULL DEFAULT 'provisional'
                CHECK (state IN ('provisional', 'counting', 'counted', 'scanner', 'unconfirmed', 'superseded', 'refused')),
  settled_at    timestamptz,
  response_id   uuid,
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, invitation_id) REFERENCES invitations (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX score_link_fetches_invitation ON score_link_fetches (workspace_id, invitation_id, fetched_at);
-- The worker's work list: provisional fetches, oldest first.
CREATE INDEX score_link_fetches_provisional ON score_link_fetches (fetched_at) WHERE state = 'provisional';

-- The guard does not hold what it should send: the built-in "not received" rule looked at every
-- delivery that was not marked outbound, so an order delivered to the customer (no direction)
-- held the notice. It now looks only at deliveries that say they are a return. Rules a manager
-- changed since are left as they are.
UPDATE guard_rules
SET rule = jsonb_set(
      jsonb_set(rule, '{heldWhen,eventTypes}', '["shipment.delivered"]'),
      '{heldWhen,where}', '[{"path": "direction", "op": "eq", "value": "return"}]'),
    name = CASE WHEN name = 'No “not received” notice after the carrier delivered the return'
                THEN 'No not-received notice after the carrier delivered the return' ELSE name END
WHERE built_in = 'not-received-after-delivery'
  AND rule -> 'heldWhen' -> 'where' = '[{"path": "direction", "op": "ne", "value": "outbound"}]'::jsonb
  AND rule -> 'heldWhen' -> 'eventTypes' = '["shipment.delivered", "return.received"]'::jsonb;
