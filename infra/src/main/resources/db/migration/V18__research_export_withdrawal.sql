-- A research export keeps who it released, so that a participant's later withdrawal of her research consent (or her
-- erasure) withdraws every earlier export holding her: its files are deleted and no longer served, and its status
-- says why (issue 16). Exports made before this version hold no such list and are not withdrawn; their files go with
-- the export retention as before.
CREATE TABLE research_export_participant (
    export_id      VARCHAR(64) NOT NULL,
    participant_id VARCHAR(64) NOT NULL,
    CONSTRAINT research_export_participant_pk PRIMARY KEY (export_id, participant_id)
);

CREATE INDEX research_export_participant_by_participant ON research_export_participant (participant_id);

ALTER TABLE research_export ADD COLUMN withdrawn_at TIMESTAMPTZ;
ALTER TABLE research_export DROP CONSTRAINT research_export_status;
ALTER TABLE research_export ADD CONSTRAINT research_export_status
    CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED', 'WITHDRAWN'));

-- Her accounting of disclosures lists the withdrawal of an export that released her (action WITHDRAW) too.
DROP INDEX audit_entry_disclosures;
CREATE INDEX audit_entry_disclosures ON audit_entry (participant_id, position)
    WHERE outcome = 'ALLOWED' AND action IN ('READ', 'DISCLOSE', 'WITHDRAW');
