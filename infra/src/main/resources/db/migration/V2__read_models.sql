-- Read models. Each belongs to one projection (package org.journeyplatform.projections.<name>) and is rebuilt from
-- the event store by a replay; none of them is a source of truth.

-- programme-catalogue
CREATE TABLE programme (
    programme_id  VARCHAR(64)  NOT NULL PRIMARY KEY,
    name          TEXT         NOT NULL,
    type          VARCHAR(64)  NOT NULL,
    registered_at TIMESTAMPTZ  NOT NULL
);

-- participant-directory
CREATE TABLE participant (
    participant_id  VARCHAR(64) NOT NULL PRIMARY KEY,
    chosen_name     TEXT        NOT NULL,
    year_of_birth   INTEGER,
    referral_source VARCHAR(64),
    enrolled_on     DATE        NOT NULL,
    enrolled_at     TIMESTAMPTZ NOT NULL
);

-- participant-timeline: one row per journey event
CREATE TABLE timeline_entry (
    event_id        VARCHAR(64) NOT NULL PRIMARY KEY,
    participant_id  VARCHAR(64) NOT NULL,
    sequence_number BIGINT      NOT NULL,
    event_type      VARCHAR(64) NOT NULL,
    occurred_on     DATE        NOT NULL,
    occurred_time   TIME,
    recorded_at     TIMESTAMPTZ NOT NULL,
    recorded_by     TEXT,
    programme_id    VARCHAR(64),
    details         JSONB       NOT NULL DEFAULT '{}'::jsonb,
    CONSTRAINT timeline_entry_participant_sequence_uq UNIQUE (participant_id, sequence_number)
);

CREATE INDEX timeline_entry_life_order ON timeline_entry (participant_id, occurred_on, occurred_time NULLS FIRST, sequence_number);
