-- Addresses of an account (Addresses.json): phone numbers with address requirements need a matching one.
CREATE TABLE addresses (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
    date_created       BIGINT NOT NULL,
    date_updated       BIGINT NOT NULL
);
CREATE INDEX addresses_by_account ON addresses (account_sid, id);
