-- Spending limits (/_accountd/v1/Accounts/{Sid}/SpendingLimit), at most one per account: what the account (or, for
-- a main account, its whole family) may spend per period (daily, monthly or alltime, in GMT). Action block refuses
-- usage that would cross it; action suspend suspends the subaccount once its spending reaches it.
CREATE TABLE spending_limits (
    account_sid   TEXT    NOT NULL PRIMARY KEY,
    main_sid      TEXT    NOT NULL,
    amount_micros BIGINT  NOT NULL,
    currency      TEXT    NOT NULL,
    period        TEXT    NOT NULL,
    action        TEXT    NOT NULL,
    date_created  BIGINT  NOT NULL,
    date_updated  BIGINT  NOT NULL
);
CREATE INDEX spending_limits_by_main ON spending_limits (main_sid);
CREATE INDEX spending_limits_by_action ON spending_limits (action);

-- When each subaccount last made or received a call or message (GMT day), for the dormant-subaccount listing:
-- quiet_since is that day, or the day it was created when it has had none, so the listing walks one index range of
-- its family, least recently active first (account_id, the accounts row's id, breaks ties).
CREATE TABLE account_activity (
    account_sid   TEXT    NOT NULL PRIMARY KEY,
    main_sid      TEXT    NOT NULL,
    account_id    BIGINT  NOT NULL,
    quiet_since   INTEGER NOT NULL,
    last_activity INTEGER
);
CREATE INDEX account_activity_by_family ON account_activity (main_sid, quiet_since, account_id);
INSERT INTO account_activity (account_sid, main_sid, account_id, quiet_since, last_activity)
SELECT sid, main_sid, id, date_created / 86400000, NULL FROM accounts WHERE sid <> main_sid;
