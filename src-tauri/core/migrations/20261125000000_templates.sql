-- The offline template library. A family is one WhatsApp template across its languages; each
-- language is its own draft with its own status. Editing a published language makes a new
-- revision of it, so the published row stays as Twilio has it.

CREATE TABLE template_families (
    id          TEXT PRIMARY KEY NOT NULL,
    -- The WhatsApp template name; its format is the linter's to check.
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL,
    category    TEXT NOT NULL CHECK (category IN ('utility', 'marketing', 'authentication')),
    -- NULL while drafted before choosing the messaging account.
    account_id  TEXT REFERENCES accounts (id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- One name per account (and one among the templates with no account yet), whatever the case.
CREATE UNIQUE INDEX template_families_name ON template_families (coalesce(account_id, ''), name_key);
CREATE INDEX template_families_account ON template_families (account_id);
CREATE INDEX template_families_order ON template_families (name COLLATE NOCASE, id);

CREATE TABLE template_drafts (
    -- The row's number in template_search: an explicit INTEGER PRIMARY KEY, because VACUUM may
    -- renumber an implicit rowid and the index would point at the wrong rows.
    search_id        INTEGER PRIMARY KEY,
    id               TEXT NOT NULL UNIQUE,
    family_id        TEXT NOT NULL REFERENCES template_families (id) ON DELETE CASCADE,
    -- A code of the template language list (core/data/channel-languages.json).
    language         TEXT NOT NULL,
    revision         INTEGER NOT NULL CHECK (revision >= 1),
    -- A JSON object: the content type and its fields (body, header, footer, buttons…).
    content          TEXT NOT NULL CHECK (json_type(content) = 'object'),
    -- A JSON object: each variable's sample value, by its name ({"1": "Maria"}).
    variables        TEXT NOT NULL DEFAULT '{}' CHECK (json_type(variables) = 'object'),
    status           TEXT NOT NULL CHECK (status IN ('draft', 'published')),
    -- Twilio's, once published; the content is known by it, never by its name.
    content_sid      TEXT UNIQUE,
    -- WhatsApp's approval status as Twilio last wrote it.
    approval_status  TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CHECK ((status = 'published') = (content_sid IS NOT NULL)),
    UNIQUE (family_id, language, revision)
);

-- A language has at most one draft being edited; its published revisions stay beside it.
CREATE UNIQUE INDEX template_drafts_one_open ON template_drafts (family_id, language) WHERE status = 'draft';
CREATE INDEX template_drafts_language ON template_drafts (language);

-- The timeline of a draft's approval: each status as Twilio wrote it, its reason verbatim.
CREATE TABLE template_status_history (
    id        INTEGER PRIMARY KEY,
    draft_id  TEXT NOT NULL REFERENCES template_drafts (id) ON DELETE CASCADE,
    status    TEXT NOT NULL,
    reason    TEXT,
    at        TEXT NOT NULL
);

CREATE INDEX template_status_history_draft ON template_status_history (draft_id, at);

-- Content this desk published and later deleted, kept after its family is gone, so the desk can
-- say it existed (and a sync does not take it for someone else's).
CREATE TABLE templates_deleted_in_twilio (
    content_sid      TEXT PRIMARY KEY NOT NULL,
    account_id       TEXT REFERENCES accounts (id) ON DELETE SET NULL,
    name             TEXT NOT NULL,
    language         TEXT NOT NULL,
    revision         INTEGER NOT NULL,
    approval_status  TEXT,
    deleted_at       TEXT NOT NULL
);

-- Full-text search, one row per draft: its family's name, its texts and its language.
-- Contentless with contentless_delete: the texts live in JSON and in another table, so an
-- external-content table would need a view and triggers that replay the exact old values on
-- every delete (a mismatch silently corrupts the index); here a delete needs only the rowid, and
-- nothing is stored twice.
CREATE VIRTUAL TABLE template_search USING fts5 (
    name, body, header, footer, buttons, language,
    content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);

-- The texts of a draft's content, whatever its type: body, header and footer where the type has
-- them, and the title of every button (`buttons`, or `actions` as Twilio's types call them).
CREATE VIEW template_search_source AS
SELECT d.search_id,
       f.name,
       coalesce(json_extract(d.content, '$.body'), '') AS body,
       coalesce(json_extract(d.content, '$.header'), '') AS header,
       coalesce(json_extract(d.content, '$.footer'), '') AS footer,
       coalesce((SELECT group_concat(json_extract(b.value, '$.title'), ' ')
                 FROM (SELECT value FROM json_each(d.content, '$.buttons')
                       UNION ALL SELECT value FROM json_each(d.content, '$.actions')) b), '') AS buttons,
       d.language
FROM template_drafts d JOIN template_families f ON f.id = d.family_id;

CREATE TRIGGER template_drafts_search_insert AFTER INSERT ON template_drafts
BEGIN
    INSERT INTO template_search (rowid, name, body, header, footer, buttons, language)
    SELECT * FROM template_search_source WHERE search_id = new.search_id;
END;

CREATE TRIGGER template_drafts_search_update AFTER UPDATE OF content, language, family_id ON template_drafts
BEGIN
    DELETE FROM template_search WHERE rowid = old.search_id;
    INSERT INTO template_search (rowid, name, body, header, footer, buttons, language)
    SELECT * FROM template_search_source WHERE search_id = new.search_id;
END;

CREATE TRIGGER template_drafts_search_delete AFTER DELETE ON template_drafts
BEGIN
    DELETE FROM template_search WHERE rowid = old.search_id;
END;

CREATE TRIGGER template_families_search_rename AFTER UPDATE OF name ON template_families
BEGIN
    DELETE FROM template_search WHERE rowid IN (SELECT search_id FROM template_drafts WHERE family_id = new.id);
    INSERT INTO template_search (rowid, name, body, header, footer, buttons, language)
    SELECT s.* FROM template_search_source s
    JOIN template_drafts d ON d.search_id = s.search_id WHERE d.family_id = new.id;
END;
