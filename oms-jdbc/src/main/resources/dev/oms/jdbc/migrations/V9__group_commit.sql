-- Group commit: concurrent reservations are written by one statement, which must change nothing
-- unless every position it names took its part. This check ends such a statement with an error
-- (SQLSTATE OMS01) when fewer positions were updated than named, so the statement's writes are
-- undone by the database itself, and the adapter then decides the requests one by one on locked rows.
CREATE FUNCTION oms_require_positions(updated bigint, named int) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    IF updated <> named THEN
        RAISE EXCEPTION 'oms: % of % positions could take the batch', updated, named USING ERRCODE = 'OMS01';
    END IF;
    RETURN true;
END
$$;
