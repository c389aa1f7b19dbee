package dev.accountd.store.jdbc;

import dev.accountd.domain.Money;
import dev.accountd.store.ChangeFeed;
import dev.accountd.store.SandboxStore;
import java.util.List;
import java.util.Optional;

/** The sandbox reset of a SQL store. */
public final class JdbcSandboxStore implements SandboxStore {
    /** What a reset empties, children before the rows they refer to. */
    private static final List<String> EMPTIED = List.of("api_keys", "phone_numbers", "addresses", "inventory_released",
            "inventory_blocks", "events", "ledger_entries", "price_overrides", "messages", "message_media", "calls", "simulated_destinations", "outbox", "applications", "messaging_services", "outgoing_caller_ids", "test_credentials",
            "usage_counters", "family_usage_counters", "usage_triggers", "spending_limits", "account_activity", "event_webhooks", "monthly_spend");

    private final Database db;

    public JdbcSandboxStore(Database db) { this.db = db; }

    @Override
    public Optional<String> firstMainSid() {
        return db.reader().withHandle(h -> h.createQuery("SELECT sid FROM accounts WHERE sid = main_sid ORDER BY id LIMIT 1")
                .mapTo(String.class).findOne());
    }

    @Override
    public int reset(String keep, Money opening, int subaccountLimit) {
        return db.writer().inTransactionAlone(h -> {
            db.lockForTransaction(h, "sandbox-reset");
            for (String table : EMPTIED) h.createUpdate("DELETE FROM " + table).execute();
            h.createUpdate("DELETE FROM balances WHERE main_sid <> :keep").bind("keep", keep).execute();
            // the kept main account's console sessions survive a reset (a browser test resets between cases), showing it again
            h.createUpdate("DELETE FROM console_sessions WHERE account_sid <> :keep").bind("keep", keep).execute();
            h.createUpdate("UPDATE console_sessions SET acting_sid = account_sid").execute();
            h.createUpdate("""
                    UPDATE balances SET currency = :currency, initial_micros = :opening, balance_micros = :opening,
                           auto_recharge_below = NULL, auto_recharge_amount = NULL
                    WHERE main_sid = :keep""")
                    .bind("currency", opening.currency()).bind("opening", opening.micros()).bind("keep", keep).execute();
            // counted, not set to 0, now that the row is held: a trigger another node created meanwhile is kept, and counted
            JdbcUsageStore.recountTriggers(h, List.of(keep));
            h.createUpdate("DELETE FROM main_accounts WHERE sid <> :keep").bind("keep", keep).execute();
            h.createUpdate("UPDATE main_accounts SET subaccount_limit = :limit, live_subaccounts = 0, auto_delete_closed = 1 WHERE sid = :keep")
                    .bind("limit", subaccountLimit).bind("keep", keep).execute();
            // subaccounts before the other main accounts they belong to
            int deleted = h.createUpdate("DELETE FROM accounts WHERE sid <> main_sid").execute();
            deleted += h.createUpdate("DELETE FROM accounts WHERE sid <> :keep").bind("keep", keep).execute();
            db.recordChange(h, ChangeFeed.EVERYTHING);
            h.afterCommit(db.balances()::forgetAll);
            return deleted;
        });
    }
}
