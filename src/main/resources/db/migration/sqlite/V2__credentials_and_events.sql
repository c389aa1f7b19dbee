-- Secondary auth tokens, API keys and signing keys, and the audit trail (monitor Events).
ALTER TABLE accounts ADD COLUMN auth_token_created INTEGER;
UPDATE accounts SET auth_token_created = date_created;
ALTER TABLE accounts ADD COLUMN secondary_auth_token BLOB;
ALTER TABLE accounts ADD COLUMN secondary_created INTEGER;

-- Key secrets are never stored: only an HMAC-SHA256 of them under a server key.
CREATE TABLE api_keys (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    sid            TEXT    NOT NULL UNIQUE,
    account_sid    TEXT    NOT NULL,
    kind           TEXT    NOT NULL CHECK (kind IN ('standard', 'signing')),
    friendly_name  TEXT,
    secret_hash    BLOB    NOT NULL,
    date_created   INTEGER NOT NULL,
    date_updated   INTEGER NOT NULL
);
CREATE INDEX api_keys_by_account ON api_keys (account_sid, kind, id);

-- main_sid lets a main account read its subaccounts' events with one index.
CREATE TABLE events (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    sid                TEXT    NOT NULL UNIQUE,
    account_sid        TEXT    NOT NULL,
    main_sid           TEXT    NOT NULL,
    actor_sid          TEXT,
    actor_type         TEXT,
    description        TEXT,
    event_data         TEXT    NOT NULL,
    event_date         INTEGER NOT NULL,
    event_type         TEXT    NOT NULL,
    resource_sid       TEXT,
    resource_type      TEXT,
    source             TEXT    NOT NULL,
    source_ip_address  TEXT
);
CREATE INDEX events_by_account ON events (account_sid, id);
CREATE INDEX events_by_family ON events (main_sid, id);
CREATE INDEX events_by_date ON events (event_date);
