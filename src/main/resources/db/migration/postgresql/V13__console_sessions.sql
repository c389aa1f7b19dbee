-- Console sessions (/console): one row per signed-in browser, found by the SHA-256 of the session cookie (the cookie
-- itself is never stored). Sessions run on wall-clock time, not accountd's clock: moving a manual clock by a month
-- must not sign the user out. token_hash is the SHA-256 of the auth token signed in with (none for an API key): a session
-- lasts only while that token is still the account's primary or secondary, so rotating a leaked token ends it. acting_sid is the account the console shows ("switch to" a subaccount).
CREATE TABLE console_sessions (
    id_hash        TEXT    NOT NULL PRIMARY KEY,
    account_sid    TEXT    NOT NULL,
    credential_sid TEXT    NOT NULL,
    api_key        INTEGER NOT NULL,
    token_hash     TEXT,
    acting_sid     TEXT    NOT NULL,
    csrf_token     TEXT    NOT NULL,
    created_at     BIGINT  NOT NULL,
    last_seen_at   BIGINT  NOT NULL
);
CREATE INDEX console_sessions_by_last_seen ON console_sessions (last_seen_at);

-- What each account spent per GMT month (month = yyyymm), moved with its usage counters, so that the console's
-- "top subaccounts this month" reads ten index entries of its family, however many subaccounts it has, and a page of
-- the Accounts list reads its rows' cost this month in one query.
CREATE TABLE monthly_spend (
    account_sid  TEXT    NOT NULL,
    month        INTEGER NOT NULL,
    main_sid     TEXT    NOT NULL,
    price_micros BIGINT  NOT NULL,
    PRIMARY KEY (account_sid, month)
);
CREATE INDEX monthly_spend_by_family ON monthly_spend (main_sid, month, price_micros, account_sid);
INSERT INTO monthly_spend (account_sid, month, main_sid, price_micros)
SELECT u.account_sid, CAST(to_char(to_timestamp(u.day * 86400) AT TIME ZONE 'UTC', 'YYYYMM') AS INTEGER), a.main_sid, SUM(u.price_micros)
FROM usage_counters u JOIN accounts a ON a.sid = u.account_sid
GROUP BY u.account_sid, CAST(to_char(to_timestamp(u.day * 86400) AT TIME ZONE 'UTC', 'YYYYMM') AS INTEGER), a.main_sid;
