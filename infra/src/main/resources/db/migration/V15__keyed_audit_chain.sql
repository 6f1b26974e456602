-- A keyed audit chain, anchored outside the table it protects (docs/adr/0014-keyed-audit-chain-anchored-outside.md).
--
-- Entries sealed from now on carry an HMAC-SHA256 (in hash) under a key derived from a master key, which is never in
-- the database; mac_key_id names that master key. Entries sealed before (mac_key_id NULL) keep their plain SHA-256
-- and still verify, but only below the first checkpoint: the application writes one over them when it first seals.
-- Signed checkpoints (position, head hash, time, MAC) go to audit_checkpoint and to a file kept outside the database
-- (journey.audit.checkpoint-file), so removing the newest entries is found.
--
-- The free text of an access (X-Access-Purpose, a break-glass reason) is stored sealed with the participant's own
-- data key (purpose_sealed, reason_sealed): her erasure makes it unreadable, while the entry and its MAC (over the
-- sealed bytes) stay. purpose now holds only codes the platform chooses ('erasure', 'break-glass', a research
-- export's description), or the free text of entries written before this version.

-- Which log this is: checkpoint files of another database's log are told apart.
CREATE TABLE audit_chain (
    chain_id   VARCHAR(64) NOT NULL PRIMARY KEY,
    created_at TIMESTAMPTZ NOT NULL
);
INSERT INTO audit_chain (chain_id, created_at) VALUES (gen_random_uuid()::text, now());

ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only;
ALTER TABLE audit_entry ADD COLUMN purpose_sealed BYTEA;
ALTER TABLE audit_entry ADD COLUMN break_glass BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE audit_entry ADD COLUMN mac_key_id VARCHAR(64);
ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only;

CREATE INDEX audit_entry_disclosures ON audit_entry (participant_id, position)
    WHERE outcome = 'ALLOWED' AND action IN ('READ', 'DISCLOSE');

-- Deleting stays refused; an update is allowed only to seal an unsealed entry (position, previous_hash, hash and the
-- id of the key it is sealed with), changing nothing else.
CREATE OR REPLACE FUNCTION refuse_audit_rewrite_but_seal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.position IS NULL AND OLD.hash IS NULL AND OLD.mac_key_id IS NULL
       AND NEW.position IS NOT NULL AND NEW.hash IS NOT NULL AND NEW.previous_hash IS NOT NULL
       AND (NEW.entry_id, NEW.recorded_at, NEW.actor, NEW.roles, NEW.action, NEW.participant_id, NEW.endpoint,
            NEW.purpose, NEW.outcome, NEW.purpose_sealed, NEW.break_glass)
           IS NOT DISTINCT FROM
           (OLD.entry_id, OLD.recorded_at, OLD.actor, OLD.roles, OLD.action, OLD.participant_id, OLD.endpoint,
            OLD.purpose, OLD.outcome, OLD.purpose_sealed, OLD.break_glass) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_entry is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

-- Signed checkpoints: the chain's head at a moment, MACed with a key outside the database. Append-only.
CREATE TABLE audit_checkpoint (
    checkpoint_id BIGSERIAL    NOT NULL PRIMARY KEY,
    chain_id      VARCHAR(64)  NOT NULL,
    position      BIGINT       NOT NULL,
    head_hash     VARCHAR(64)  NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    mac_key_id    VARCHAR(64)  NOT NULL,
    mac           VARCHAR(64)  NOT NULL
);

CREATE INDEX audit_checkpoint_position ON audit_checkpoint (position);

CREATE TRIGGER audit_checkpoint_append_only
    BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION refuse_audit_rewrite();

CREATE TRIGGER audit_checkpoint_no_truncate
    BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_rewrite();

-- Break-glass reasons: sealed with her data key from now on; reason stays for grants made before (blanked when she
-- is erased).
ALTER TABLE break_glass_grant ADD COLUMN reason_sealed BYTEA;
ALTER TABLE break_glass_grant ALTER COLUMN reason DROP NOT NULL;
