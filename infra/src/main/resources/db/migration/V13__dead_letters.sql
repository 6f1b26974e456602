-- Parked events (ADR 0013): Axon's sequenced dead-letter queue (JdbcSequencedDeadLetterQueue), one for every pooled
-- event processor, told apart by processing_group. The columns are those of Axon's GenericDeadLetterTableFactory, in
-- snake_case (see ParkedEventsConfiguration.deadLetterSchema), with PostgreSQL types: BYTEA for serialised data; the
-- times stay the ISO-8601 text Axon writes and compares.
--
-- A parked event waits here, and so does every later event of the same sequence (the aggregate: her participant id)
-- for the same processor, until an administrator retries it (docs/operations.md). The payload is a copy of the stored
-- event's bytes, sealed as in domain_event_entry: destroying her key makes it unreadable here too. A retry reads the
-- event again from domain_event_entry; the copy is what Axon requires, and the fallback.

CREATE TABLE dead_letter_entry (
    dead_letter_id      VARCHAR(255)  NOT NULL,
    processing_group    VARCHAR(255)  NOT NULL,
    sequence_identifier VARCHAR(255)  NOT NULL,
    sequence_index      BIGINT        NOT NULL,
    message_type        VARCHAR(255)  NOT NULL,
    event_identifier    VARCHAR(255)  NOT NULL,
    time_stamp          VARCHAR(255)  NOT NULL,
    payload_type        VARCHAR(255)  NOT NULL,
    payload_revision    VARCHAR(255),
    payload             BYTEA         NOT NULL,
    meta_data           BYTEA,
    aggregate_type      VARCHAR(255),
    aggregate_identifier VARCHAR(255),
    sequence_number     BIGINT,
    token_type          VARCHAR(255),
    token               BYTEA,
    enqueued_at         VARCHAR(255)  NOT NULL,
    last_touched        VARCHAR(255),
    processing_started  VARCHAR(255),
    cause_type          VARCHAR(255),
    cause_message       VARCHAR(1023),
    diagnostics         BYTEA,
    CONSTRAINT dead_letter_entry_pk PRIMARY KEY (dead_letter_id),
    CONSTRAINT dead_letter_entry_sequence_index_uq UNIQUE (processing_group, sequence_identifier, sequence_index)
);

CREATE INDEX dead_letter_entry_processing_group_idx ON dead_letter_entry (processing_group);
CREATE INDEX dead_letter_entry_sequence_idx ON dead_letter_entry (processing_group, sequence_identifier);
