-- Research studies and their exports (docs/research.md). A study is registered by an administrator: who may export
-- it, which programmes and period it covers, which consent scope covers it, what it may receive. Its secret (the key
-- of its pseudonyms and date offsets) is wrapped by the primary master key and kept in the key store, never here.

CREATE TABLE research_study (
    study_id                  VARCHAR(64)  NOT NULL PRIMARY KEY,
    title                     TEXT         NOT NULL,
    ethics_approval_reference TEXT         NOT NULL,
    period_from               DATE         NOT NULL,
    period_to                 DATE         NOT NULL,
    -- AGE_BAND, PROGRAMME_TYPE, ENROLMENT_YEAR, REFERRAL_SOURCE, comma-separated (may be empty)
    quasi_identifiers         TEXT         NOT NULL,
    date_mode                 VARCHAR(32)  NOT NULL,
    k                         INTEGER      NOT NULL,
    consent_scope             TEXT         NOT NULL,
    expires_on                DATE         NOT NULL,
    created_at                TIMESTAMPTZ  NOT NULL,
    created_by                TEXT         NOT NULL,
    CONSTRAINT research_study_period CHECK (period_from <= period_to),
    CONSTRAINT research_study_k CHECK (k >= 2),
    CONSTRAINT research_study_date_mode CHECK (date_mode IN ('SHIFTED', 'DAYS_SINCE_ENROLMENT'))
);

CREATE TABLE research_study_researcher (
    study_id VARCHAR(64)  NOT NULL REFERENCES research_study (study_id),
    username VARCHAR(100) NOT NULL,
    CONSTRAINT research_study_researcher_pk PRIMARY KEY (study_id, username)
);

CREATE INDEX research_study_researcher_username ON research_study_researcher (username);

CREATE TABLE research_study_programme (
    study_id     VARCHAR(64) NOT NULL REFERENCES research_study (study_id),
    programme_id VARCHAR(64) NOT NULL,
    CONSTRAINT research_study_programme_pk PRIMARY KEY (study_id, programme_id)
);

-- Each study's secret, 32 random bytes wrapped (AES-256-GCM, associated data naming the study) by the master key
-- named; re-wrapped with the primary master key at start-up after a rotation. Backed up with the key store: without
-- it, later exports of the study get no pseudonyms in common with earlier ones.
CREATE TABLE keystore.research_study_secret (
    study_id       VARCHAR(64) NOT NULL PRIMARY KEY,
    master_key_id  VARCHAR(64) NOT NULL,
    wrapped_secret BYTEA       NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL
);

-- Export jobs. The files are on the disk of the instance that ran the export (journey.research.export-dir), in
-- <export-dir>/<study_id>/<export_id>/; manifest holds manifest.json once the export is done.
CREATE TABLE research_export (
    export_id        VARCHAR(64)      NOT NULL PRIMARY KEY,
    study_id         VARCHAR(64)      NOT NULL REFERENCES research_study (study_id),
    requested_by     TEXT             NOT NULL,
    requested_at     TIMESTAMPTZ      NOT NULL,
    status           VARCHAR(16)      NOT NULL,
    progress         DOUBLE PRECISION NOT NULL DEFAULT 0,
    stage            TEXT,
    started_at       TIMESTAMPTZ,
    finished_at      TIMESTAMPTZ,
    failure          TEXT,
    manifest         TEXT,
    files_deleted_at TIMESTAMPTZ,
    CONSTRAINT research_export_status CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED'))
);

CREATE INDEX research_export_study ON research_export (study_id, requested_at);
