-- The staff pages' work for today (issue 18): what its four lists need of each participant's journey, kept event by
-- event so that the home page reads a few narrow rows per participant rather than her timeline's JSON. One row per
-- programme entry and exit, consent given or withdrawn, and reunification plan event, and her latest reading of each
-- instrument; a correction updates its row's values, a retraction deletes its row, her erasure deletes all of hers.
-- Kept by handlers of the participant-timeline processing group (package org.journeyplatform.projections.work), in
-- the same transactions as the timeline's rows, and rebuilt with them (ADR 0018).
CREATE TABLE work_fact (
    event_id        VARCHAR(64) NOT NULL PRIMARY KEY,
    participant_id  VARCHAR(64) NOT NULL,
    sequence_number BIGINT      NOT NULL,
    event_type      VARCHAR(64) NOT NULL,
    occurred_on     DATE        NOT NULL,
    occurred_time   TIME,
    programme_id    VARCHAR(64),
    reason          VARCHAR(64),
    instrument      VARCHAR(64),
    consent_id      VARCHAR(64),
    consent_kind    VARCHAR(64),
    scope           TEXT,
    expires_on      DATE,
    plan_id         VARCHAR(64),
    child_pseudonym TEXT,
    step            VARCHAR(64)
);

CREATE INDEX work_fact_participant ON work_fact (participant_id, event_type);

-- every reading (not retracted), from which her latest of each instrument is chosen
-- again whenever her readings change
CREATE TABLE work_reading (
    event_id        VARCHAR(64) NOT NULL PRIMARY KEY,
    participant_id  VARCHAR(64) NOT NULL,
    sequence_number BIGINT      NOT NULL,
    instrument      VARCHAR(64) NOT NULL,
    occurred_on     DATE        NOT NULL
);

CREATE INDEX work_reading_participant ON work_reading (participant_id, instrument);

-- filled from the timeline that exists already, with the same rules the handlers apply (a correction's latest value
-- of each field wins, trimmed, an emptied one is null; retracted entries and erased participants have no row), so
-- that an upgraded platform lists the same participants at once, without a rebuild. The timeline keeps a corrected
-- value that was emptied as the text 'null'.
INSERT INTO work_fact (event_id, participant_id, sequence_number, event_type, occurred_on, occurred_time,
                       programme_id, reason, instrument, consent_id, consent_kind, scope, expires_on, plan_id,
                       child_pseudonym, step)
SELECT t.event_id, t.participant_id, t.sequence_number, t.event_type,
       coalesce(CAST(nullif(nullif(btrim(c.v ->> 'occurredOn'), ''), 'null') AS date), t.occurred_on),
       CASE WHEN c.v ? 'occurredAt' THEN CAST(nullif(nullif(btrim(c.v ->> 'occurredAt'), ''), 'null') AS time)
            ELSE t.occurred_time END,
       CASE WHEN c.v ? 'programmeId' THEN nullif(nullif(btrim(c.v ->> 'programmeId'), ''), 'null')
            ELSE t.programme_id END,
       CASE WHEN c.v ? 'reason' THEN nullif(nullif(btrim(c.v ->> 'reason'), ''), 'null')
            ELSE t.details ->> 'reason' END,
       NULL,
       CASE WHEN c.v ? 'consentId' THEN nullif(nullif(btrim(c.v ->> 'consentId'), ''), 'null')
            ELSE t.details ->> 'consentId' END,
       CASE WHEN c.v ? 'kind' THEN nullif(nullif(btrim(c.v ->> 'kind'), ''), 'null')
            ELSE t.details ->> 'kind' END,
       CASE WHEN c.v ? 'scope' THEN nullif(nullif(btrim(c.v ->> 'scope'), ''), 'null')
            ELSE t.details ->> 'scope' END,
       CASE WHEN c.v ? 'expiresOn' THEN CAST(nullif(nullif(btrim(c.v ->> 'expiresOn'), ''), 'null') AS date)
            ELSE CAST(t.details ->> 'expiresOn' AS date) END,
       CASE WHEN c.v ? 'planId' THEN nullif(nullif(btrim(c.v ->> 'planId'), ''), 'null')
            ELSE t.details ->> 'planId' END,
       CASE WHEN c.v ? 'childPseudonym' THEN nullif(nullif(btrim(c.v ->> 'childPseudonym'), ''), 'null')
            ELSE t.details ->> 'childPseudonym' END,
       CASE WHEN c.v ? 'step' THEN nullif(nullif(btrim(c.v ->> 'step'), ''), 'null')
            ELSE t.details ->> 'step' END
  FROM timeline_entry t
  LEFT JOIN LATERAL (
       SELECT jsonb_object_agg(e.key, e.value ORDER BY x.sequence_number) AS v
         FROM timeline_entry x, jsonb_each(x.details -> 'correctedValues') e
        WHERE x.participant_id = t.participant_id AND x.event_type = 'event-corrected'
          AND x.details ->> 'correctedEventId' = t.event_id
          AND jsonb_typeof(x.details -> 'correctedValues') = 'object') c ON true
 WHERE t.event_type IN ('programme-entered', 'programme-exited', 'consent-given', 'consent-withdrawn',
                        'reunification-plan-opened', 'reunification-step-recorded', 'reunification-plan-closed')
   AND NOT EXISTS (SELECT 1 FROM timeline_entry r
                    WHERE r.participant_id = t.participant_id AND r.event_type = 'event-retracted'
                      AND r.details ->> 'retractedEventId' = t.event_id)
   AND NOT EXISTS (SELECT 1 FROM timeline_entry e
                    WHERE e.participant_id = t.participant_id AND e.event_type = 'participant-erased');

-- readings are never corrected (the journey refuses it: they are retracted and recorded again)
INSERT INTO work_reading (event_id, participant_id, sequence_number, instrument, occurred_on)
SELECT t.event_id, t.participant_id, t.sequence_number, t.details ->> 'instrument', t.occurred_on
  FROM timeline_entry t
 WHERE t.event_type = 'assessment-recorded' AND t.details ->> 'instrument' IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM timeline_entry r
                    WHERE r.participant_id = t.participant_id AND r.event_type = 'event-retracted'
                      AND r.details ->> 'retractedEventId' = t.event_id)
   AND NOT EXISTS (SELECT 1 FROM timeline_entry e
                    WHERE e.participant_id = t.participant_id AND e.event_type = 'participant-erased');

INSERT INTO work_fact (event_id, participant_id, sequence_number, event_type, occurred_on, instrument)
SELECT DISTINCT ON (participant_id, instrument) event_id, participant_id, sequence_number, 'assessment-recorded',
       occurred_on, instrument
  FROM work_reading
 ORDER BY participant_id, instrument, occurred_on DESC, sequence_number DESC;
