package dev.accountd.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accountd.domain.Account;
import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.AuthToken;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.PhoneNumber;
import dev.accountd.domain.Sid;
import dev.accountd.domain.Slice;
import dev.accountd.domain.AccountChange;
import dev.accountd.store.AccountStore.Listing;
import dev.accountd.store.AccountStore.UpdateResult;
import dev.accountd.store.Audit;
import dev.accountd.store.ChangeFeed;
import dev.accountd.store.jdbc.Database;
import dev.accountd.store.jdbc.JdbcAccountStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.accountd.support.TestStore;

/** The SQL store on a freshly migrated SQLite file. */
class JdbcAccountStoreTest {
    TestStore testStore;
    Path dir;
    Database db;
    AccountStore store;
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Audit<Account> NO_AUDIT = (before, after) -> Optional.empty();
    static final Audit<PhoneNumber> NO_RELEASE_AUDIT = (before, after) -> Optional.empty();

    @BeforeEach
    void open() {
        testStore = TestStore.fresh();
        dir = testStore.dataDir();
        db = testStore.open();
        store = new JdbcAccountStore(db, SecretBox.load(Optional.empty(), dir));
    }

    @AfterEach
    void close() {
        // Both are null when the PostgreSQL pass was skipped (no server) before they were opened.
        if (db != null) db.close();
        if (testStore != null) testStore.close();
    }

    Account main(int limit) {
        return store.insertMain(Sid.generate("AC"), "main", AuthToken.generate(), T0, limit, NO_AUDIT);
    }

    Account sub(Account main) {
        return store.insertSubaccount(main.sid(), Sid.generate("AC"), "sub", AuthToken.generate(), T0, NO_AUDIT).orElseThrow();
    }

    @Test
    void accountsRoundTrip_withTheirTokenDecrypted() {
        AuthToken token = AuthToken.generate();
        Account m = store.insertMain("AC" + "a".repeat(32), "main", token, T0, 10, NO_AUDIT);
        Account found = store.find(m.sid()).orElseThrow();
        assertEquals(token, found.authToken());
        assertTrue(found.isMain());
        assertEquals(T0, found.dateCreated());
        assertEquals(AccountStatus.ACTIVE, found.mainStatus());
    }

    @Test
    void subaccountLimit_isCheckedWithTheInsert_andClosingFreesAPlace() {
        Account m = main(2);
        Account a = sub(m);
        sub(m);
        assertTrue(store.insertSubaccount(m.sid(), Sid.generate("AC"), "third", AuthToken.generate(), T0, NO_AUDIT).isEmpty());
        store.update(a.sid(), new AccountChange(Optional.empty(), Optional.of(AccountStatus.CLOSED)), T0, NO_AUDIT, NO_RELEASE_AUDIT);
        assertTrue(store.insertSubaccount(m.sid(), Sid.generate("AC"), "third", AuthToken.generate(), T0, NO_AUDIT).isPresent());
        assertEquals(2, store.settings(m.sid()).orElseThrow().liveSubaccounts());
    }

    @Test
    void closedAccounts_refuseUpdates() {
        Account m = main(5);
        Account a = sub(m);
        store.update(a.sid(), new AccountChange(Optional.empty(), Optional.of(AccountStatus.CLOSED)), T0, NO_AUDIT, NO_RELEASE_AUDIT);
        assertInstanceOf(UpdateResult.Closed.class, store.update(a.sid(), new AccountChange(Optional.of("x"), Optional.empty()), T0, NO_AUDIT, NO_RELEASE_AUDIT));
        assertInstanceOf(UpdateResult.NotFound.class, store.update("AC" + "9".repeat(32), new AccountChange(Optional.of("x"), Optional.empty()), T0, NO_AUDIT, NO_RELEASE_AUDIT));
    }

    @Test
    void keysetPages_coverTheFamilyOnce_forwardAndBackward() {
        Account m = main(100);
        List<String> all = new ArrayList<>(List.of(m.sid()));
        for (int i = 0; i < 9; i++) all.add(sub(m).sid());
        Listing family = new Listing(m.sid(), Optional.empty(), Optional.empty(), Optional.empty());

        List<String> seen = new ArrayList<>();
        PageRequest page = PageRequest.first(4);
        List<Slice<Account>> slices = new ArrayList<>();
        while (true) {
            Slice<Account> s = store.list(family, page);
            slices.add(s);
            s.items().forEach(a -> seen.add(a.sid()));
            if (!s.hasNext()) break;
            page = new PageRequest(4, Optional.of(s.lastPosition()), Optional.empty());
        }
        assertEquals(all, seen);
        assertEquals(3, slices.size());
        Slice<Account> back = store.list(family, new PageRequest(4, Optional.empty(), Optional.of(slices.get(2).firstPosition())));
        assertEquals(slices.get(1).items(), back.items());
        assertTrue(back.hasPrevious());
    }

    @Test
    void mainStatus_isSeenByItsSubaccounts_andReachesTheChangeFeed() throws Exception {
        Account m = main(5);
        Account a = sub(m);
        java.util.concurrent.BlockingQueue<String> changes = new java.util.concurrent.LinkedBlockingQueue<>();
        ChangeFeed feed = db.changeFeed(Optional.empty());
        feed.start(changes::add);
        store.setMainStatus(m.sid(), AccountStatus.SUSPENDED, T0, NO_AUDIT);
        Account seen = store.find(a.sid()).orElseThrow();
        assertEquals(AccountStatus.ACTIVE, seen.status());
        assertEquals(AccountStatus.SUSPENDED, seen.effectiveStatus());
        assertFalse(seen.canAuthenticate());
        assertEquals(ChangeFeed.EVERYTHING, changes.poll(5, java.util.concurrent.TimeUnit.SECONDS));
        feed.close();
    }

    @Test
    void deleteClosedBefore_respectsTheCutoffAndTheMainsSetting() {
        Account m = main(5);
        Account a = sub(m);
        store.update(a.sid(), new AccountChange(Optional.empty(), Optional.of(AccountStatus.CLOSED)), T0, NO_AUDIT, NO_RELEASE_AUDIT);
        assertEquals(0, store.deleteClosedBefore(T0, 100));
        store.updateSettings(m.sid(), Optional.empty(), Optional.of(false));
        assertEquals(0, store.deleteClosedBefore(T0.plusSeconds(1), 100));
        store.updateSettings(m.sid(), Optional.empty(), Optional.of(true));
        assertEquals(1, store.deleteClosedBefore(T0.plusSeconds(1), 100));
        assertTrue(store.find(a.sid()).isEmpty());
        assertTrue(store.find(m.sid()).isPresent(), "main accounts are never deleted by the job");
    }
}
