-- oms schema, version 2: stock positions, the movement ledger, reservations, backorders,
-- incoming stock. Counts are columns so that holds are single conditional updates.

CREATE TABLE oms_stock_positions (
    sku               text   NOT NULL,
    location          text   NOT NULL,
    on_hand           bigint NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
    reserved          bigint NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    damaged           bigint NOT NULL DEFAULT 0 CHECK (damaged >= 0),
    quality_control   bigint NOT NULL DEFAULT 0 CHECK (quality_control >= 0),
    safety_stock      bigint NOT NULL DEFAULT 0,
    reorder_point     bigint NOT NULL DEFAULT 0,
    reorder_quantity  bigint NOT NULL DEFAULT 0,
    version           bigint NOT NULL DEFAULT 1,
    PRIMARY KEY (sku, location)
);

CREATE TABLE oms_stock_movements (
    sequence         bigserial   PRIMARY KEY,
    sku              text        NOT NULL,
    location         text        NOT NULL,
    reason           text        NOT NULL,
    reference_type   text        NOT NULL,
    reference_id     text        NOT NULL,
    on_hand          bigint      NOT NULL,
    reserved         bigint      NOT NULL,
    damaged          bigint      NOT NULL,
    quality_control  bigint      NOT NULL,
    at               timestamptz NOT NULL,
    change_id        text        NOT NULL
);
CREATE INDEX oms_stock_movements_by_position ON oms_stock_movements (sku, location, sequence);

CREATE TABLE oms_reservations (
    id          text        PRIMARY KEY,
    order_id    text        NOT NULL,
    status      text        NOT NULL,
    version     bigint      NOT NULL,
    expires_at  timestamptz,
    created_seq bigserial,
    body        jsonb       NOT NULL
);
CREATE INDEX oms_reservations_by_order ON oms_reservations (order_id, created_seq);
CREATE INDEX oms_reservations_expiring ON oms_reservations (expires_at) WHERE status = 'ACTIVE' AND expires_at IS NOT NULL;

-- Which active reservations wait for which SKU (rewritten with each save of a reservation).
CREATE TABLE oms_open_backorders (
    reservation_id  text NOT NULL,
    sku             text NOT NULL,
    PRIMARY KEY (sku, reservation_id)
);

CREATE TABLE oms_backorder_accounts (
    sku              text   PRIMARY KEY,
    backorder_limit  bigint NOT NULL DEFAULT 0,
    backordered      bigint NOT NULL DEFAULT 0 CHECK (backordered >= 0)
);

CREATE TABLE oms_incoming_stock (
    reference_type  text        NOT NULL,
    reference_id    text        NOT NULL,
    sku             text        NOT NULL,
    location        text        NOT NULL,
    quantity        bigint      NOT NULL,
    expected_at     timestamptz NOT NULL,
    PRIMARY KEY (reference_type, reference_id)
);
CREATE INDEX oms_incoming_stock_by_sku ON oms_incoming_stock (sku, expected_at);
