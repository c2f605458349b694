-- The language chosen in Settings; NULL follows the OS's.
ALTER TABLE desk ADD COLUMN language TEXT CHECK (language IN ('en', 'zh-TW', 'ja', 'it', 'de', 'tr'));
