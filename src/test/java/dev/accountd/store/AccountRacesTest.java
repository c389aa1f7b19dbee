package dev.accountd.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accountd.domain.Account;
import dev.accountd.domain.AccountChange;
import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.AuthToken;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.PhoneNumber;
import dev.accountd.domain.Sid;
import dev.accountd.store.AccountStore.Listing;
import dev.accountd.store.AccountStore.UpdateResult;
import dev.accountd.store.jdbc.Database;
import dev.accountd.store.jdbc.JdbcAccountStore;
import dev.accountd.support.TestStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two changes of one account at the same instant, 200 times each, on both stores: every read-modify-write holds
 * the account's row, so the second change sees what the first wrote. Closed is forever, and the live-subaccount
 * counter (which enforces the limit) always equals the number of subaccounts that are not closed.
 */
class AccountRacesTest {
    static final int ROUNDS = 200;
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Audit<Account> NO_AUDIT = (before, after) -> Optional.empty();
    static final Audit<PhoneNumber> NO_RELEASE = (before, after) -> Optional.empty();

    TestStore testStore;
    Database db;
    AccountStore store;
    Account main;
    ExecutorService pool;

    @BeforeEach
    void open() {
        testStore = TestStore.fresh();
        db = testStore.open();
        store = new JdbcAccountStore(db, SecretBox.load(Optional.empty(), testStore.dataDir()));
        main = store.insertMain(Sid.generate("AC"), "main", AuthToken.generate(), T0, 100_000, NO_AUDIT);
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void close() {
        if (pool != null) pool.shutdownNow();
        if (db != null) db.close();
        if (testStore != null) testStore.close();
    }

    Account sub() {
        return store.insertSubaccount(main.sid(), Sid.generate("AC"), "sub", AuthToken.generate(), T0, NO_AUDIT).orElseThrow();
    }

    UpdateResult setStatus(Account a, AccountStatus status) {
        return store.update(a.sid(), new AccountChange(Optional.empty(), Optional.of(status)), T0, NO_AUDIT, NO_RELEASE);
    }

    /** Runs both at the same instant (as near as two threads get) and returns their results. */
    <A, B> Object[] together(Callable<A> first, Callable<B> second) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        Future<A> a = pool.submit(() -> {
            start.await();
            return first.call();
        });
        Future<B> b = pool.submit(() -> {
            start.await();
            return second.call();
        });
        return new Object[] {a.get(), b.get()};
    }

    /** The counter the limit check uses equals the real count of subaccounts that are not closed. */
    void assertCounterIsTheRealCount() {
        long live = 0;
        Optional<Long> after = Optional.empty();
        while (true) {
            var slice = store.list(new Listing(main.sid(), Optional.empty(), Optional.empty(), Optional.empty()),
                    new PageRequest(1000, after, Optional.empty()));
            live += slice.items().stream().filter(a -> !a.isMain() && a.status() != AccountStatus.CLOSED).count();
            if (!slice.hasNext()) break;
            after = Optional.of(slice.lastPosition());
        }
        assertEquals(live, store.settings(main.sid()).orElseThrow().liveSubaccounts(), "live-subaccount counter");
    }

    AccountStatus statusOf(Account a) { return store.find(a.sid()).orElseThrow().status(); }

    @Test
    void doubleClose_closesOnce() throws Exception {
        for (int i = 0; i < ROUNDS; i++) {
            Account a = sub();
            Object[] r = together(() -> setStatus(a, AccountStatus.CLOSED), () -> setStatus(a, AccountStatus.CLOSED));
            assertInstanceOf(UpdateResult.Updated.class, r[0], "closing a closed account again changes nothing and succeeds");
            assertInstanceOf(UpdateResult.Updated.class, r[1]);
            assertEquals(AccountStatus.CLOSED, statusOf(a));
        }
        assertCounterIsTheRealCount();
    }

    @Test
    void closeVersusSuspend_endsClosed() throws Exception {
        for (int i = 0; i < ROUNDS; i++) {
            Account a = sub();
            Object[] r = together(() -> setStatus(a, AccountStatus.CLOSED), () -> setStatus(a, AccountStatus.SUSPENDED));
            assertEquals(AccountStatus.CLOSED, statusOf(a), "round " + i + ": closed is forever (" + r[1] + ")");
            assertTrue(r[1] instanceof UpdateResult.Updated || r[1] instanceof UpdateResult.Closed, String.valueOf(r[1]));
        }
        assertCounterIsTheRealCount();
    }

    @Test
    void closeVersusReactivate_endsClosed() throws Exception {
        for (int i = 0; i < ROUNDS; i++) {
            Account a = sub();
            setStatus(a, AccountStatus.SUSPENDED);
            Object[] r = together(() -> setStatus(a, AccountStatus.ACTIVE), () -> setStatus(a, AccountStatus.CLOSED));
            assertEquals(AccountStatus.CLOSED, statusOf(a), "round " + i + ": closed is forever (" + r[0] + ")");
        }
        assertCounterIsTheRealCount();
    }

    @Test
    void promoteVersusDeleteSecondary_exactlyOneWins_andADeletedSecondaryNeverBecomesPrimary() throws Exception {
        int promotions = 0;
        for (int i = 0; i < ROUNDS; i++) {
            Account a = sub();
            AuthToken primary = a.authToken();
            AuthToken secondary = AuthToken.generate();
            store.setSecondaryToken(a.sid(), secondary, T0, NO_AUDIT);
            Object[] r = together(() -> store.promoteSecondaryToken(a.sid(), T0, NO_AUDIT),
                    () -> store.deleteSecondaryToken(a.sid(), T0, NO_AUDIT));
            boolean promoted = ((Optional<?>) r[0]).isPresent();
            boolean deleted = (Boolean) r[1];
            assertTrue(promoted ^ deleted, "round " + i + ": exactly one of them found the secondary (promoted " + promoted
                    + ", deleted " + deleted + ")");
            Account after = store.find(a.sid()).orElseThrow();
            assertEquals(Optional.empty(), after.secondaryAuthToken());
            assertEquals(promoted ? secondary : primary, after.authToken(),
                    "round " + i + ": a deleted secondary never becomes the primary");
            if (promoted) promotions++;
        }
        System.out.printf("[AccountRacesTest] promote vs delete on %s: %d promotions won, %d deletions%n",
                db.dialect(), promotions, ROUNDS - promotions);
    }

    @Test
    void closesSpreadOverManySubaccounts_keepTheCounterExact() throws Exception {
        List<Account> subs = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) subs.add(sub());
        ExecutorService many = Executors.newFixedThreadPool(8);
        try {
            List<Future<UpdateResult>> closes = new java.util.ArrayList<>();
            for (Account a : subs) {
                for (int twice = 0; twice < 2; twice++) closes.add(many.submit(() -> setStatus(a, AccountStatus.CLOSED)));
            }
            for (Future<UpdateResult> f : closes) f.get();
        } finally {
            many.shutdownNow();
        }
        assertCounterIsTheRealCount();
        assertEquals(0, store.settings(main.sid()).orElseThrow().liveSubaccounts());
    }
}
