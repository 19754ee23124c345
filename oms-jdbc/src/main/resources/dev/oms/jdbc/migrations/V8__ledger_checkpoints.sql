-- Ledger compaction: movements past the host's horizon are folded into one checkpoint row per
-- position and deleted, in one statement, so a position's counts always equal its checkpoint plus
-- the movements left (InventoryStore.compactLedger, ledgerTail).
CREATE TABLE oms_ledger_checkpoints (
    sku               text   NOT NULL,
    location          text   NOT NULL,
    movements         bigint NOT NULL,
    through_sequence  bigint NOT NULL,
    on_hand           bigint NOT NULL,
    reserved          bigint NOT NULL,
    damaged           bigint NOT NULL,
    quality_control   bigint NOT NULL,
    PRIMARY KEY (sku, location)
);
