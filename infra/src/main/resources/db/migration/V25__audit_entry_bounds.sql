-- From a security review of V24, against a role that may write audit_entry but not alter it or its triggers:
-- an entry "sealed" by such a role at a position below 1 was read by nothing that walks the chain (positions 1 on), so
-- it vanished from verification and the accounting of disclosures; a position above the chain's end is found as a gap
ALTER TABLE audit_entry ADD CONSTRAINT audit_entry_position_from_one CHECK (position IS NULL OR position >= 1);

-- an action or outcome the platform never writes made every read of the entry fail, the sealing step's and
-- verification's included
ALTER TABLE audit_entry ADD CONSTRAINT audit_entry_action_known
    CHECK (action IN ('READ', 'WRITE', 'DISCLOSE', 'WITHDRAW'));
ALTER TABLE audit_entry ADD CONSTRAINT audit_entry_outcome_known
    CHECK (outcome IN ('ALLOWED', 'REFUSED', 'FAILED', 'UNCONFIRMED'));

-- Entries sealed with a plain SHA-256 (before V15; it needs no key) are accepted only where they are when this runs:
-- at positions 1 to the last of them (0 when there are none, as in every database made since). A plain SHA-256 anywhere
-- else, such as at the start of a chain still empty, is a forgery.
CREATE TABLE audit_legacy_boundary (
    position BIGINT NOT NULL
);
INSERT INTO audit_legacy_boundary (position)
SELECT COALESCE(max(position), 0) FROM audit_entry WHERE position IS NOT NULL AND mac_key_id IS NULL;

CREATE TRIGGER audit_legacy_boundary_closed BEFORE INSERT OR UPDATE OR DELETE
    ON audit_legacy_boundary FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_legacy_boundary_no_truncate BEFORE TRUNCATE
    ON audit_legacy_boundary FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
