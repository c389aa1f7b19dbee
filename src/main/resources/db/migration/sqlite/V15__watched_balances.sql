-- How many Usage Triggers the family has: read with the balance row that every charge holds, so that a charge to a
-- family without triggers (most of them) looks none up. Moved in the transaction that creates or deletes a trigger,
-- with that row held.
ALTER TABLE balances ADD COLUMN usage_triggers BIGINT NOT NULL DEFAULT 0;
UPDATE balances SET usage_triggers = (SELECT COUNT(*) FROM usage_triggers t WHERE t.main_sid = balances.main_sid);
