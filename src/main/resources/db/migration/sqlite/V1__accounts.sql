-- Accounts: main accounts (main_sid = sid) and their subaccounts (main_sid = the owner).
-- id orders accounts by creation and is the keyset for paging.
CREATE TABLE accounts (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    sid                TEXT    NOT NULL UNIQUE,
    main_sid           TEXT    NOT NULL,
    friendly_name      TEXT    NOT NULL,
    status             TEXT    NOT NULL CHECK (status IN ('active', 'suspended', 'closed')),
    type               TEXT    NOT NULL,
    auth_token         BLOB    NOT NULL,
    date_created       INTEGER NOT NULL,
    date_updated       INTEGER NOT NULL,
    date_closed        INTEGER
);
CREATE INDEX accounts_by_family ON accounts (main_sid, id);
CREATE INDEX accounts_by_family_status ON accounts (main_sid, status, id);
CREATE INDEX accounts_by_family_name ON accounts (main_sid, friendly_name, id);
CREATE INDEX accounts_by_date_closed ON accounts (date_closed) WHERE date_closed IS NOT NULL;

-- Operator settings of each main account, and the count the subaccount limit is checked against, kept
-- in the same transaction as every create and close so the check costs one row, not a count.
CREATE TABLE main_accounts (
    sid                 TEXT    PRIMARY KEY,
    subaccount_limit    INTEGER NOT NULL,
    live_subaccounts    INTEGER NOT NULL DEFAULT 0,
    auto_delete_closed  INTEGER NOT NULL DEFAULT 1,
    CHECK (live_subaccounts >= 0)
);

-- Bumped in the transaction of every change to a credential or a status, so that caches of verified
-- credentials in any process notice changes made by another.
CREATE TABLE change_epoch (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    epoch  INTEGER NOT NULL
);
INSERT INTO change_epoch (id, epoch) VALUES (1, 0);
