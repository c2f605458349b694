-- Account names are unique by a key that folds case in every script (NFC, Unicode case folding,
-- Turkish dotted and dotless i alike). Rust fills the key of existing rows after migrating, as
-- SQLite cannot compute it.
DROP INDEX accounts_name_unique;
ALTER TABLE accounts ADD COLUMN name_key TEXT;
CREATE UNIQUE INDEX accounts_name_key_unique ON accounts (name_key);
