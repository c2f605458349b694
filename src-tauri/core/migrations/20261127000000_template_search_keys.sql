-- The search finds drafts but lists families. Each family gets an integer key, and each draft's
-- search_id (its rowid in template_search) is its family's key in the high bits: `search_id >> 20`
-- names the family straight from the index, with no lookup of the draft's row. A family may have
-- 2^20 drafts (languages × revisions).
ALTER TABLE template_families ADD COLUMN key INTEGER NOT NULL DEFAULT 0;
UPDATE template_families SET key = rowid;
CREATE UNIQUE INDEX template_families_key ON template_families (key);

CREATE TEMP TABLE renumbered AS
SELECT d.search_id AS old,
       (f.key << 20) + row_number() OVER (PARTITION BY d.family_id ORDER BY d.search_id) - 1 AS new
FROM template_drafts d JOIN template_families f ON f.id = d.family_id;
-- Through the negatives, so that no new number meets an old one on the way.
UPDATE template_drafts SET search_id = -search_id;
UPDATE template_drafts SET search_id = (SELECT new FROM renumbered WHERE old = -search_id);
DROP TABLE renumbered;

CREATE TRIGGER template_drafts_search_key BEFORE INSERT ON template_drafts
WHEN new.search_id >> 20 IS NOT (SELECT key FROM template_families WHERE id = new.family_id)
BEGIN
    SELECT RAISE(ABORT, 'a draft''s search_id must carry its family''s key');
END;

-- The code that inserts drafts indexes them, a batch in one statement (library::index_drafts):
-- through this per-row trigger, inserting 1,000 drafts into a library of 12,500 took 2.5× longer.
DROP TRIGGER template_drafts_search_insert;

INSERT INTO template_search (template_search) VALUES ('delete-all');
INSERT INTO template_search (rowid, name, body, header, footer, buttons, language)
SELECT * FROM template_search_source;

-- The name-ordered walk of the list checks each family's key against the hits from this index
-- alone; the filters on drafts are read from this one, not from the drafts' rows.
DROP INDEX template_families_order;
CREATE INDEX template_families_order ON template_families (name COLLATE NOCASE, id, key);
CREATE INDEX template_drafts_filters ON template_drafts (search_id, language, status, approval_status);
