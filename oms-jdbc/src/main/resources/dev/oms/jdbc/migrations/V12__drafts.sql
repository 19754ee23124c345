-- oms schema, version 12: draft orders and quotes. The body is the whole draft; the columns are
-- what the expiry of quotes filters and orders on. The expiry is epoch nanoseconds (numeric), so it
-- compares exactly as the quote's instant does, and it is kept only while the draft is quoted.

CREATE TABLE oms_drafts (
    id             text     PRIMARY KEY,
    status         text     NOT NULL,
    expires_nanos  numeric,
    version        bigint   NOT NULL,
    body           jsonb    NOT NULL
);
CREATE INDEX oms_drafts_quoted ON oms_drafts (expires_nanos, id) WHERE status = 'QUOTED';
