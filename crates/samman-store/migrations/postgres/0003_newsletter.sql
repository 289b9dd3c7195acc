-- The newsletter (PostgreSQL): subscribers per list, their consents, campaigns and the outbox.
-- A list is a body's newsletter, named by the body's id. Times are unix seconds, states text.

-- One row per (list, address). Leaving clears the address and the token; the keyed hash of the address
-- stays, so the consent history keeps its subject without naming a person.
CREATE TABLE subscribers (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    list            TEXT    NOT NULL,
    address         TEXT,
    address_hash    TEXT    NOT NULL,
    state           TEXT    NOT NULL CHECK (state IN ('pending', 'confirmed', 'left')),
    -- Hash of the pending confirmation's nonce (single use) and when it expires.
    token_hash      TEXT,
    token_expires   BIGINT,
    -- What the pending confirmation consents to, recorded in `consents` when confirmed.
    consent_version TEXT,
    consent_source  TEXT,
    created_at      BIGINT  NOT NULL,
    confirmed_at    BIGINT,
    left_at         BIGINT,
    UNIQUE (list, address_hash)
);
CREATE INDEX subscribers_by_list_state ON subscribers (list, state);

-- The consent record: when, to which list, which version of the consent text, where it was given.
CREATE TABLE consents (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscriber_id BIGINT  NOT NULL REFERENCES subscribers (id),
    list          TEXT    NOT NULL,
    at            BIGINT  NOT NULL,
    text_version  TEXT    NOT NULL,
    source        TEXT    NOT NULL,
    -- 'given' or 'withdrawn'
    kind          TEXT    NOT NULL CHECK (kind IN ('given', 'withdrawn'))
);

-- One campaign per list and published revision: publishing the same revision again sends nothing more.
CREATE TABLE campaigns (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    list       TEXT    NOT NULL,
    meeting_id BIGINT  NOT NULL REFERENCES meetings (id),
    revision   BIGINT  NOT NULL,
    created_at BIGINT  NOT NULL,
    recipients BIGINT  NOT NULL,
    UNIQUE (list, meeting_id, revision)
);

-- One row per recipient of a campaign, written in the publication's transaction. A worker claims a row
-- (claim id + lease), sends it with its stable Message-ID, and marks it; a claim whose lease ran out is
-- claimed again.
CREATE TABLE outbox (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    campaign_id     BIGINT  NOT NULL REFERENCES campaigns (id),
    subscriber_id   BIGINT  NOT NULL REFERENCES subscribers (id),
    message_id      TEXT    NOT NULL UNIQUE,
    state           TEXT    NOT NULL CHECK (state IN ('pending', 'sent', 'failed', 'skipped')),
    attempts        BIGINT  NOT NULL DEFAULT 0,
    next_attempt_at BIGINT  NOT NULL,
    claim           TEXT,
    lease_until     BIGINT,
    last_error      TEXT,
    sent_at         BIGINT,
    UNIQUE (campaign_id, subscriber_id)
);
CREATE INDEX outbox_by_state ON outbox (state, id);
