-- The platform's event table, copied from infra/src/main/resources/db/migration/V1__axon_event_store.sql (keep them
-- alike): the global-index sequence (increment 1, no cache), the table, its primary key and both unique constraints
-- (each backed by an index). The append-only triggers are left out: they fire on UPDATE, DELETE and TRUNCATE only,
-- never on INSERT, and the benchmark empties the table between its steps.

DROP TABLE IF EXISTS domain_event_entry;
DROP SEQUENCE IF EXISTS domain_event_global_index_seq;

CREATE SEQUENCE domain_event_global_index_seq AS BIGINT INCREMENT BY 1 START WITH 1 CACHE 1;

CREATE TABLE domain_event_entry (
    global_index         BIGINT       NOT NULL DEFAULT nextval('domain_event_global_index_seq'),
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255),
    event_identifier     VARCHAR(255) NOT NULL,
    meta_data            BYTEA,
    payload              BYTEA        NOT NULL,
    payload_revision     VARCHAR(255),
    payload_type         VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    CONSTRAINT domain_event_entry_pk PRIMARY KEY (global_index),
    CONSTRAINT domain_event_entry_aggregate_sequence_uq UNIQUE (aggregate_identifier, sequence_number),
    CONSTRAINT domain_event_entry_event_identifier_uq UNIQUE (event_identifier)
);

ALTER SEQUENCE domain_event_global_index_seq OWNED BY domain_event_entry.global_index;
