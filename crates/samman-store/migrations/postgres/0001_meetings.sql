-- Meetings, their append-only revisions, and the change counter (PostgreSQL).
-- The same columns as SQLite's migration: dates as 'YYYY-MM-DD' text, times as BIGINT unix seconds and
-- states as text, so both backends share their queries (sqlx's Any driver has no date or bool types).

CREATE TABLE meetings (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body         TEXT   NOT NULL,
    date         TEXT   NOT NULL CHECK (date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    -- The current revision's explicit title; NULL when the record uses the derived one.
    title        TEXT,
    state        TEXT   NOT NULL CHECK (state IN ('draft', 'published', 'unpublished')),
    revision     BIGINT NOT NULL,
    publish_at   BIGINT,
    published_at BIGINT,
    updated_at   BIGINT NOT NULL,
    UNIQUE (body, date)
);

-- Public lists: published meetings, newest date first.
CREATE INDEX meetings_by_state_date ON meetings (state, date DESC, body);

CREATE TABLE revisions (
    meeting_id   BIGINT NOT NULL REFERENCES meetings (id),
    revision     BIGINT NOT NULL,
    at           BIGINT NOT NULL,
    author       TEXT,
    note         TEXT,
    state        TEXT   NOT NULL CHECK (state IN ('draft', 'published', 'unpublished')),
    publish_at   BIGINT,
    source       TEXT   NOT NULL,
    meeting_json TEXT   NOT NULL,
    PRIMARY KEY (meeting_id, revision)
);

-- One row: bumped in the same transaction as every change, so nodes can poll it.
CREATE TABLE changes (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    counter BIGINT  NOT NULL
);
INSERT INTO changes (id, counter) VALUES (1, 0);
