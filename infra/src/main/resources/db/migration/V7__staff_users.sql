-- The built-in user store: staff accounts with BCrypt password hashes (never a plain password). Accounts named in the
-- configuration (journey.security.users) are created or updated at start-up; administrators add others through the API.
CREATE TABLE staff_user (
    username      VARCHAR(100) NOT NULL PRIMARY KEY,
    password_hash TEXT         NOT NULL,
    roles         TEXT         NOT NULL,
    enabled       BOOLEAN      NOT NULL DEFAULT true,
    created_at    TIMESTAMPTZ  NOT NULL,
    created_by    TEXT         NOT NULL
);
