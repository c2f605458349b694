-- What a credential check asked Twilio (a JSON list of resources, in order) and what the
-- credentials may read. Every earlier check asked for the Account resource only, and those that
-- passed had full access.
ALTER TABLE verifications ADD COLUMN checked TEXT NOT NULL DEFAULT '[]';
ALTER TABLE verifications ADD COLUMN key_access TEXT CHECK (key_access IN ('full', 'no_account_access'));
UPDATE verifications SET checked = '["account"]';
UPDATE verifications SET key_access = 'full' WHERE outcome = 'verified';
