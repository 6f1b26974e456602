-- Sessions follow the account (issue 15): a session remembers the account's session_version from when it signed in,
-- and every request compares it with this column (a primary-key lookup). Disabling an account, setting its password or
-- changing its roles moves the version on, which ends every session signed in before.
ALTER TABLE staff_user ADD COLUMN session_version BIGINT NOT NULL DEFAULT 0;
