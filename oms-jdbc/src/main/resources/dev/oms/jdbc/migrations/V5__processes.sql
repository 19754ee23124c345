-- oms schema, version 5: the order flow's durable processes. The body is the whole record; the
-- columns are what the queries of a resume and of the timers filter and order on. Times are
-- epoch nanoseconds (numeric), so they compare exactly as the record's instants do.

CREATE TABLE oms_processes (
    id             text     PRIMARY KEY,
    order_id       text,
    status         text     NOT NULL,
    waiting_for    text,
    due_nanos      numeric,
    started_nanos  numeric  NOT NULL,
    updated_nanos  numeric  NOT NULL,
    version        bigint   NOT NULL,
    body           jsonb    NOT NULL
);
CREATE INDEX oms_processes_by_order ON oms_processes (order_id, started_nanos, id);
CREATE INDEX oms_processes_running ON oms_processes (updated_nanos, id) WHERE status = 'RUNNING';
CREATE INDEX oms_processes_waiting ON oms_processes (waiting_for, started_nanos, id) WHERE status = 'WAITING';
CREATE INDEX oms_processes_due ON oms_processes (due_nanos, id) WHERE status = 'WAITING' AND due_nanos IS NOT NULL;
CREATE INDEX oms_processes_finished ON oms_processes (updated_nanos) WHERE status IN ('DONE', 'FAILED');
