-- Audit log: every read and write of identifying participant data, append-only and hash-chained.
-- Each entry's hash covers its own fields and the previous entry's hash, so changing, removing or reordering an
-- entry breaks the chain from there on; GET /api/v1/admin/audit/verification recomputes it.

CREATE TABLE audit_entry (
    position       BIGINT       NOT NULL PRIMARY KEY,
    recorded_at    TIMESTAMPTZ  NOT NULL,
    actor          TEXT         NOT NULL,
    roles          TEXT         NOT NULL,
    action         VARCHAR(16)  NOT NULL,
    participant_id VARCHAR(64),
    endpoint       TEXT         NOT NULL,
    purpose        TEXT,
    previous_hash  VARCHAR(64)  NOT NULL,
    hash           VARCHAR(64)  NOT NULL
);

CREATE INDEX audit_entry_participant ON audit_entry (participant_id, position);

CREATE FUNCTION refuse_audit_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_entry is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_entry_append_only
    BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION refuse_audit_rewrite();

CREATE TRIGGER audit_entry_no_truncate
    BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_rewrite();
