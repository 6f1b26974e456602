-- Crypto-shredding (docs/adr/0010-crypto-shredding.md): every participant's data key, wrapped by a master key that is
-- never stored here, and the ledger of erasures. Kept in a schema of its own because it is backed up apart from the
-- events (docs/operations.md): restoring old events must not bring back a destroyed key, and the ledger re-applies
-- erasures to anything restored from before them.
CREATE SCHEMA IF NOT EXISTS keystore;

CREATE TABLE keystore.participant_data_key (
    participant_id VARCHAR(64) NOT NULL PRIMARY KEY,
    master_key_id  VARCHAR(64),
    wrapped_key    BYTEA,
    created_at     TIMESTAMPTZ NOT NULL,
    destroyed_at   TIMESTAMPTZ,
    CONSTRAINT participant_data_key_destroyed CHECK ((wrapped_key IS NULL) = (destroyed_at IS NOT NULL)),
    CONSTRAINT participant_data_key_wrapped_by CHECK ((wrapped_key IS NULL) = (master_key_id IS NULL))
);

CREATE TABLE keystore.erasure_ledger (
    participant_id VARCHAR(64) NOT NULL PRIMARY KEY,
    erased_at      TIMESTAMPTZ NOT NULL,
    erased_by      TEXT        NOT NULL,
    reason         TEXT        NOT NULL
);
