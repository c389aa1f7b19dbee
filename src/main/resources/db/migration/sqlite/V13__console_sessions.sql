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

-- The console's "top subaccounts by cost this month" reads one month of counters, not every subaccount's range.
CREATE INDEX usage_counters_by_day ON usage_counters (day, account_sid);
