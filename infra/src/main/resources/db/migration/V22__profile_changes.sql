-- The participant directory's profile follows her history as the journey does: each detail is the one given by the
-- latest event in her life (enrolment or profile update, in life order: the day, her enrolment first, the time of day
-- with untimed events first, then recording order) that gives it and is not retracted, with corrections applied to the
-- event they correct. Before, the directory wrote each update
-- over the row in the order recorded and applied only corrections of the enrolment, so a retracted update's name, an
-- uncorrected typo in an update, or a late entry of an older update stayed in every list.
-- One row per enrolment or profile update, kept by the participant-directory projection (it owns this table with
-- `participant`, and rebuilds them together). Personal data in plaintext, as in `participant`: her erasure blanks it.
CREATE TABLE participant_profile_change (
    event_id           VARCHAR(64) NOT NULL PRIMARY KEY,
    participant_id     VARCHAR(64) NOT NULL,
    occurred_on        DATE        NOT NULL,
    occurred_time      TIME,
    sequence_number    BIGINT      NOT NULL,
    enrolment          BOOLEAN     NOT NULL,
    retracted          BOOLEAN     NOT NULL DEFAULT FALSE,
    chosen_name        TEXT,
    year_of_birth      INTEGER,
    referral_source    VARCHAR(64),
    age_band           VARCHAR(32),
    gender_identity    VARCHAR(32),
    age_at_first_entry INTEGER
);

CREATE INDEX participant_profile_change_participant ON participant_profile_change (participant_id);

-- Erased: her personal details are never worked out again (her erasure's own blanking stays, whatever the order in
-- which the directory meets her events and her erasure).
ALTER TABLE participant ADD COLUMN erased BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE participant SET erased = TRUE WHERE participant_id IN (SELECT participant_id FROM keystore.erasure_ledger);

-- Participants already listed: their profile as the directory has it, as if their enrolment had given it. Updates
-- recorded before this version are not kept one by one, so a later correction or retraction of one of them changes
-- nothing, as before; rebuilding participant-directory (docs/operations.md, "Upgrading") keeps them too.
INSERT INTO participant_profile_change (event_id, participant_id, occurred_on, sequence_number, enrolment,
                                        chosen_name, year_of_birth, referral_source, age_band, gender_identity,
                                        age_at_first_entry)
SELECT coalesce(enrolment_event_id, 'enrolment-of-' || participant_id), participant_id, enrolled_on, 0, TRUE,
       chosen_name, year_of_birth, referral_source, age_band, gender_identity, age_at_first_entry
  FROM participant
    ON CONFLICT DO NOTHING;
