-- programme-dashboard: one row per journey event that a dashboard figure needs (entries, exits, milestones, relapses,
-- peer support, reunification, assessment totals), with only the non-personal fields those figures use. A correction
-- updates the row it corrects; a retraction marks it. Figures are computed from these rows when asked for
-- (docs/metrics.md), so a replay that refills this table rebuilds every figure.
CREATE TABLE dashboard_fact (
    event_id        VARCHAR(64)      NOT NULL PRIMARY KEY,
    participant_id  VARCHAR(64)      NOT NULL,
    sequence_number BIGINT           NOT NULL,
    kind            VARCHAR(32)      NOT NULL,
    occurred_on     DATE             NOT NULL,
    occurred_time   TIME,
    programme_id    VARCHAR(64),
    label           VARCHAR(64),
    ref             VARCHAR(64),
    direction       VARCHAR(16),
    score           DOUBLE PRECISION,
    retracted       BOOLEAN          NOT NULL DEFAULT false
);

CREATE INDEX dashboard_fact_participant ON dashboard_fact (participant_id, occurred_on);
CREATE INDEX dashboard_fact_entry ON dashboard_fact (programme_id, participant_id) WHERE kind = 'ENTERED';
