-- oms schema, version 3: fulfilment orders and shipments; returns, their events and the refund
-- account of each order.

CREATE TABLE oms_fulfillment_orders (
    id           text      PRIMARY KEY,
    order_id     text      NOT NULL,
    location     text      NOT NULL,
    status       text      NOT NULL,
    version      bigint    NOT NULL,
    created_seq  bigserial,
    body         jsonb     NOT NULL
);
CREATE INDEX oms_fulfillment_orders_by_order ON oms_fulfillment_orders (order_id, created_seq);
CREATE INDEX oms_fulfillment_orders_open ON oms_fulfillment_orders (location, created_seq)
    WHERE status IN ('CREATED', 'PICKING', 'PACKED', 'PARTIALLY_SHIPPED', 'READY_FOR_PICKUP');

CREATE TABLE oms_shipments (
    id                    text      PRIMARY KEY,
    fulfillment_order_id  text      NOT NULL,
    tracking_number       text      NOT NULL UNIQUE,
    version               bigint    NOT NULL,
    created_seq           bigserial,
    body                  jsonb     NOT NULL
);
CREATE INDEX oms_shipments_by_fulfillment_order ON oms_shipments (fulfillment_order_id, created_seq);

CREATE TABLE oms_returns (
    id           text      PRIMARY KEY,
    order_id     text      NOT NULL,
    version      bigint    NOT NULL,
    created_seq  bigserial,
    body         jsonb     NOT NULL
);
CREATE INDEX oms_returns_by_order ON oms_returns (order_id, created_seq);

CREATE TABLE oms_return_events (
    event_id        text   PRIMARY KEY,
    return_id       text   NOT NULL,
    return_version  bigint NOT NULL,
    position        int    NOT NULL,
    body            jsonb  NOT NULL
);
CREATE INDEX oms_return_events_by_return ON oms_return_events (return_id, return_version, position);

CREATE TABLE oms_refund_accounts (
    order_id  text   PRIMARY KEY,
    version   bigint NOT NULL,
    body      jsonb  NOT NULL
);
