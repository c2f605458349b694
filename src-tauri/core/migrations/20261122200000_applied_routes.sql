-- Every Apply this desk made in Twilio: where it wrote the inbound URL, and the value it replaced.
-- Drift tells a number changed in Twilio after an Apply from one never set up, and "Restore
-- previous" writes the replaced value back and marks the row restored.
CREATE TABLE applied_routes (
    id            INTEGER PRIMARY KEY NOT NULL,
    number_id     TEXT NOT NULL REFERENCES whatsapp_numbers (id) ON DELETE CASCADE,
    -- The number's E.164 value then: an Apply says nothing about the number it was edited into.
    number        TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('sender_webhook', 'messaging_service', 'phone_number')),
    twilio_sid    TEXT NOT NULL,
    url           TEXT NOT NULL,
    replaced_url  TEXT,
    applied_at    TEXT NOT NULL,
    restored_at   TEXT
);

CREATE INDEX applied_routes_number ON applied_routes (number_id, id);

-- A drift answer now holds each number's state as codes, and the failure as a code. Older
-- answers have neither and cannot be converted; they are dropped, and the next check replaces them.
DROP TABLE drift_checks;

CREATE TABLE drift_checks (
    account_id  TEXT PRIMARY KEY NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    outcome     TEXT NOT NULL CHECK (outcome IN ('in_sync', 'drifted', 'not_applied', 'offline', 'failed')),
    checked_at  TEXT NOT NULL,
    numbers     TEXT NOT NULL DEFAULT '[]',
    error_code  TEXT,
    message     TEXT
);
