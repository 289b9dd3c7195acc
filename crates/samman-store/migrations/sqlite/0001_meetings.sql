-- Meetings, their append-only revisions, and the change counter (SQLite).
-- Dates are 'YYYY-MM-DD' text (sorts as dates), times integer unix seconds, states text.

CREATE TABLE meetings (
    id           INTEGER PRIMARY KEY,
    body         TEXT    NOT NULL,
    date         TEXT    NOT NULL,
    -- The current revision's explicit title; NULL when the record uses the derived one.
    title        TEXT,
    state        TEXT    NOT NULL CHECK (state IN ('draft', 'published', 'unpublished')),
    revision     INTEGER NOT NULL,
    publish_at   INTEGER,
    published_at INTEGER,
    updated_at   INTEGER NOT NULL,
    UNIQUE (body, date)
);

-- Public lists: published meetings, newest date first.
CREATE INDEX meetings_by_state_date ON meetings (state, date DESC, body);

CREATE TABLE revisions (
    meeting_id   INTEGER NOT NULL REFERENCES meetings (id),
    revision     INTEGER NOT NULL,
    at           INTEGER NOT NULL,
    author       TEXT,
    note         TEXT,
    state        TEXT    NOT NULL CHECK (state IN ('draft', 'published', 'unpublished')),
    publish_at   INTEGER,
    source       TEXT    NOT NULL,
    meeting_json TEXT    NOT NULL,
    PRIMARY KEY (meeting_id, revision)
);

-- One row: bumped in the same transaction as every change, so nodes can poll it.
CREATE TABLE changes (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    counter INTEGER NOT NULL
);
INSERT INTO changes (id, counter) VALUES (1, 0);
