ALTER TABLE accounts ADD COLUMN auth_method TEXT NOT NULL DEFAULT 'auth_token' CHECK (auth_method IN ('auth_token', 'api_key'));
ALTER TABLE accounts ADD COLUMN api_key_sid TEXT;
-- Whether the keyring holds the secret of auth_method: the Auth token or the API key's secret.
ALTER TABLE accounts RENAME COLUMN auth_token_stored TO secret_stored;

CREATE TABLE verifications (
    account_id     TEXT PRIMARY KEY NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    outcome        TEXT NOT NULL CHECK (outcome IN ('verified', 'failed', 'offline')),
    checked_at     TEXT NOT NULL,
    friendly_name  TEXT,
    status         TEXT,
    account_type   TEXT,
    error_code     TEXT,
    message        TEXT,
    warning        TEXT
);

CREATE TABLE drift_checks (
    account_id       TEXT PRIMARY KEY NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    outcome          TEXT NOT NULL CHECK (outcome IN ('in_sync', 'drifted', 'offline', 'failed')),
    checked_at       TEXT NOT NULL,
    drifted_numbers  TEXT NOT NULL DEFAULT '[]',
    message          TEXT
);
