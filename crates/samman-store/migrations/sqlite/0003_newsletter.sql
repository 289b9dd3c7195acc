-- The newsletter (SQLite): subscribers per list, their consents, campaigns and the outbox.
-- A list is a body's newsletter, named by the body's id. Times are unix seconds, states text.

-- One row per (list, address). Leaving clears the address and the token; the keyed hash of the address
-- stays, so the consent history keeps its subject without naming a person.
CREATE TABLE subscribers (
    id              INTEGER PRIMARY KEY,
    list            TEXT    NOT NULL,
    address         TEXT,
    address_hash    TEXT    NOT NULL,
    state           TEXT    NOT NULL CHECK (state IN ('pending', 'confirmed', 'left')),
    -- Hash of the pending confirmation's nonce (single use) and when it expires.
    token_hash      TEXT,
    token_expires   INTEGER,
    -- What the pending confirmation consents to, recorded in `consents` when confirmed.
    consent_version TEXT,
    consent_source  TEXT,
    created_at      INTEGER NOT NULL,
    confirmed_at    INTEGER,
    left_at         INTEGER,
    UNIQUE (list, address_hash)
);
CREATE INDEX subscribers_by_list_state ON subscribers (list, state);

-- The consent record: when, to which list, which version of the consent text, where it was given.
CREATE TABLE consents (
    id            INTEGER PRIMARY KEY,
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id),
    list          TEXT    NOT NULL,
    at            INTEGER NOT NULL,
    text_version  TEXT    NOT NULL,
    source        TEXT    NOT NULL,
    -- 'given' or 'withdrawn'
    kind          TEXT    NOT NULL CHECK (kind IN ('given', 'withdrawn'))
);

-- One campaign per list and published revision: publishing the same revision again sends nothing more.
CREATE TABLE campaigns (
    id         INTEGER PRIMARY KEY,
    list       TEXT    NOT NULL,
    meeting_id INTEGER NOT NULL REFERENCES meetings (id),
    revision   INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    recipients INTEGER NOT NULL,
    UNIQUE (list, meeting_id, revision)
);

-- One row per recipient of a campaign, written in the publication's transaction. A worker claims a row
-- (claim id + lease), sends it with its stable Message-ID, and marks it; a claim whose lease ran out is
-- claimed again.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    campaign_id     INTEGER NOT NULL REFERENCES campaigns (id),
    subscriber_id   INTEGER NOT NULL REFERENCES subscribers (id),
    message_id      TEXT    NOT NULL UNIQUE,
    state           TEXT    NOT NULL CHECK (state IN ('pending', 'sent', 'failed', 'skipped')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    claim           TEXT,
    lease_until     INTEGER,
    last_error      TEXT,
    sent_at         INTEGER,
    UNIQUE (campaign_id, subscriber_id)
);
CREATE INDEX outbox_by_state ON outbox (state, id);
