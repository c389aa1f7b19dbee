-- Where the simulated inventory's enumeration stands, so that a search's cost does not grow with the numbers owned.
-- Each block's numbers come in a fixed order (positions 0, 1, 2, …). A purchase records the position it took; every
-- position below a block's next_position is owned or listed in inventory_released (released and not bought again).
ALTER TABLE phone_numbers ADD COLUMN inventory_block TEXT;
ALTER TABLE phone_numbers ADD COLUMN inventory_position BIGINT;
CREATE INDEX phone_numbers_by_inventory_position ON phone_numbers (inventory_block, inventory_position);
CREATE TABLE inventory_blocks (
    block          TEXT    PRIMARY KEY,
    next_position  BIGINT  NOT NULL
);
CREATE TABLE inventory_released (
    block              TEXT    NOT NULL,
    released_position  BIGINT  NOT NULL,
    PRIMARY KEY (block, released_position)
);
