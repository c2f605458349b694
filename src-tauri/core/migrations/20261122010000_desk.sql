-- The desk itself, one row: the profile that names its keyring entries, so that two data
-- folders never share one, and the settings that bundles and a command line need.
CREATE TABLE desk (
    id                 INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    profile_id         TEXT NOT NULL,
    -- The folder this file was last opened in: another one that still holds a database means
    -- this file is a copy, which then becomes a profile of its own.
    data_dir           TEXT,
    callback_base_url  TEXT,
    -- Whether the callback base URL of an older settings.json was brought in.
    settings_imported  INTEGER NOT NULL DEFAULT 0 CHECK (settings_imported IN (0, 1))
);
INSERT INTO desk (id, profile_id) VALUES (1, lower(hex(randomblob(16))));
