-- Usage counters: what each account used per leaf usage category per GMT day (day = days since 1970-01-01), and the
-- same summed over a main account's whole family. Both move in the transaction that writes the ledger entry they
-- count, so Usage Records read a few rows per category and day, whatever the number of subaccounts or entries.
-- Rollup categories (calls, sms, totalprice, ...) are never stored: they are summed from their leaves when read.
CREATE TABLE usage_counters (
    account_sid  TEXT    NOT NULL,
    day          INTEGER NOT NULL,
    category     TEXT    NOT NULL,
    count_total  BIGINT  NOT NULL,
    usage_total  BIGINT  NOT NULL,
    price_micros BIGINT  NOT NULL,
    PRIMARY KEY (account_sid, day, category)
);

CREATE TABLE family_usage_counters (
    main_sid     TEXT    NOT NULL,
    day          INTEGER NOT NULL,
    category     TEXT    NOT NULL,
    count_total  BIGINT  NOT NULL,
    usage_total  BIGINT  NOT NULL,
    price_micros BIGINT  NOT NULL,
    PRIMARY KEY (main_sid, day, category)
);

-- Usage Triggers (…/Usage/Triggers.json). trigger_value is kept in millionths (the API shows six decimals);
-- fired_period names the period it last fired in (2026-12-02, 2026-12, 2026 or alltime): it fires once per period,
-- and a trigger whose period key differs from the current one is armed again.
CREATE TABLE usage_triggers (
    id                   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sid                  TEXT    NOT NULL UNIQUE,
    account_sid          TEXT    NOT NULL,
    main_sid             TEXT    NOT NULL,
    friendly_name        TEXT    NOT NULL,
    usage_category       TEXT    NOT NULL,
    trigger_by           TEXT    NOT NULL,
    trigger_value_micros BIGINT  NOT NULL,
    recurring            TEXT    NOT NULL,
    callback_url         TEXT    NOT NULL,
    callback_method      TEXT    NOT NULL,
    fired_period         TEXT,
    date_fired           BIGINT,
    date_created         BIGINT  NOT NULL,
    date_updated         BIGINT  NOT NULL
);
CREATE INDEX usage_triggers_by_account ON usage_triggers (account_sid, id);
CREATE INDEX usage_triggers_by_main ON usage_triggers (main_sid);
