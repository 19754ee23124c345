-- Retention: every row the purges delete carries the database time it became purgeable, so each
-- purge (PostgresStores' stores: purgeCommandKeys, purgePublishedEvents, purgeClosedReservations;
-- OutboxRelay.purgeSetAside) deletes a bounded batch by an index, oldest first. Rows written
-- before this version count as purgeable from the time of the migration.
ALTER TABLE oms_command_keys ADD COLUMN recorded_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX oms_command_keys_by_age ON oms_command_keys (scope, recorded_at);

ALTER TABLE oms_outbox ADD COLUMN published_at timestamptz;
UPDATE oms_outbox SET published_at = now() WHERE published;
CREATE INDEX oms_outbox_published ON oms_outbox (stream, published_at) WHERE published;
CREATE INDEX oms_outbox_set_aside_by_age ON oms_outbox (set_aside_at) WHERE NOT published AND set_aside_at IS NOT NULL;

-- A reservation's closing time (released, committed, expired), kept by the database itself on
-- every write path: set when the status leaves ACTIVE, cleared if it ever becomes ACTIVE again.
ALTER TABLE oms_reservations ADD COLUMN closed_at timestamptz;
UPDATE oms_reservations SET closed_at = now() WHERE status <> 'ACTIVE';
CREATE INDEX oms_reservations_closed ON oms_reservations (closed_at) WHERE closed_at IS NOT NULL;

CREATE FUNCTION oms_reservation_closed_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status = 'ACTIVE' THEN
        NEW.closed_at := NULL;
    ELSIF TG_OP = 'INSERT' OR OLD.status = 'ACTIVE' THEN
        NEW.closed_at := now();
    ELSE
        NEW.closed_at := OLD.closed_at;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER oms_reservations_closed_at BEFORE INSERT OR UPDATE OF status ON oms_reservations
    FOR EACH ROW EXECUTE FUNCTION oms_reservation_closed_at();
