-- Phone numbers an account owns (IncomingPhoneNumbers.json). A number has one owner: UNIQUE(phone_number)
-- settles concurrent purchases. Releasing a number deletes its row, which returns it to the inventory.
CREATE TABLE phone_numbers (
    id                     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sid                    TEXT    NOT NULL UNIQUE,
    account_sid            TEXT    NOT NULL,
    phone_number           TEXT    NOT NULL UNIQUE,
    friendly_name          TEXT    NOT NULL,
    iso_country            TEXT    NOT NULL,
    number_type            TEXT    NOT NULL,
    address_requirements   TEXT    NOT NULL,
    capabilities           TEXT    NOT NULL,
    address_sid            TEXT,
    emergency_address_sid  TEXT,
    settings               TEXT    NOT NULL,
    date_created           BIGINT  NOT NULL,
    date_updated           BIGINT  NOT NULL
);
CREATE INDEX phone_numbers_by_account ON phone_numbers (account_sid, id);
CREATE INDEX phone_numbers_by_address ON phone_numbers (address_sid);
CREATE INDEX phone_numbers_by_emergency_address ON phone_numbers (emergency_address_sid);
