-- Order queries: what an order is found by, in columns of its row (written by every save from
-- the snapshot and the grand total the change carries), and the indexes that let a filtered,
-- sorted page read a page rather than the table. Instants are nanoseconds since the epoch (as
-- OrderQuery.epochNanos gives them), so a cursor compares exactly; ties are broken by the id in
-- code point order (COLLATE "C"), as OrderQuery.compareIds does.
ALTER TABLE oms_orders
    ADD COLUMN status             text,
    ADD COLUMN payment_status     text,
    ADD COLUMN fulfillment_status text,
    ADD COLUMN customer           text,
    ADD COLUMN tags               text[],
    ADD COLUMN skus               text[],
    ADD COLUMN hold_types         text[],
    ADD COLUMN placed_nanos       bigint,
    ADD COLUMN updated_nanos      bigint;

-- An instant as Instant.toString writes it, in nanoseconds since the epoch, saturated at the ends
-- of a bigint as OrderQuery.epochNanos does (a year after 9999 is written with a plus sign); NULL
-- only for text that is not an instant. The seconds are read without the fraction, which
-- timestamptz would round to microseconds.
CREATE FUNCTION oms_epoch_nanos(t text) RETURNS bigint LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    nanos numeric;
BEGIN
    IF t LIKE '+%' THEN
        RETURN 9223372036854775807;
    ELSIF t LIKE '-%' THEN
        RETURN -9223372036854775808;
    END IF;
    nanos := extract(epoch FROM regexp_replace(t, '\.[0-9]+Z$', 'Z')::timestamptz)::numeric * 1000000000
        + coalesce(rpad(substring(t FROM '\.([0-9]{1,9})Z$'), 9, '0')::numeric, 0);
    RETURN greatest(least(nanos, 9223372036854775807), -9223372036854775808)::bigint;
EXCEPTION WHEN others THEN
    RETURN NULL;
END $$;

-- Fills the columns of the orders saved before this version from their snapshots (the same
-- derivations as OrderFilter's). The payment status of an order with a capture and no refund
-- depends on its grand total, which only oms-core computes: it stays NULL until the order's next
-- save, and until then a payment status filter does not find it.
CREATE FUNCTION oms_order_facets_backfill() RETURNS bigint LANGUAGE sql AS $$
    WITH facts AS (
        SELECT o.id,
            (SELECT coalesce(sum((l->'quantities'->>'ordered')::bigint - (l->'quantities'->>'cancelled')::bigint), 0)
                FROM jsonb_array_elements(o.snapshot->'lines') l) AS open,
            (SELECT coalesce(sum((l->'quantities'->>'inTransit')::bigint + (l->'quantities'->>'delivered')::bigint
                    + (l->'quantities'->>'lost')::bigint), 0) FROM jsonb_array_elements(o.snapshot->'lines') l) AS shipped,
            (SELECT coalesce(sum((l->'quantities'->>'delivered')::bigint), 0)
                FROM jsonb_array_elements(o.snapshot->'lines') l) AS delivered,
            (SELECT coalesce(sum((l->'quantities'->>'lost')::bigint), 0)
                FROM jsonb_array_elements(o.snapshot->'lines') l) AS lost,
            (SELECT coalesce(sum((l->'quantities'->>'returned')::bigint), 0)
                FROM jsonb_array_elements(o.snapshot->'lines') l) AS returned,
            (o.snapshot->'payments'->'authorised'->>'amount')::numeric AS authorised,
            (o.snapshot->'payments'->'captured'->>'amount')::numeric AS captured,
            (o.snapshot->'payments'->'voided'->>'amount')::numeric AS voided,
            (o.snapshot->'payments'->'refunded'->>'amount')::numeric AS refunded
        FROM oms_orders o WHERE o.placed_nanos IS NULL
    ), filled AS (
        UPDATE oms_orders o SET
            status = o.snapshot->>'status',
            customer = o.snapshot->'header'->>'customer',
            tags = ARRAY(SELECT DISTINCT t FROM jsonb_array_elements_text(coalesce(o.snapshot->'header'->'tags', '[]'))
                t ORDER BY 1),
            skus = ARRAY(SELECT DISTINCT l->>'sku' FROM jsonb_array_elements(o.snapshot->'lines') l ORDER BY 1),
            hold_types = ARRAY(SELECT DISTINCT h->>'type' FROM jsonb_array_elements(coalesce(o.snapshot->'holds', '[]'))
                h ORDER BY 1),
            placed_nanos = oms_epoch_nanos(o.snapshot->'header'->>'placedAt'),
            updated_nanos = oms_epoch_nanos(o.snapshot->>'updatedAt'),
            fulfillment_status = CASE
                WHEN f.returned > 0 THEN CASE WHEN f.returned = f.open THEN 'RETURNED' ELSE 'PARTIALLY_RETURNED' END
                WHEN f.delivered > 0 THEN CASE WHEN f.delivered + f.lost = f.open THEN 'DELIVERED'
                    ELSE 'PARTIALLY_DELIVERED' END
                WHEN f.shipped > 0 THEN CASE WHEN f.shipped = f.open THEN 'FULFILLED' ELSE 'PARTIALLY_FULFILLED' END
                ELSE 'UNFULFILLED' END,
            payment_status = CASE
                WHEN f.refunded > 0 THEN CASE WHEN f.refunded = f.captured THEN 'REFUNDED' ELSE 'PARTIALLY_REFUNDED' END
                WHEN f.captured > 0 THEN NULL
                WHEN f.voided > 0 THEN 'VOIDED'
                WHEN f.authorised > 0 THEN 'AUTHORISED'
                ELSE 'UNPAID' END
        FROM facts f WHERE o.id = f.id
        RETURNING 1
    )
    SELECT count(*) FROM filled
$$;

SELECT oms_order_facets_backfill();

-- Keyset paging by placement and by last change; a customer's orders; a status by last change
-- ("confirmed since yesterday"); orders on hold (few of all) by last change; SKUs and tags.
CREATE INDEX oms_orders_by_placement ON oms_orders (placed_nanos, (id COLLATE "C"));
CREATE INDEX oms_orders_by_update ON oms_orders (updated_nanos, (id COLLATE "C"));
CREATE INDEX oms_orders_by_customer ON oms_orders (customer, placed_nanos, (id COLLATE "C"));
CREATE INDEX oms_orders_by_status ON oms_orders (status, updated_nanos, (id COLLATE "C"));
CREATE INDEX oms_orders_on_hold ON oms_orders (updated_nanos, (id COLLATE "C")) WHERE cardinality(hold_types) > 0;
CREATE INDEX oms_orders_by_sku ON oms_orders USING gin (skus);
CREATE INDEX oms_orders_by_tag ON oms_orders USING gin (tags);
