-- An outbox that never stalls: each row counts its failed attempts (decoding or publishing) with
-- the last error; after the relay's limit it is set aside, and the rows after it flow on. The host
-- lists set-aside rows, puts them back in line or drops them (OutboxRelay.setAside, retry, drop).
ALTER TABLE oms_outbox
    ADD COLUMN attempts     integer     NOT NULL DEFAULT 0,
    ADD COLUMN last_error   text,
    ADD COLUMN set_aside_at timestamptz;

DROP INDEX oms_outbox_unpublished;
CREATE INDEX oms_outbox_unpublished ON oms_outbox (stream, sequence) WHERE NOT published AND set_aside_at IS NULL;
CREATE INDEX oms_outbox_relay ON oms_outbox (sequence) WHERE NOT published AND set_aside_at IS NULL;
CREATE INDEX oms_outbox_set_aside ON oms_outbox (sequence) WHERE NOT published AND set_aside_at IS NOT NULL;
