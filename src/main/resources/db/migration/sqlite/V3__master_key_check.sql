-- A value derived from the master key, so that a node started with another key (several nodes on one
-- database, or a lost key file) refuses to start instead of failing on every token it cannot decrypt.
CREATE TABLE master_key_check (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    check_value BLOB NOT NULL
);
