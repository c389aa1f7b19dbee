-- Messages (…/Messages.json), outbound and inbound, simulated: a message moves on accountd's clock from queued to
-- its outcome, one step at a time, each at next_step (null once it is final). Its price per segment is set when it
-- is created; the charge (segments × that price) is a ledger entry written in the transaction that marks it sent.
CREATE TABLE messages (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    sid                  TEXT    NOT NULL UNIQUE,
    account_sid          TEXT    NOT NULL,
    main_sid             TEXT    NOT NULL,
    direction            TEXT    NOT NULL,
    from_number          TEXT    NOT NULL,
    to_number            TEXT    NOT NULL,
    body                 TEXT    NOT NULL,
    num_segments         INTEGER NOT NULL,
    num_media            INTEGER NOT NULL,
    status               TEXT    NOT NULL,
    outcome              TEXT    NOT NULL,
    error_code           INTEGER,
    category             TEXT    NOT NULL,
    segment_price_micros BIGINT  NOT NULL,
    currency             TEXT    NOT NULL,
    price_micros         BIGINT,
    status_callback      TEXT,
    date_created         BIGINT  NOT NULL,
    date_updated         BIGINT  NOT NULL,
    date_sent            BIGINT,
    next_step            BIGINT
);
CREATE INDEX messages_by_account ON messages (account_sid, id);
CREATE INDEX messages_by_next_step ON messages (next_step);

-- Calls (…/Calls.json), simulated like messages: queued, ringing, then in-progress, busy, no-answer or failed as the
-- destination's simulated outcome says, and completed after talk_seconds (the TimeLimit, or the default), or earlier
-- through Status=completed. Charged when it completes: minutes rounded up × minute_price_micros, set at creation.
-- callback_events is the StatusCallbackEvent set, space separated; sequence counts the status callbacks sent.
CREATE TABLE calls (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    sid                  TEXT    NOT NULL UNIQUE,
    account_sid          TEXT    NOT NULL,
    main_sid             TEXT    NOT NULL,
    parent_call_sid      TEXT,
    direction            TEXT    NOT NULL,
    from_number          TEXT    NOT NULL,
    to_number            TEXT    NOT NULL,
    phone_number_sid     TEXT,
    status               TEXT    NOT NULL,
    outcome              TEXT    NOT NULL,
    talk_seconds         INTEGER NOT NULL,
    ring_seconds         INTEGER NOT NULL,
    category             TEXT    NOT NULL,
    minute_price_micros  BIGINT  NOT NULL,
    currency             TEXT    NOT NULL,
    price_micros         BIGINT,
    duration             INTEGER,
    voice_url            TEXT,
    voice_method         TEXT    NOT NULL,
    status_callback      TEXT,
    callback_method      TEXT    NOT NULL,
    callback_events      TEXT    NOT NULL,
    sequence             INTEGER NOT NULL,
    date_created         BIGINT  NOT NULL,
    date_updated         BIGINT  NOT NULL,
    start_time           BIGINT,
    answer_time          BIGINT,
    end_time             BIGINT,
    next_step            BIGINT
);
CREATE INDEX calls_by_account ON calls (account_sid, id);
CREATE INDEX calls_by_next_step ON calls (next_step);

-- TwiML Applications (…/Applications.json): settings holds the set ApplicationSettings as a JSON object of
-- form parameter names to values.
CREATE TABLE applications (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    sid            TEXT    NOT NULL UNIQUE,
    account_sid    TEXT    NOT NULL,
    friendly_name  TEXT    NOT NULL,
    settings       TEXT    NOT NULL,
    date_created   BIGINT  NOT NULL,
    date_updated   BIGINT  NOT NULL
);
CREATE INDEX applications_by_account ON applications (account_sid, id);

-- Outgoing caller IDs (…/OutgoingCallerIds.json): numbers an account verified, valid as a call's From. The
-- simulation completes a validation request at once.
CREATE TABLE outgoing_caller_ids (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    sid            TEXT    NOT NULL UNIQUE,
    account_sid    TEXT    NOT NULL,
    phone_number   TEXT    NOT NULL,
    friendly_name  TEXT    NOT NULL,
    date_created   BIGINT  NOT NULL,
    date_updated   BIGINT  NOT NULL,
    UNIQUE (account_sid, phone_number)
);
CREATE INDEX outgoing_caller_ids_by_account ON outgoing_caller_ids (account_sid, id);

-- Which account a test credential pair belongs to. The pair itself is derived from the account's SID with the
-- master key (nothing secret is stored); a row is written when the pair is first shown, so that its Account SID
-- can be recognised when it authenticates.
CREATE TABLE test_credentials (
    test_account_sid  TEXT  PRIMARY KEY,
    account_sid       TEXT  NOT NULL
);

-- What a simulated destination does (/_accountd/v1/Simulation/Destinations/{E164}), per family; a destination
-- without a row answers and delivers.
CREATE TABLE simulated_destinations (
    main_sid         TEXT    NOT NULL,
    phone_number     TEXT    NOT NULL,
    call_outcome     TEXT    NOT NULL,
    call_seconds     INTEGER,
    message_outcome  TEXT    NOT NULL,
    date_updated     BIGINT  NOT NULL,
    PRIMARY KEY (main_sid, phone_number)
);

-- Webhook deliveries waiting to be made (status callbacks, a call's requests of its Url), written in the transaction of the change they report,
-- so that none is lost and none is sent for a change that did not commit. A delivery is leased by setting its
-- next_attempt ahead, made, then deleted; a node that dies mid-delivery leaves it to be made again when the lease
-- ends (at least once). A call's Url is requested once (max_attempts 1), as Twilio does. params holds the form parameters as a JSON array of [name, value] pairs, in order.
CREATE TABLE outbox (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    signer_sid    TEXT    NOT NULL,
    resource_sid  TEXT    NOT NULL,
    method        TEXT    NOT NULL,
    url           TEXT    NOT NULL,
    params        TEXT    NOT NULL,
    attempts      INTEGER NOT NULL,
    max_attempts  INTEGER NOT NULL,
    next_attempt  BIGINT,
    last_error    TEXT,
    date_created  BIGINT  NOT NULL
);
CREATE INDEX outbox_by_next_attempt ON outbox (next_attempt);
