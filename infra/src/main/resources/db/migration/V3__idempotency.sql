-- Responses to command requests sent with an Idempotency-Key, so that a retry records nothing new and gets the first
-- answer again. Keys are scoped to the authenticated user. Stored bodies are command answers: ids and versions, or a
-- problem detail (rule text, dates, ids); never a request body. Rows older than journey.idempotency.retention go.
CREATE TABLE idempotency_record (
    principal           TEXT         NOT NULL,
    idempotency_key     VARCHAR(255) NOT NULL,
    request_fingerprint VARCHAR(64)  NOT NULL,
    status              INTEGER,
    content_type        TEXT,
    location            TEXT,
    etag                TEXT,
    body                BYTEA,
    created_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    completed_at        TIMESTAMPTZ,
    CONSTRAINT idempotency_record_pk PRIMARY KEY (principal, idempotency_key)
);
