-- A message's media (…/Messages/{Sid}/Media): one row per MediaUrl it was sent with, in the order given. accountd
-- fetches nothing: content_type is worked out from the URL (its file extension), and the URL is kept as given.
CREATE TABLE message_media (
    id           BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sid          TEXT    NOT NULL UNIQUE,
    account_sid  TEXT    NOT NULL,
    message_sid  TEXT    NOT NULL,
    content_type TEXT    NOT NULL,
    url          TEXT    NOT NULL,
    date_created BIGINT  NOT NULL,
    date_updated BIGINT  NOT NULL
);
CREATE INDEX message_media_by_message ON message_media (message_sid, id);
CREATE INDEX message_media_by_account ON message_media (account_sid);
