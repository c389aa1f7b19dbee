ALTER TABLE accounts ADD COLUMN auth_token_created BIGINT;
UPDATE accounts SET auth_token_created = date_created;
ALTER TABLE accounts ADD COLUMN secondary_auth_token BYTEA;
ALTER TABLE accounts ADD COLUMN secondary_created BIGINT;

CREATE TABLE api_keys (
    id             BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sid            TEXT    NOT NULL UNIQUE,
    account_sid    TEXT    NOT NULL,
    kind           TEXT    NOT NULL CHECK (kind IN ('standard', 'signing')),
    friendly_name  TEXT,
    secret_hash    BYTEA   NOT NULL,
    date_created   BIGINT  NOT NULL,
    date_updated   BIGINT  NOT NULL
);
CREATE INDEX api_keys_by_account ON api_keys (account_sid, kind, id);

CREATE TABLE events (
    id                 BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sid                TEXT    NOT NULL UNIQUE,
    account_sid        TEXT    NOT NULL,
    main_sid           TEXT    NOT NULL,
    actor_sid          TEXT,
    actor_type         TEXT,
    description        TEXT,
    event_data         TEXT    NOT NULL,
    event_date         BIGINT  NOT NULL,
    event_type         TEXT    NOT NULL,
    resource_sid       TEXT,
    resource_type      TEXT,
    source             TEXT    NOT NULL,
    source_ip_address  TEXT
);
CREATE INDEX events_by_account ON events (account_sid, id);
CREATE INDEX events_by_family ON events (main_sid, id);
CREATE INDEX events_by_date ON events (event_date);
