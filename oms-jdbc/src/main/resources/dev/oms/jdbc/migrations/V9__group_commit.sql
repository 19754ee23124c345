-- Group commit: concurrent new reservations are written by one call of this function, in one
-- statement: their rows first (holds, keys, ledger movements, events), then one conditional update
-- per position by the batch's sum, so the hot rows are locked only from their update to the
-- commit. If a position cannot take its part the function ends with SQLSTATE OMS01 and the
-- database undoes all of it; the adapter then decides the requests one by one on locked rows.
--
-- A function, not a plain statement, for its plan: a statement over arrays is planned anew on
-- every execution when its custom plans look cheaper than the generic one (they do: the planner
-- sees the arrays' lengths), and planning costs more than running it. plpgsql keeps the plan of
-- each statement for the session, and force_generic_plan makes it plan once.
CREATE FUNCTION oms_reserve_together(
    p_skus text[], p_locations text[], p_amounts bigint[], p_changes int[], p_guards boolean[], p_whole boolean,
    r_ids text[], r_orders text[], r_statuses text[], r_versions bigint[], r_expires timestamptz[], r_bodies jsonb[],
    k_scope text, k_keys text[], k_records jsonb[],
    m_skus text[], m_locations text[], m_reasons text[], m_reference_types text[], m_reference_ids text[],
    m_on_hand bigint[], m_reserved bigint[], m_damaged bigint[], m_quality_control bigint[], m_at timestamptz[],
    m_changes text[],
    o_stream text, o_ids text[], o_bodies jsonb[])
RETURNS TABLE (sku text, location text, on_hand bigint, reserved bigint, damaged bigint, quality_control bigint,
    safety_stock bigint, reorder_point bigint, reorder_quantity bigint, version bigint)
LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
DECLARE
    updated bigint;
BEGIN
    IF cardinality(r_ids) > 0 THEN -- an empty insert still costs an executor start
        INSERT INTO oms_reservations (id, order_id, status, version, expires_at, body)
            SELECT * FROM unnest(r_ids, r_orders, r_statuses, r_versions, r_expires, r_bodies);
    END IF;
    IF cardinality(k_keys) > 0 THEN
        INSERT INTO oms_command_keys (scope, key, record) SELECT k_scope, k.* FROM unnest(k_keys, k_records) AS k;
    END IF;
    INSERT INTO oms_stock_movements (sku, location, reason, reference_type, reference_id, on_hand, reserved, damaged,
            quality_control, at, change_id)
        SELECT * FROM unnest(m_skus, m_locations, m_reasons, m_reference_types, m_reference_ids, m_on_hand, m_reserved,
            m_damaged, m_quality_control, m_at, m_changes);
    IF cardinality(o_ids) > 0 THEN
        INSERT INTO oms_outbox (stream, event_id, body) SELECT o_stream, e.* FROM unnest(o_ids, o_bodies) AS e;
    END IF;
    IF cardinality(p_skus) > 1 THEN
        -- the positions come in PositionKey order: lock them in it, as every other change does,
        -- so that two changes never wait for each other (the update alone locks in scan order)
        PERFORM 1 FROM unnest(p_skus, p_locations) WITH ORDINALITY AS u(sku, location, n)
            JOIN oms_stock_positions s ON s.sku = u.sku AND s.location = u.location
            ORDER BY u.n FOR UPDATE OF s;
    END IF;
    RETURN QUERY
        UPDATE oms_stock_positions s SET reserved = s.reserved + d.amount, version = s.version + d.changes
          FROM unnest(p_skus, p_locations, p_amounts, p_changes, p_guards) AS d(sku, location, amount, changes, guard)
         WHERE s.sku = d.sku AND s.location = d.location
           AND s.reserved + d.amount <= 1000000000000 -- StockPosition.MAX_UNITS
           AND (NOT d.guard OR s.on_hand - s.reserved - d.amount - s.safety_stock >= 0)
           AND (NOT p_whole OR s.reorder_point <= 0 OR s.on_hand - s.reserved - s.safety_stock < s.reorder_point
                OR s.on_hand - s.reserved - d.amount - s.safety_stock >= s.reorder_point)
        RETURNING s.sku, s.location, s.on_hand, s.reserved, s.damaged, s.quality_control, s.safety_stock,
            s.reorder_point, s.reorder_quantity, s.version;
    GET DIAGNOSTICS updated = ROW_COUNT;
    IF updated <> cardinality(p_skus) THEN
        RAISE EXCEPTION 'oms: % of % positions could take the batch', updated, cardinality(p_skus)
            USING ERRCODE = 'OMS01';
    END IF;
END
$$;
