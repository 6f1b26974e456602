-- Who may see whom: staff are assigned to programmes; a participant is visible to the staff of every programme she is
-- or was in, to whoever enrolled her, and to whoever holds an unexpired break-glass grant for her.

CREATE TABLE staff_assignment (
    username     TEXT        NOT NULL,
    programme_id VARCHAR(64) NOT NULL,
    assigned_at  TIMESTAMPTZ NOT NULL,
    assigned_by  TEXT        NOT NULL,
    CONSTRAINT staff_assignment_pk PRIMARY KEY (username, programme_id)
);

CREATE TABLE break_glass_grant (
    grant_id       VARCHAR(64) NOT NULL PRIMARY KEY,
    username       TEXT        NOT NULL,
    participant_id VARCHAR(64) NOT NULL,
    reason         TEXT        NOT NULL,
    granted_at     TIMESTAMPTZ NOT NULL,
    expires_at     TIMESTAMPTZ NOT NULL
);

CREATE INDEX break_glass_grant_user ON break_glass_grant (username, participant_id, expires_at);

-- participant-directory: the programmes each participant is or was in, and who enrolled her (for lists)
CREATE TABLE participant_programme (
    participant_id VARCHAR(64) NOT NULL,
    programme_id   VARCHAR(64) NOT NULL,
    CONSTRAINT participant_programme_pk PRIMARY KEY (participant_id, programme_id)
);

ALTER TABLE participant ADD COLUMN enrolled_by TEXT;
