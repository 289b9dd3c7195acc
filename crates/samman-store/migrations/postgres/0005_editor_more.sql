-- The editor, continued (PostgreSQL): the minutes uploaded as a PDF, and drafts autosaved per meeting and
-- account. Times are integer unix seconds, as in 0001.

-- A meeting's minutes as an uploaded PDF, served beside its page (`protokoll.pdf`) while the record's
-- minutes point at it. Written in the same transaction as the revision that links it.
CREATE TABLE minutes_files (
    meeting_id  BIGINT PRIMARY KEY REFERENCES meetings (id) ON DELETE CASCADE,
    pdf         BYTEA   NOT NULL,
    -- SHA-256 of the bytes, hex: the download's ETag.
    sha256      TEXT    NOT NULL,
    uploaded_at BIGINT  NOT NULL,
    uploaded_by TEXT    NOT NULL
);

-- What an account typed into a meeting's "källtext" and has not saved: kept by the autosave, shown
-- again when they return, removed when they save.
CREATE TABLE drafts (
    meeting_id BIGINT  NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    user_id    BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    source     TEXT    NOT NULL,
    -- The revision the text was typed against (a later save by someone else is then a conflict).
    revision   BIGINT  NOT NULL,
    saved_at   BIGINT  NOT NULL,
    PRIMARY KEY (meeting_id, user_id)
);
