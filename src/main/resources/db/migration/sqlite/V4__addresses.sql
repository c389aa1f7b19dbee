-- Addresses of an account (Addresses.json): phone numbers with address requirements need a matching one.
CREATE TABLE addresses (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    sid                TEXT    NOT NULL UNIQUE,
    account_sid        TEXT    NOT NULL,
    customer_name      TEXT    NOT NULL,
    friendly_name      TEXT,
    street             TEXT    NOT NULL,
    street_secondary   TEXT,
    city               TEXT    NOT NULL,
    region             TEXT    NOT NULL,
    postal_code        TEXT    NOT NULL,
    iso_country        TEXT    NOT NULL,
    emergency_enabled  INTEGER NOT NULL DEFAULT 0,
    date_created       INTEGER NOT NULL,
    date_updated       INTEGER NOT NULL
);
CREATE INDEX addresses_by_account ON addresses (account_sid, id);
