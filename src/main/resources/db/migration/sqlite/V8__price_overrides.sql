-- The prices a family (a main account and its subaccounts) pays instead of the list prices: custom pricing per
-- customer (/_accountd/v1/Accounts/{MainSid}/Prices). selector is a number type ('local', 'toll free') or, for
-- outbound calls, a destination prefix ('1907'); price_micros is in millionths of currency.
CREATE TABLE price_overrides (
    main_sid      TEXT    NOT NULL,
    iso_country   TEXT    NOT NULL,
    kind          TEXT    NOT NULL,
    selector      TEXT    NOT NULL,
    price_micros  INTEGER NOT NULL,
    currency      TEXT    NOT NULL,
    date_updated  INTEGER NOT NULL,
    PRIMARY KEY (main_sid, iso_country, kind, selector)
);
