-- oms schema, version 4: the event log of fulfilment orders (their events also go to the shared
-- outbox, stream 'fulfillment'). Fulfilment orders saved by version 3 have no events; version 4
-- does not invent any for them.

CREATE TABLE oms_fulfillment_events (
    event_id              text   PRIMARY KEY,
    fulfillment_order_id  text   NOT NULL,
    version               bigint NOT NULL,
    position              int    NOT NULL,
    body                  jsonb  NOT NULL
);
CREATE INDEX oms_fulfillment_events_by_order ON oms_fulfillment_events (fulfillment_order_id, version, position);
