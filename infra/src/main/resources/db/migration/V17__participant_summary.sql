-- The participant summary kept ready (issue 13): one row per participant, written by the participant-summary
-- projection, which folds her history with the journey's own rules each time it changes. A read serves the row only
-- when its version is her journey's latest sequence number; otherwise (the projection has not caught up yet) it folds
-- the event store, as before. The summary holds personal data (goals in her words, consent scopes, child pseudonyms):
-- her erasure deletes the row at once, and the projection writes it again from her erased history.
-- The summary is kept as json, not jsonb: its objects keep their order (an instrument's subscales as recorded), so
-- that a kept summary is answered exactly as a folded one.
CREATE TABLE participant_summary (
    participant_id VARCHAR(64) NOT NULL PRIMARY KEY,
    version        BIGINT      NOT NULL,
    summary        JSON        NOT NULL
);
