-- Event webhooks (/_accountd/v1/Webhooks): a main account's subscriptions to its family's Monitor events. Each event
-- that matches (event_types is a space-separated list, or *) is delivered through the outbox, in the transaction
-- that records the event, as a JSON POST signed the way Twilio signs JSON webhooks (bodySHA256 in the URL).
CREATE TABLE event_webhooks (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sid          TEXT    NOT NULL UNIQUE,
    main_sid     TEXT    NOT NULL,
    url          TEXT    NOT NULL,
    event_types  TEXT    NOT NULL,
    date_created BIGINT  NOT NULL
);
CREATE INDEX event_webhooks_by_main ON event_webhooks (main_sid, id);

-- A delivery's JSON body, when it has one (event webhooks); form deliveries keep their parameters in params.
ALTER TABLE outbox ADD COLUMN json_body TEXT;
