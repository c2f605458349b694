-- Queues, workstreams, and the WhatsApp setup that binds a number to a workstream. Names are
-- unique by a key that folds case in every script (rules::name_key), as account names are.

CREATE TABLE queues (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL CHECK (kind IN ('messaging')),
    -- The queue every desk starts with: it can be renamed, never deleted.
    is_default  INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE UNIQUE INDEX queues_one_default ON queues (is_default) WHERE is_default = 1;

CREATE TRIGGER queues_keep_default BEFORE DELETE ON queues WHEN old.is_default = 1
BEGIN
    SELECT RAISE(ABORT, 'the default queue cannot be deleted');
END;

INSERT INTO queues (id, name, name_key, kind, is_default, created_at, updated_at)
VALUES (lower(hex(randomblob(16))), 'Default messaging queue', 'default messaging queue', 'messaging', 1,
        strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

CREATE TABLE workstreams (
    id                           TEXT PRIMARY KEY NOT NULL,
    name                         TEXT NOT NULL,
    name_key                     TEXT NOT NULL UNIQUE,
    kind                         TEXT NOT NULL CHECK (kind IN ('messaging')),
    channel                      TEXT NOT NULL CHECK (channel IN ('whatsapp')),
    -- Set at creation, never changed.
    mode                         TEXT NOT NULL CHECK (mode IN ('push', 'pick')),
    -- A queue that is some workstream's fallback cannot be deleted.
    fallback_queue_id            TEXT NOT NULL REFERENCES queues (id),
    -- Work distribution.
    auto_close_minutes           INTEGER NOT NULL DEFAULT 43200 CHECK (auto_close_minutes BETWEEN 1 AND 43200),
    capacity_kind                TEXT NOT NULL DEFAULT 'unit' CHECK (capacity_kind IN ('unit', 'profile')),
    capacity_units               INTEGER DEFAULT 1 CHECK (capacity_units BETWEEN 0 AND 10000),
    capacity_profile             TEXT,
    wrap_up_kind                 TEXT NOT NULL DEFAULT 'always' CHECK (wrap_up_kind IN ('always', 'custom', 'dont_block')),
    wrap_up_minutes              INTEGER CHECK (wrap_up_minutes BETWEEN 1 AND 43200),
    -- A JSON array of presences, at least one.
    allowed_presences            TEXT NOT NULL DEFAULT '["available","busy"]' CHECK (json_array_length(allowed_presences) > 0),
    skill_matching               TEXT NOT NULL DEFAULT 'exact' CHECK (skill_matching IN ('exact', 'closest', 'none')),
    keep_same_agent              INTEGER NOT NULL DEFAULT 0 CHECK (keep_same_agent IN (0, 1)),
    -- Advanced settings: references to what the admin center edits elsewhere.
    bot_name                     TEXT,
    session_template             TEXT,
    agent_notification_template  TEXT,
    created_at                   TEXT NOT NULL,
    updated_at                   TEXT NOT NULL,
    CHECK ((capacity_kind = 'unit') = (capacity_units IS NOT NULL)),
    CHECK ((capacity_kind = 'profile') = (capacity_profile IS NOT NULL)),
    CHECK ((wrap_up_kind = 'custom') = (wrap_up_minutes IS NOT NULL)),
    -- Keeping the same agent and bots are for push workstreams only.
    CHECK (mode = 'push' OR (keep_same_agent = 0 AND bot_name IS NULL))
);

CREATE INDEX workstreams_fallback_queue ON workstreams (fallback_queue_id);

CREATE TABLE context_variables (
    workstream_id  TEXT NOT NULL REFERENCES workstreams (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    name           TEXT NOT NULL,
    name_key       TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('text', 'number')),
    PRIMARY KEY (workstream_id, position),
    UNIQUE (workstream_id, name_key)
);

CREATE TABLE quick_replies (
    workstream_id  TEXT NOT NULL REFERENCES workstreams (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    title          TEXT NOT NULL,
    text           TEXT NOT NULL,
    PRIMARY KEY (workstream_id, position)
);

-- The "Set up WhatsApp" wizard's answers on a workstream: a draft until Finish makes it active.
CREATE TABLE whatsapp_setups (
    workstream_id          TEXT PRIMARY KEY NOT NULL REFERENCES workstreams (id) ON DELETE CASCADE,
    status                 TEXT NOT NULL CHECK (status IN ('draft', 'active')),
    -- A number serves one workstream. A bound number cannot be deleted: it is unbound first.
    number_id              TEXT UNIQUE REFERENCES whatsapp_numbers (id),
    -- A code of the channel language list (core/data/channel-languages.json).
    language               TEXT,
    -- The survey keeps what was typed while it is off.
    survey_enabled         INTEGER NOT NULL DEFAULT 0 CHECK (survey_enabled IN (0, 1)),
    survey_reference       TEXT,
    survey_message         TEXT,
    survey_delivery        TEXT NOT NULL DEFAULT 'send_link' CHECK (survey_delivery IN ('send_link', 'insert_in_conversation')),
    attachments_enabled    INTEGER NOT NULL DEFAULT 0 CHECK (attachments_enabled IN (0, 1)),
    attachments_customers  INTEGER NOT NULL DEFAULT 0 CHECK (attachments_customers IN (0, 1)),
    attachments_agents     INTEGER NOT NULL DEFAULT 0 CHECK (attachments_agents IN (0, 1)),
    -- The wizard page saved last, for resuming a draft where it was left.
    last_step              TEXT CHECK (last_step IN ('number', 'language', 'behaviours', 'user_features', 'summary')),
    created_at             TEXT NOT NULL,
    updated_at             TEXT NOT NULL,
    CHECK (status = 'draft' OR (number_id IS NOT NULL AND language IS NOT NULL)),
    CHECK (attachments_enabled = 1 OR (attachments_customers = 0 AND attachments_agents = 0))
);

CREATE TABLE automated_messages (
    workstream_id  TEXT NOT NULL REFERENCES whatsapp_setups (workstream_id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    -- Each trigger at most once per channel.
    trigger        TEXT NOT NULL,
    text           TEXT NOT NULL,
    PRIMARY KEY (workstream_id, position),
    UNIQUE (workstream_id, trigger)
);

CREATE TABLE message_templates (
    workstream_id    TEXT NOT NULL REFERENCES whatsapp_setups (workstream_id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    content_sid      TEXT NOT NULL,
    -- Upper case: a Content SID is unique per channel whatever the case of its hex digits.
    content_sid_key  TEXT NOT NULL,
    language         TEXT NOT NULL,
    text             TEXT NOT NULL,
    PRIMARY KEY (workstream_id, position),
    UNIQUE (workstream_id, content_sid_key)
);
