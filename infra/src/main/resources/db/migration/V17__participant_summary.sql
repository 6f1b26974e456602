-- The participant summary kept ready (issue 13, ADR 0017): one row per participant, her history folded with the
-- journey's own rules and the version it was folded at, written by the first read after a change. A read serves the
-- row only when its version is her journey's latest sequence number; otherwise it folds the event store and keeps the
-- result. The summary holds personal data (goals in her words, consent scopes, child pseudonyms): her erasure deletes
-- the row at once, and the next read keeps it again from her erased history.
-- The summary is kept as json, not jsonb: its objects keep their order (an instrument's subscales as recorded), so
-- that a kept summary is answered exactly as a folded one.
CREATE TABLE participant_summary (
    participant_id VARCHAR(64) NOT NULL PRIMARY KEY,
    version        BIGINT      NOT NULL,
    summary        JSON        NOT NULL
);
