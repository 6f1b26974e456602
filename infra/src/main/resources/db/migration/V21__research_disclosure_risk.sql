-- Studies choose how finely every time value of their exports is released, how far each event's day may be displaced,
-- and the re-identification risk they accept (issue 16, docs/research.md "Disclosure risk"). Studies registered before
-- this version keep exact days, no displacement and no limit: their exports stay as they were.
ALTER TABLE research_study ADD COLUMN time_granularity VARCHAR(16) NOT NULL DEFAULT 'DAY';
ALTER TABLE research_study ADD COLUMN displacement_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE research_study ADD COLUMN max_unique_share DOUBLE PRECISION NOT NULL DEFAULT 1;
ALTER TABLE research_study ADD COLUMN max_average_risk DOUBLE PRECISION NOT NULL DEFAULT 1;
ALTER TABLE research_study ADD COLUMN max_suppressed_share DOUBLE PRECISION NOT NULL DEFAULT 1;
ALTER TABLE research_study ADD CONSTRAINT research_study_time_granularity
    CHECK (time_granularity IN ('DAY', 'WEEK', 'MONTH'));
ALTER TABLE research_study ADD CONSTRAINT research_study_displacement
    CHECK (displacement_days BETWEEN 0 AND 30);
ALTER TABLE research_study ADD CONSTRAINT research_study_risk_limits
    CHECK (max_unique_share BETWEEN 0 AND 1 AND max_average_risk BETWEEN 0 AND 1
           AND max_suppressed_share BETWEEN 0 AND 1);

-- An export over the study's limits is refused: nothing is released or recorded as disclosed, and the job keeps the
-- problem detail saying which measure failed, with everything that was measured.
ALTER TABLE research_export ADD COLUMN refusal TEXT;
ALTER TABLE research_export DROP CONSTRAINT research_export_status;
ALTER TABLE research_export ADD CONSTRAINT research_export_status
    CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED', 'WITHDRAWN', 'REFUSED'));
