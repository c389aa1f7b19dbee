package dev.accountd.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accountd.domain.Account;
import dev.accountd.domain.AccountChange;
import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.AuthToken;
import dev.accountd.domain.LedgerEntry;
import dev.accountd.domain.Money;
import dev.accountd.domain.Sid;
import dev.accountd.domain.Usage;
import dev.accountd.domain.UsageTrigger;
import dev.accountd.store.jdbc.Database;
import dev.accountd.store.jdbc.JdbcAccountStore;
import dev.accountd.store.jdbc.JdbcLedgerStore;
import dev.accountd.store.jdbc.JdbcUsageStore;
import dev.accountd.support.TestStore;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A charge fires the Usage Triggers it reaches in its own transaction. The family's balance row counts its triggers
 * so that a charge to a family without any looks none up: these tests hold that count to the triggers that exist,
 * on SQLite and (in the PostgreSQL pass) PostgreSQL. No scheduler runs here, so only the charge can fire a trigger.
 */
class JdbcUsageStoreTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    TestStore testStore;
    Database db;
    AccountStore accounts;
    LedgerStore ledger;
    UsageStore usage;
    final AtomicInteger causes = new AtomicInteger();

    @BeforeEach
    void open() {
        testStore = TestStore.fresh();
        db = testStore.open();
        accounts = new JdbcAccountStore(db, SecretBox.load(Optional.empty(), testStore.dataDir()));
        ledger = new JdbcLedgerStore(db);
        usage = new JdbcUsageStore(db);
    }

    @AfterEach
    void close() {
        if (db != null) db.close(); // null when the PostgreSQL pass was skipped
        if (testStore != null) testStore.close();
    }

    Account main() { return accounts.insertMain(Sid.generate("AC"), "main", AuthToken.generate(), T0, 100, Audit.none()); }

    Account sub(Account main) {
        return accounts.insertSubaccount(main.sid(), Sid.generate("AC"), "sub", AuthToken.generate(), T0, Audit.none()).orElseThrow();
    }

    /** A trigger that fires once ever, at the account's first outbound SMS (its family's, for a main account). */
    UsageTrigger watch(Account a) {
        UsageTrigger t = new UsageTrigger(Sid.generate(UsageTrigger.SID_PREFIX), a.sid(), a.mainSid(), "first sms", "sms",
                UsageTrigger.TriggerBy.COUNT, 1_000_000, UsageTrigger.Recurring.ALLTIME, "https://example.com/fired", "POST",
                Optional.empty(), Optional.empty(), T0, T0);
        assertTrue(usage.insertTrigger(t));
        return t;
    }

    void sendSms(Account a) {
        LedgerStore.Posted posted = ledger.post(new LedgerStore.Posting(Sid.ordered(LedgerEntry.SID_PREFIX), a.mainSid(), a.sid(),
                "sms-outbound-longcode", Money.of("-0.0079", "USD"), Optional.empty(), Optional.empty(), "test:" + causes.incrementAndGet(),
                T0.plusSeconds(60), Usage.of(1)), Audit.none());
        assertInstanceOf(LedgerStore.Posted.Entered.class, posted);
    }

    boolean fired(UsageTrigger t) { return usage.findTrigger(t.accountSid(), t.sid()).orElseThrow().dateFired().isPresent(); }

    @Test
    void aCharge_firesTheTriggerItReaches_inItsOwnTransaction() {
        Account main = main();
        Account sub = sub(main);
        UsageTrigger onSub = watch(sub);
        UsageTrigger onFamily = watch(main);
        sendSms(sub);
        assertTrue(fired(onSub));
        assertTrue(fired(onFamily), "a main account's trigger watches its family");
    }

    @Test
    void aFamilyWhoseTriggersWereDeleted_firesATriggerCreatedAfterwards() {
        Account main = main();
        Account sub = sub(main);
        UsageTrigger gone = watch(sub);
        assertTrue(usage.deleteTrigger(sub.sid(), gone.sid()));
        assertFalse(usage.deleteTrigger(sub.sid(), gone.sid()), "deleted once");
        sendSms(sub); // counted while the family has no trigger
        UsageTrigger later = watch(sub);
        assertFalse(fired(later), "created above nothing yet: the next charge decides");
        sendSms(sub);
        assertTrue(fired(later));
    }

    @Test
    void deletingOneOfTwoTriggers_leavesTheOtherWatching() {
        Account main = main();
        Account sub = sub(main);
        UsageTrigger first = watch(sub);
        UsageTrigger second = watch(sub);
        assertTrue(usage.deleteTrigger(sub.sid(), first.sid()));
        sendSms(sub);
        assertTrue(fired(second));
    }

    @Test
    void purgingAClosedSubaccountWithTriggers_leavesTheMainAccountsTriggerWatching() {
        Account main = main();
        Account closing = sub(main);
        Account other = sub(main);
        watch(closing);
        UsageTrigger onFamily = watch(main);
        accounts.update(closing.sid(), new AccountChange(Optional.empty(), Optional.of(AccountStatus.CLOSED)), T0, Audit.none(), Audit.none());
        assertEquals(1, accounts.deleteClosedBefore(Instant.now().plusSeconds(3600), 10));
        sendSms(other);
        assertTrue(fired(onFamily));
    }
}
