-- Messaging Services (messaging.twilio.com/v1/Services): a pool of sender numbers and the settings the messages sent
-- through it take. A number is in at most one service's pool (phone_numbers.messaging_service_sid, with the time it
-- was added): releasing the number takes its row, and with it its place in the pool; a transfer clears it.
CREATE TABLE messaging_services (
    id            INTEGER PRIMARY KEY,
    sid           TEXT    NOT NULL UNIQUE,
    account_sid   TEXT    NOT NULL,
    friendly_name TEXT    NOT NULL,
    settings      TEXT    NOT NULL,
    date_created  INTEGER NOT NULL,
    date_updated  INTEGER NOT NULL
);
CREATE INDEX messaging_services_by_account ON messaging_services (account_sid, id);

ALTER TABLE phone_numbers ADD COLUMN messaging_service_sid TEXT;
ALTER TABLE phone_numbers ADD COLUMN messaging_service_added INTEGER;
CREATE INDEX phone_numbers_by_messaging_service ON phone_numbers (messaging_service_sid, id) WHERE messaging_service_sid IS NOT NULL;

-- the service a message was sent through; a scheduled message's send time is its next_step
ALTER TABLE messages ADD COLUMN messaging_service_sid TEXT;
-- a service's sticky sender: the number its last message to a recipient came from
CREATE INDEX messages_by_service_recipient ON messages (messaging_service_sid, to_number, id) WHERE messaging_service_sid IS NOT NULL;
