-- Whoever can write audit_entry could insert an unsealed entry (a made-up access, dated as they liked) and the sealing
-- step would chain it like any other. From now on the platform writes every entry with a MAC of its fields and id
-- (append_mac), made with the audit chain key, which the database never holds; the sealing step seals only entries
-- whose MAC it can check, and verification names any other. entry_id is in the MAC, and unique, so a genuine entry
-- cannot be copied either.
ALTER TABLE audit_entry ADD COLUMN append_mac VARCHAR(64);
ALTER TABLE audit_entry ADD COLUMN append_key_id VARCHAR(64);

-- Entries an earlier version wrote and had not sealed yet when this ran carry no MAC: they, and only they, are sealed
-- without one. The list is closed: nobody adds to it, changes or empties it.
CREATE TABLE audit_entry_before_append_macs (
    entry_id BIGINT NOT NULL PRIMARY KEY
);
INSERT INTO audit_entry_before_append_macs (entry_id) SELECT entry_id FROM audit_entry WHERE position IS NULL;

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is closed: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_entry_before_append_macs_closed BEFORE INSERT OR UPDATE OR DELETE
    ON audit_entry_before_append_macs FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_entry_before_append_macs_no_truncate BEFORE TRUNCATE
    ON audit_entry_before_append_macs FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- Sealing may not change the new columns either (V23's rule, with them among what stays as written).
DROP TRIGGER audit_entry_append_only ON audit_entry;
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE ON audit_entry FOR EACH ROW
    WHEN (NOT (OLD.position IS NULL AND OLD.hash IS NULL AND OLD.mac_key_id IS NULL
               AND NEW.position IS NOT NULL AND NEW.hash IS NOT NULL AND NEW.previous_hash IS NOT NULL
               AND (NEW.entry_id, NEW.recorded_at, NEW.actor, NEW.roles, NEW.action, NEW.participant_id, NEW.endpoint,
                    NEW.purpose, NEW.outcome, NEW.purpose_sealed, NEW.break_glass, NEW.append_mac, NEW.append_key_id)
                   IS NOT DISTINCT FROM
                   (OLD.entry_id, OLD.recorded_at, OLD.actor, OLD.roles, OLD.action, OLD.participant_id, OLD.endpoint,
                    OLD.purpose, OLD.outcome, OLD.purpose_sealed, OLD.break_glass, OLD.append_mac, OLD.append_key_id)))
    EXECUTE FUNCTION refuse_audit_rewrite();
