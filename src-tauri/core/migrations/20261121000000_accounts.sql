CREATE TABLE accounts (
    id                 TEXT PRIMARY KEY NOT NULL,
    name               TEXT NOT NULL,
    channel            TEXT NOT NULL CHECK (channel IN ('whatsapp')),
    account_sid        TEXT,
    auth_token_stored  INTEGER NOT NULL DEFAULT 0 CHECK (auth_token_stored IN (0, 1)),
    status             TEXT NOT NULL CHECK (status IN ('draft', 'complete')),
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);

CREATE UNIQUE INDEX accounts_name_unique ON accounts (name COLLATE NOCASE);

CREATE TABLE whatsapp_numbers (
    id          TEXT PRIMARY KEY NOT NULL,
    account_id  TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    number      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (account_id, number)
);

CREATE INDEX whatsapp_numbers_account ON whatsapp_numbers (account_id);
