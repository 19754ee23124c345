-- oms schema, version 1: orders, their event log, the outbox and command keys.

CREATE TABLE oms_orders (
    id           text        PRIMARY KEY,
    version      bigint      NOT NULL CHECK (version >= 1),
    channel      text        NOT NULL,
    external_id  text        NOT NULL,
    snapshot     jsonb       NOT NULL,
    updated_at   timestamptz NOT NULL,
    CONSTRAINT oms_orders_channel_order UNIQUE (channel, external_id)
);

CREATE TABLE oms_order_events (
    event_id       text   PRIMARY KEY,
    order_id       text   NOT NULL,
    order_version  bigint NOT NULL,
    position       int    NOT NULL,
    body           jsonb  NOT NULL
);
CREATE INDEX oms_order_events_by_order ON oms_order_events (order_id, order_version, position);

-- One outbox for every stream (orders, inventory, returns). The sequence gives the save order;
-- a relay reads unpublished rows of a stream in sequence order with FOR UPDATE SKIP LOCKED.
CREATE TABLE oms_outbox (
    sequence   bigserial PRIMARY KEY,
    stream     text      NOT NULL,
    event_id   text      NOT NULL UNIQUE,
    body       jsonb     NOT NULL,
    published  boolean   NOT NULL DEFAULT false
);
CREATE INDEX oms_outbox_unpublished ON oms_outbox (stream, sequence) WHERE NOT published;

-- Command keys, one namespace per store (scope), recorded at most once.
CREATE TABLE oms_command_keys (
    scope   text  NOT NULL,
    key     text  NOT NULL,
    record  jsonb NOT NULL,
    PRIMARY KEY (scope, key)
);
