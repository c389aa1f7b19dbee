-- Money: one balance per main account, moved only by ledger entries written in the same transaction, so that
-- balance = initial + the sum of the family's entries at every commit. An entry's cause is unique: a retried
-- request or a job that runs twice finds its entry already there and charges nothing.
CREATE TABLE balances (
    main_sid                  TEXT    PRIMARY KEY,
    currency                  TEXT    NOT NULL,
    initial_micros            BIGINT  NOT NULL,
    balance_micros            BIGINT  NOT NULL,
    auto_recharge_below       BIGINT,
    auto_recharge_amount      BIGINT
);
-- (existing main accounts get theirs at start, in the configured currency and opening balance)

CREATE TABLE ledger_entries (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sid             TEXT    NOT NULL UNIQUE,
    main_sid        TEXT    NOT NULL,
    account_sid     TEXT    NOT NULL,
    category        TEXT    NOT NULL,
    amount_micros   BIGINT  NOT NULL,
    currency        TEXT    NOT NULL,
    balance_after   BIGINT  NOT NULL,
    resource_sid    TEXT,
    reference       TEXT,
    cause           TEXT    NOT NULL UNIQUE,
    entry_date      BIGINT  NOT NULL
);
CREATE INDEX ledger_by_family ON ledger_entries (main_sid, id);
CREATE INDEX ledger_by_family_category ON ledger_entries (main_sid, category, id);
CREATE INDEX ledger_by_account ON ledger_entries (account_sid, id);

-- A number's rental: its first month is charged at purchase, then one month after the last billing day, as
-- Twilio does (a 31st falls back to a shorter month's last day, which becomes the billing day from then on).
-- rental_next is the next billing instant; rental_months counts the months charged.
ALTER TABLE phone_numbers ADD COLUMN rental_months BIGINT  NOT NULL DEFAULT 1;
ALTER TABLE phone_numbers ADD COLUMN rental_next BIGINT;
CREATE INDEX phone_numbers_by_rental_next ON phone_numbers (rental_next);

-- The manual clock's now (absent with the system clock), shared by every process on the store.
CREATE TABLE manual_clock (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    now_millis  BIGINT  NOT NULL
);
