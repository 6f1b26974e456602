-- The whole journey: curricula of programmes, and late entries on the timeline.

-- programme-catalogue: a programme's curriculum of modules (empty array when it has none)
ALTER TABLE programme ADD COLUMN curriculum JSONB NOT NULL DEFAULT '[]'::jsonb;

-- participant-timeline: an event recorded after something that happened later in her life was already recorded
ALTER TABLE timeline_entry ADD COLUMN late BOOLEAN NOT NULL DEFAULT false;

-- peer-directory
CREATE TABLE peer (
    peer_id        VARCHAR(64) NOT NULL PRIMARY KEY,
    display_name   TEXT        NOT NULL,
    role           VARCHAR(64) NOT NULL,
    training_hours INTEGER     NOT NULL,
    registered_at  TIMESTAMPTZ NOT NULL
);

-- participant-directory: which event enrolled her, so that a correction of it reaches the directory; her profile
ALTER TABLE participant ADD COLUMN enrolment_event_id VARCHAR(64);
ALTER TABLE participant ADD COLUMN age_band VARCHAR(32);
ALTER TABLE participant ADD COLUMN gender_identity VARCHAR(32);
ALTER TABLE participant ADD COLUMN age_at_first_entry INTEGER;
