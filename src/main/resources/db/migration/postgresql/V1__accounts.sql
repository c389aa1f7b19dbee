-- Accounts: main accounts (main_sid = sid) and their subaccounts (main_sid = the owner).
-- id orders accounts by creation and is the keyset for paging. Timestamps are epoch milliseconds and
-- flags integers, as in the SQLite schema, so both stores share their SQL.
CREATE TABLE accounts (
    id                 BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sid                TEXT    NOT NULL UNIQUE,
    main_sid           TEXT    NOT NULL,
    friendly_name      TEXT    NOT NULL,
    status             TEXT    NOT NULL CHECK (status IN ('active', 'suspended', 'closed')),
    type               TEXT    NOT NULL,
    auth_token         BYTEA   NOT NULL,
    date_created       BIGINT  NOT NULL,
    date_updated       BIGINT  NOT NULL,
    date_closed        BIGINT
);
CREATE INDEX accounts_by_family ON accounts (main_sid, id);
CREATE INDEX accounts_by_family_status ON accounts (main_sid, status, id);
CREATE INDEX accounts_by_family_name ON accounts (main_sid, friendly_name, id);
CREATE INDEX accounts_by_date_closed ON accounts (date_closed) WHERE date_closed IS NOT NULL;

CREATE TABLE main_accounts (
    sid                 TEXT    PRIMARY KEY,
    subaccount_limit    INTEGER NOT NULL,
    live_subaccounts    INTEGER NOT NULL DEFAULT 0,
    auto_delete_closed  INTEGER NOT NULL DEFAULT 1,
    CHECK (live_subaccounts >= 0)
);

CREATE TABLE change_epoch (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    epoch  BIGINT  NOT NULL
);
INSERT INTO change_epoch (id, epoch) VALUES (1, 0);
