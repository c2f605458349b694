-- Each content as Twilio last listed it in a template sync, keyed by its Content SID: its text
-- for the exact-text check and for picking an approved template in a workstream, and its
-- approval as Twilio wrote it. Kept whether or not the library holds it as a draft.
CREATE TABLE twilio_contents (
    -- NOCASE: a workstream may store a SID with its hex digits in another case.
    content_sid       TEXT PRIMARY KEY NOT NULL COLLATE NOCASE,
    account_id        TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    friendly_name     TEXT,
    language          TEXT,
    -- The body as Twilio holds it, verbatim; NULL when its types have none the desk reads.
    body              TEXT,
    approval_status   TEXT NOT NULL,
    rejection_reason  TEXT,
    synced_at         TEXT NOT NULL
);

CREATE INDEX twilio_contents_account ON twilio_contents (account_id);
