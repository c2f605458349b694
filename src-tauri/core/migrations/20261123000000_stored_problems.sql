-- Stored answers hold a problem, {code, field, params}, as JSON instead of English sentences; the
-- UI words it in the user's language. Older rows' English is read back into params where its
-- format allows: Twilio's error number, words and page, the HTTP status, the host, the field.

CREATE TEMP TABLE old_problem (
    code      TEXT NOT NULL,
    message   TEXT NOT NULL,
    new_code  TEXT NOT NULL,
    field     TEXT,
    params    TEXT NOT NULL DEFAULT '{}',
    -- What is left to read of the message.
    tail      TEXT,
    PRIMARY KEY (code, message)
);

INSERT OR IGNORE INTO old_problem (code, message, new_code)
SELECT error_code, COALESCE(message, ''), error_code FROM verifications WHERE error_code IS NOT NULL
UNION
SELECT error_code, COALESCE(message, ''), error_code FROM drift_checks WHERE error_code IS NOT NULL
UNION
SELECT n.value ->> '$.errorCode', COALESCE(n.value ->> '$.message', ''), n.value ->> '$.errorCode'
FROM drift_checks d, json_each(d.numbers) n
WHERE n.value ->> '$.errorCode' IS NOT NULL;

-- "… (Twilio error 20003: Authenticate) More: https://…" and "… (Twilio answered HTTP 400: Bad Request)".
UPDATE old_problem SET tail = substr(message, instr(message, '(Twilio error ') + length('(Twilio error '))
WHERE instr(message, '(Twilio error ') > 0;
UPDATE old_problem
SET params = json_set(params, '$.twilioCode', CAST(substr(tail, 1, instr(tail, ': ') - 1) AS INTEGER)),
    tail = substr(tail, instr(tail, ': ') + 2)
WHERE instr(tail, ': ') > 0;

UPDATE old_problem SET tail = substr(message, instr(message, '(Twilio answered HTTP ') + length('(Twilio answered HTTP '))
WHERE instr(message, '(Twilio answered HTTP ') > 0;
UPDATE old_problem
SET params = json_set(params, '$.httpStatus', CAST(substr(tail, 1, instr(tail, ': ') - 1) AS INTEGER)),
    tail = substr(tail, instr(tail, ': ') + 2)
WHERE instr(message, '(Twilio answered HTTP ') > 0 AND instr(tail, ': ') > 0;

UPDATE old_problem
SET params = json_set(params, '$.twilioMessage', CASE
        WHEN instr(tail, ') More: ') > 0 THEN substr(tail, 1, instr(tail, ') More: ') - 1)
        ELSE substr(tail, 1, length(tail) - 1)
    END),
    tail = CASE WHEN instr(tail, ') More: ') > 0 THEN substr(tail, instr(tail, ') More: ') + length(') More: ')) END
WHERE tail IS NOT NULL;
UPDATE old_problem SET params = json_set(params, '$.moreInfo', tail), tail = NULL WHERE tail IS NOT NULL;
-- "HTTP 503" stood in for words Twilio did not send.
UPDATE old_problem SET params = json_remove(params, '$.twilioMessage')
WHERE params ->> '$.twilioMessage' = 'HTTP ' || (params ->> '$.httpStatus');

-- The host that could not be reached.
UPDATE old_problem
SET params = json_set(params, '$.host', substr(message, length('Could not reach ') + 1,
        instr(message, ': this computer') - length('Could not reach ') - 1))
WHERE code = 'offline' AND message LIKE 'Could not reach %: this computer%';
UPDATE old_problem SET params = json_set(params, '$.host', substr(message, 1, instr(message, ' did not answer in time') - 1))
WHERE code = 'twilio_timeout' AND instr(message, ' did not answer in time') > 0;
UPDATE old_problem
SET new_code = 'connection_failed',
    params = json_set(params, '$.host', substr(message, length('The connection to ') + 1,
        instr(message, ' failed: ') - length('The connection to ') - 1))
WHERE code = 'twilio_unavailable' AND message LIKE 'The connection to % failed: %';

-- The keyring's OS, as its hint named it.
UPDATE old_problem SET params = json_set(params, '$.os', 'linux')
WHERE code IN ('keyring_unavailable', 'keyring_locked') AND (message LIKE '%On Linux%' OR message LIKE '%login keyring%');
UPDATE old_problem SET params = json_set(params, '$.os', 'macos')
WHERE code IN ('keyring_unavailable', 'keyring_locked') AND (message LIKE '%On macOS%' OR message LIKE '%Unlock the keychain%');
UPDATE old_problem SET params = json_set(params, '$.os', 'windows')
WHERE code IN ('keyring_unavailable', 'keyring_locked') AND message LIKE '%On Windows%';

-- The field a message named.
UPDATE old_problem SET field = CASE WHEN message LIKE '%API key secret%' THEN 'apiKeySecret' ELSE 'authToken' END
WHERE code = 'secret_lost';
UPDATE old_problem SET field = CASE
        WHEN message LIKE '%Account SID%' THEN 'accountSid'
        WHEN message LIKE '%API key SID%' THEN 'apiKeySid'
        WHEN message LIKE '%API key secret%' THEN 'apiKeySecret'
        ELSE 'authToken'
    END
WHERE code = 'credentials_missing';
UPDATE old_problem SET field = 'number' WHERE code = 'incomplete';

-- Why a number's route could not be set from here.
UPDATE old_problem SET params = json_set(params, '$.reason', 'sandbox')
WHERE code = 'cannot_apply' AND message LIKE '%WhatsApp Sandbox%';
UPDATE old_problem SET params = json_set(params, '$.reason', 'twiml_app')
WHERE code = 'cannot_apply' AND message LIKE '%TwiML app%';
UPDATE old_problem
SET new_code = 'number_not_in_twilio',
    params = json_set(params, '$.number',
        rtrim(substr(message, length('This Twilio account has no WhatsApp sender or phone number ') + 1), '.'))
WHERE code = 'twilio_not_found' AND message LIKE 'This Twilio account has no WhatsApp sender or phone number %';

ALTER TABLE verifications ADD COLUMN problem TEXT;
UPDATE verifications SET problem = (
    SELECT json_object('code', p.new_code, 'field', p.field, 'params', json(p.params))
    FROM old_problem p
    WHERE p.code = verifications.error_code AND p.message = COALESCE(verifications.message, '')
);
-- An account Twilio answered for but that is not active was kept as English only; its status says it.
UPDATE verifications
SET problem = json_object('code', 'account_inactive', 'field', NULL, 'params', json_object('status', COALESCE(status, 'unknown')))
WHERE error_code IS NULL AND message IS NOT NULL;
-- Resources are named as Twilio names them.
UPDATE verifications SET checked = replace(checked, '"phone_numbers"', '"incoming_phone_numbers"');
ALTER TABLE verifications DROP COLUMN error_code;
ALTER TABLE verifications DROP COLUMN message;
-- A Trial account's warning follows from account_type.
ALTER TABLE verifications DROP COLUMN warning;

ALTER TABLE drift_checks ADD COLUMN problem TEXT;
UPDATE drift_checks SET problem = (
    SELECT json_object('code', p.new_code, 'field', p.field, 'params', json(p.params))
    FROM old_problem p
    WHERE p.code = drift_checks.error_code AND p.message = COALESCE(drift_checks.message, '')
);
UPDATE drift_checks SET numbers = (
    SELECT json_group_array(json_object(
        'numberId', n.value ->> '$.numberId',
        'name', n.value ->> '$.name',
        'number', n.value ->> '$.number',
        'state', n.value ->> '$.state',
        'problem', json((
            SELECT json_object('code', p.new_code, 'field', p.field, 'params', json(p.params))
            FROM old_problem p
            WHERE p.code = n.value ->> '$.errorCode' AND p.message = COALESCE(n.value ->> '$.message', '')
        ))
    ))
    FROM (SELECT value FROM json_each(drift_checks.numbers) ORDER BY key) n
);
ALTER TABLE drift_checks DROP COLUMN error_code;
ALTER TABLE drift_checks DROP COLUMN message;

DROP TABLE old_problem;

-- An Apply writes this desk's inbound URL.
ALTER TABLE applied_routes RENAME COLUMN url TO inbound_url;
