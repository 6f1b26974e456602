-- One journey command, one transaction (ADR 0012): the access model the write path asks, kept in the command's own
-- transaction, and an audit log that is appended without a global lock and chained by a sealing step shortly after.

-- participant-scope: who enrolled each participant and every programme she is or was in. Written by a subscribing
-- event handler in the same transaction as her events, so it is never behind them; the participant list and every
-- scoped read and write ask it. Filled here once from the events already stored.
CREATE TABLE participant_scope (
    participant_id VARCHAR(64) NOT NULL PRIMARY KEY,
    enrolled_by    TEXT
);

CREATE TABLE participant_scope_programme (
    participant_id VARCHAR(64) NOT NULL,
    programme_id   VARCHAR(64) NOT NULL,
    CONSTRAINT participant_scope_programme_pk PRIMARY KEY (participant_id, programme_id)
);

CREATE INDEX participant_scope_programme_by_programme ON participant_scope_programme (programme_id, participant_id);

INSERT INTO participant_scope (participant_id, enrolled_by)
SELECT aggregate_identifier, convert_from(meta_data, 'UTF8')::jsonb ->> 'actor'
  FROM domain_event_entry
 WHERE payload_type = 'org.journeyplatform.domain.journey.event.ParticipantEnrolledEvent'
ON CONFLICT DO NOTHING;

INSERT INTO participant_scope_programme (participant_id, programme_id)
SELECT DISTINCT aggregate_identifier, convert_from(payload, 'UTF8')::jsonb ->> 'programmeId'
  FROM domain_event_entry
 WHERE payload_type = 'org.journeyplatform.domain.journey.event.ProgrammeEnteredEvent'
ON CONFLICT DO NOTHING;

-- Audit entries are appended freely (entry_id from a sequence, in the request's transaction) and sealed into the
-- hash chain by one sealing step shortly after: position, previous_hash and hash are set once, then never again.
-- outcome: ALLOWED (the access happened), REFUSED (answered 4xx: nothing disclosed or recorded), FAILED (5xx).
CREATE SEQUENCE audit_entry_id_seq AS BIGINT INCREMENT BY 1 START WITH 1;

ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only;
ALTER TABLE audit_entry ADD COLUMN entry_id BIGINT;
UPDATE audit_entry SET entry_id = position;
SELECT setval('audit_entry_id_seq', coalesce((SELECT max(position) FROM audit_entry), 0) + 1, false);
ALTER TABLE audit_entry ALTER COLUMN entry_id SET DEFAULT nextval('audit_entry_id_seq');
ALTER TABLE audit_entry ALTER COLUMN entry_id SET NOT NULL;
ALTER SEQUENCE audit_entry_id_seq OWNED BY audit_entry.entry_id;
ALTER TABLE audit_entry ADD COLUMN outcome VARCHAR(16) NOT NULL DEFAULT 'ALLOWED';
ALTER TABLE audit_entry DROP CONSTRAINT audit_entry_pkey;
ALTER TABLE audit_entry ADD CONSTRAINT audit_entry_pk PRIMARY KEY (entry_id);
ALTER TABLE audit_entry ADD CONSTRAINT audit_entry_position_uq UNIQUE (position);
ALTER TABLE audit_entry ALTER COLUMN position DROP NOT NULL;
ALTER TABLE audit_entry ALTER COLUMN previous_hash DROP NOT NULL;
ALTER TABLE audit_entry ALTER COLUMN hash DROP NOT NULL;
ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only;

CREATE INDEX audit_entry_unsealed ON audit_entry (entry_id) WHERE position IS NULL;

-- Deleting stays refused; an update is allowed only to seal an unsealed entry, changing nothing else.
CREATE FUNCTION refuse_audit_rewrite_but_seal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.position IS NULL AND OLD.hash IS NULL
       AND NEW.position IS NOT NULL AND NEW.hash IS NOT NULL AND NEW.previous_hash IS NOT NULL
       AND (NEW.entry_id, NEW.recorded_at, NEW.actor, NEW.roles, NEW.action, NEW.participant_id, NEW.endpoint,
            NEW.purpose, NEW.outcome)
           IS NOT DISTINCT FROM
           (OLD.entry_id, OLD.recorded_at, OLD.actor, OLD.roles, OLD.action, OLD.participant_id, OLD.endpoint,
            OLD.purpose, OLD.outcome) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_entry is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

DROP TRIGGER audit_entry_append_only ON audit_entry;
CREATE TRIGGER audit_entry_append_only
    BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION refuse_audit_rewrite_but_seal();

-- The directory's own copy of her programmes is replaced by participant_scope_programme.
DROP TABLE participant_programme;
