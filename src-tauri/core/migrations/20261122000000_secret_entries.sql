-- An account's secret lives in a keyring entry whose name changes with every new secret. The
-- row points at the entry (secret_entry); a new entry is written before the row points at it,
-- and the old one is removed after, so a crash at any point leaves the row pointing at an entry
-- that exists.
ALTER TABLE accounts ADD COLUMN secret_entry TEXT;
-- Set when the keyring turned out not to have the entry the row pointed at.
ALTER TABLE accounts ADD COLUMN secret_lost INTEGER NOT NULL DEFAULT 0 CHECK (secret_lost IN (0, 1));
UPDATE accounts
SET secret_entry = 'account:' || id || CASE auth_method WHEN 'api_key' THEN ':api-key-secret' ELSE ':auth-token' END
WHERE secret_stored = 1;
ALTER TABLE accounts DROP COLUMN secret_stored;

-- Every keyring entry this desk may have written. On start, those that no account points at are
-- removed from the keyring, which finishes whatever a crash interrupted.
CREATE TABLE secret_entries (
    entry  TEXT PRIMARY KEY NOT NULL
);
INSERT INTO secret_entries (entry)
SELECT 'account:' || id || ':auth-token' FROM accounts
UNION SELECT 'account:' || id || ':api-key-secret' FROM accounts;
