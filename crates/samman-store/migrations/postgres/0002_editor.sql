-- The editor (PostgreSQL): accounts, the bodies an editor may write, sessions, sign-in attempts for
-- throttling, and the audit log. Times are integer unix seconds, as in 0001.

CREATE TABLE users (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Lower-cased e-mail address: the sign-in name.
    email         TEXT    NOT NULL UNIQUE,
    -- PHC string of an argon2id hash; the password itself is never stored.
    password_hash TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('admin', 'editor')),
    created_at    BIGINT NOT NULL
);

-- Which bodies an editor may write (admins may write all).
CREATE TABLE user_bodies (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body    TEXT    NOT NULL,
    PRIMARY KEY (user_id, body)
);

-- Signed-in sessions. The cookie holds a random id; only its SHA-256 is stored, so a copy of the
-- database signs nobody in. The CSRF token is bound to the session.
CREATE TABLE sessions (
    id_hash    TEXT    PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT    NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen  BIGINT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- Failed sign-ins, keyed by a hash of the client address or of the account, for throttling.
CREATE TABLE login_attempts (
    id  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key TEXT    NOT NULL,
    at  BIGINT NOT NULL
);
CREATE INDEX login_attempts_by_key ON login_attempts (key, at);

-- Who did what, when: written in the same transaction as the change it records.
CREATE TABLE audit_log (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         BIGINT NOT NULL,
    -- The e-mail address at the time (kept when the account is removed).
    actor      TEXT    NOT NULL,
    action     TEXT    NOT NULL,
    body       TEXT,
    date       TEXT,
    revision   BIGINT,
    detail     TEXT
);
CREATE INDEX audit_log_by_time ON audit_log (at DESC, id DESC);
