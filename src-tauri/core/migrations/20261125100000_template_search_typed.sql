-- A draft's content is now the linter's typed content (`{"type": "twilio/text", "body": …}`):
-- the body is `twilio/card`'s `title`, the header `whatsapp/card`'s `headerText`, the footer
-- `footer` or `twilio/card`'s `subtitle`, and the buttons are `actions`. The triggers read this
-- view by name, so replacing it and rebuilding the index is enough.
DROP VIEW template_search_source;

CREATE VIEW template_search_source AS
SELECT d.search_id,
       f.name,
       coalesce(json_extract(d.content, '$.body'), json_extract(d.content, '$.title'), '') AS body,
       coalesce(json_extract(d.content, '$.headerText'), '') AS header,
       coalesce(json_extract(d.content, '$.footer'), json_extract(d.content, '$.subtitle'), '') AS footer,
       coalesce((SELECT group_concat(json_extract(a.value, '$.title'), ' ')
                 FROM json_each(d.content, '$.actions') a), '') AS buttons,
       d.language
FROM template_drafts d JOIN template_families f ON f.id = d.family_id;

INSERT INTO template_search (template_search) VALUES ('delete-all');
INSERT INTO template_search (rowid, name, body, header, footer, buttons, language)
SELECT * FROM template_search_source;
