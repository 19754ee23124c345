-- Custom attributes of orders and lines, for queries by equality: the order's as one object of
-- name to canonical value (Attributes.Value.canonical: "t:PO-1", "n:5", "b:true", "d:2026-12-24",
-- "a:EUR 100"), each line's as one object of an array, so a filter asks for containment
-- (attributes @> '{"po-number": "t:PO-1"}', line_attributes @> '[{"engraving": "t:Ann"}]').
-- Orders saved before this version had no attributes.
ALTER TABLE oms_orders
    ADD COLUMN attributes      jsonb NOT NULL DEFAULT '{}',
    ADD COLUMN line_attributes jsonb NOT NULL DEFAULT '[]';

CREATE INDEX oms_orders_by_attributes ON oms_orders USING gin (attributes jsonb_path_ops);
CREATE INDEX oms_orders_by_line_attributes ON oms_orders USING gin (line_attributes jsonb_path_ops);
