-- Dashboard figures kept ready (docs/adr/0016-dashboard-figures-kept-ready.md): every fact row says which transaction
-- last wrote it, so that a reader holding the facts in memory can ask for the participants whose rows changed since
-- its last read (the rows written by transactions at or after that read's snapshot xmin). Several writers are fine:
-- a transaction still running at the last read has an id at or above that read's xmin. A replay truncates the table
-- and a rebuild swaps it, which the reader sees as a new table (its oid or file node) and loads it whole.
ALTER TABLE dashboard_fact ADD COLUMN written_by xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX dashboard_fact_written_by ON dashboard_fact (written_by);

ALTER TABLE kafka_dashboard.dashboard_fact ADD COLUMN written_by xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX dashboard_fact_written_by ON kafka_dashboard.dashboard_fact (written_by);
