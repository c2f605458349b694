-- The template outbox: one item per draft to publish, run in order when Twilio is reachable.
-- Publishing is two requests: create the content, then submit it for WhatsApp approval. The
-- Content SID is kept the moment Twilio gives it, in the same transaction that marks the draft
-- published, so a create is never sent twice.
CREATE TABLE template_outbox (
    -- The queue's order.
    seq            INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    draft_id       TEXT NOT NULL REFERENCES template_drafts (id) ON DELETE CASCADE,
    state          TEXT NOT NULL CHECK (state IN ('queued', 'running', 'sent', 'failed', 'cancelled')),
    -- The request to send next: the create, the approval request, or none once sent.
    step           TEXT NOT NULL CHECK (step IN ('create', 'submit', 'done')),
    -- 1 once the step's request was sent: its answer may have been lost, so Twilio is read
    -- before it is sent again.
    request_sent   INTEGER NOT NULL DEFAULT 0 CHECK (request_sent IN (0, 1)),
    -- The friendly name of the content, fixed when the create is first sent.
    friendly_name  TEXT,
    content_sid    TEXT,
    -- WhatsApp's approval status as Twilio answered the submission, verbatim.
    approval_status TEXT,
    attempts       INTEGER NOT NULL DEFAULT 0,
    -- The last failure as {code, field, params}: data, never a sentence.
    last_error     TEXT CHECK (last_error IS NULL OR json_type(last_error) = 'object'),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    CHECK ((step = 'create') = (content_sid IS NULL)),
    CHECK ((state = 'sent') = (step = 'done'))
);

-- A draft has at most one item that is not finished or given up.
CREATE UNIQUE INDEX template_outbox_one_open ON template_outbox (draft_id)
    WHERE state IN ('queued', 'running', 'failed');
CREATE INDEX template_outbox_draft ON template_outbox (draft_id);
