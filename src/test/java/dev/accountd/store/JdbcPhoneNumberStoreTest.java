package dev.accountd.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accountd.domain.Account;
import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.Address;
import dev.accountd.domain.AddressRequirement;
import dev.accountd.domain.AuthToken;
import dev.accountd.domain.Money;
import dev.accountd.domain.NumberSetting;
import dev.accountd.domain.NumberType;
import dev.accountd.domain.PageRequest;
import dev.accountd.domain.PhoneNumber;
import dev.accountd.domain.Sid;
import dev.accountd.domain.AccountChange;
import dev.accountd.store.PhoneNumberStore.UpdateResult;
import dev.accountd.store.PhoneNumberStore.Purchase;
import dev.accountd.store.jdbc.Database;
import dev.accountd.store.jdbc.JdbcAccountStore;
import dev.accountd.store.jdbc.JdbcAddressStore;
import dev.accountd.store.jdbc.JdbcPhoneNumberStore;
import dev.accountd.support.TestStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rules the phone-number store keeps inside its transactions, on SQLite and (in the PostgreSQL pass) PostgreSQL. */
class JdbcPhoneNumberStoreTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    TestStore testStore;
    Database db;
    AccountStore accounts;
    AddressStore addresses;
    PhoneNumberStore numbers;
    List<String> releasedEvents = new ArrayList<>();

    @BeforeEach
    void open() {
        testStore = TestStore.fresh();
        db = testStore.open();
        accounts = new JdbcAccountStore(db, SecretBox.load(Optional.empty(), testStore.dataDir()));
        addresses = new JdbcAddressStore(db);
        numbers = new JdbcPhoneNumberStore(db);
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

    static PhoneNumber number(String accountSid, String e164, AddressRequirement requirement, Optional<String> addressSid) {
        String country = e164.startsWith("+49") ? "DE" : "US";
        return new PhoneNumber(Sid.generate(PhoneNumber.SID_PREFIX), accountSid, e164, e164, country, NumberType.LOCAL, requirement,
                new PhoneNumber.Capabilities(true, true, false, false), addressSid, Optional.empty(),
                Map.of(NumberSetting.VOICE_URL, "https://example.com/voice"), T0, T0);
    }

    Address address(String accountSid, String country) {
        return addresses.insert(new Address(Sid.generate("AD"), accountSid, "Customer", Optional.empty(), "1 Street", Optional.empty(),
                "City", "Region", "12345", country, false, T0, T0), Audit.none());
    }

    @Test
    void aNumberHasOneOwner_evenWhenManyBuyItAtOnce() throws Exception {
        Account m = main();
        List<Account> buyers = new ArrayList<>();
        for (int i = 0; i < 8; i++) buyers.add(sub(m));
        List<Callable<Purchase>> attempts = new ArrayList<>();
        for (Account b : buyers) attempts.add(() -> insert(number(b.sid(), "+14155550100", AddressRequirement.NONE, Optional.empty()), Optional.empty()));
        ExecutorService pool = Executors.newFixedThreadPool(buyers.size());
        int bought = 0;
        try {
            for (Future<Purchase> f : pool.invokeAll(attempts)) {
                Purchase p = f.get();
                if (p instanceof Purchase.Bought) bought++; else assertInstanceOf(Purchase.Taken.class, p);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, bought);
        assertEquals(Set.of("+14155550100"), numbers.owned(List.of("+14155550100", "+14155550101")));
    }

    @Test
    void onlyActiveAccountsBuy_andClosingReleasesEveryNumberInTheSameTransaction() {
        Account m = main();
        Account sub = sub(m);
        insert(number(sub.sid(), "+14155550100", AddressRequirement.NONE, Optional.empty()), Optional.empty());
        insert(number(sub.sid(), "+14155550101", AddressRequirement.NONE, Optional.empty()), Optional.empty());

        accounts.update(sub.sid(), new AccountChange(Optional.empty(), Optional.of(AccountStatus.SUSPENDED)), T0, Audit.none(), Audit.none());
        assertInstanceOf(Purchase.AccountNotActive.class,
                insert(number(sub.sid(), "+14155550102", AddressRequirement.NONE, Optional.empty()), Optional.empty()));
        assertEquals(2, numbers.list(sub.sid(), new PhoneNumberStore.Filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                new PageRequest(50, Optional.empty(), Optional.empty())).items().size(), "suspension keeps the numbers");

        List<String> released = new ArrayList<>();
        accounts.update(sub.sid(), new AccountChange(Optional.empty(), Optional.of(AccountStatus.CLOSED)), T0, Audit.none(),
                (before, after) -> {
                    released.add(before.phoneNumber());
                    return Optional.empty();
                });
        assertEquals(List.of("+14155550100", "+14155550101"), released);
        assertEquals(Set.of(), numbers.owned(List.of("+14155550100", "+14155550101")));
    }

    @Test
    void anAddressInUseCannotBeDeleted_andATransferNeedsTheNewOwnersMatchingAddress() {
        Account m = main();
        Account a = sub(m);
        Account b = sub(m);
        Address aOffice = address(a.sid(), "DE");
        PhoneNumber n = ((Purchase.Bought) insert(number(a.sid(), "+493012345678", AddressRequirement.LOCAL, Optional.of(aOffice.sid())),
                Optional.empty())).number();
        assertEquals(new AddressStore.Deletion.InUse(1), addresses.delete(a.sid(), aOffice.sid(), Audit.none()));

        address(b.sid(), "FR");
        assertInstanceOf(UpdateResult.TargetNeedsAddress.class, numbers.transfer(a.sid(), n.sid(), UnaryOperator.identity(), b.sid(), Optional.empty(), Optional.empty(), T0, Audit.none()));
        Address bOffice = address(b.sid(), "DE");
        UpdateResult moved = numbers.transfer(a.sid(), n.sid(), UnaryOperator.identity(), b.sid(), Optional.empty(), Optional.empty(), T0, Audit.none());
        PhoneNumber after = ((UpdateResult.Changed) moved).number();
        assertEquals(b.sid(), after.accountSid());
        assertEquals(Optional.of(bOffice.sid()), after.addressSid());
        assertEquals(Optional.of("https://example.com/voice"), after.setting(NumberSetting.VOICE_URL));
        assertInstanceOf(AddressStore.Deletion.Deleted.class, addresses.delete(a.sid(), aOffice.sid(), Audit.none()));

        accounts.update(a.sid(), new AccountChange(Optional.empty(), Optional.of(AccountStatus.SUSPENDED)), T0, Audit.none(), Audit.none());
        assertInstanceOf(UpdateResult.TargetNotActive.class, numbers.transfer(b.sid(), after.sid(), UnaryOperator.identity(), a.sid(), Optional.empty(), Optional.empty(), T0, Audit.none()));
        assertTrue(numbers.find(b.sid(), n.sid()).isPresent(), "a refused transfer leaves the number where it was");
    }

    /** Buys a number at no price (the ledger's own tests charge prices). */
    Purchase insert(PhoneNumber n, Optional<PhoneNumberStore.Slot> slot) {
        String mainSid = accounts.find(n.accountSid()).orElseThrow().mainSid();
        return numbers.insert(n, slot, new PhoneNumberStore.Rental(mainSid, Money.zero("USD"), T0.plusSeconds(30L * 86_400)), Audit.none(), Audit.none());
    }

    PhoneNumber at(Account owner, long position) {
        return number(owner.sid(), "+1415" + (2_000_000 + position), AddressRequirement.NONE, Optional.empty());
    }

    Purchase buy(Account owner, long position) {
        return insert(at(owner, position), Optional.of(new PhoneNumberStore.Slot("B", position)));
    }

    PhoneNumberStore.Cursor cursor() { return numbers.cursors(List.of("B"), 100).get("B"); }

    /** The cursor: the first position that may be free; positions below it are owned or listed as released. */
    @Test
    void theCursor_passesOwnedPositions_andReleasedOnesBelowItAreListed() {
        Account m = main();
        Account a = sub(m);
        Account b = sub(m);
        assertEquals(Map.of(), numbers.cursors(List.of("B"), 100), "a block never bought from has no cursor");
        buy(a, 0);
        buy(a, 1);
        buy(b, 2);
        assertEquals(new PhoneNumberStore.Cursor(3, List.of()), cursor());
        buy(a, 5);
        assertEquals(3, cursor().next(), "a purchase ahead of the cursor leaves it");
        buy(a, 3);
        assertEquals(4, cursor().next());
        buy(a, 4);
        assertEquals(6, cursor().next(), "and the cursor passes it when it gets there");

        PhoneNumber one = numbers.list(a.sid(), new PhoneNumberStore.Filter(Optional.empty(), Optional.empty(), Optional.of("+14152000001%"),
                Optional.empty()), new PageRequest(5, Optional.empty(), Optional.empty())).items().get(0);
        assertTrue(numbers.delete(a.sid(), one.sid(), Audit.none()));
        assertEquals(new PhoneNumberStore.Cursor(6, List.of(1L)), cursor(), "a released position below the cursor is listed");
        assertInstanceOf(Purchase.Bought.class, buy(b, 1));
        assertEquals(new PhoneNumberStore.Cursor(6, List.of()), cursor(), "and bought again, it is not");

        accounts.update(a.sid(), new AccountChange(Optional.empty(), Optional.of(AccountStatus.CLOSED)), T0, Audit.none(), Audit.none());
        assertEquals(new PhoneNumberStore.Cursor(6, List.of(0L, 3L, 4L, 5L)), cursor(), "closing releases the account's positions");
        assertEquals(List.of(0L, 3L), numbers.cursors(List.of("B"), 2).get("B").released(), "the first few only");
    }

    /** A search may read the cursors of many blocks at once: more than one SQL statement may hold (SQLite: 500 terms). */
    @Test
    void theCursorsOfSixHundredBlocks_areReadTogether() {
        Account a = sub(main());
        List<String> blocks = new ArrayList<>();
        for (int b = 0; b < 600; b++) {
            String block = "K" + b;
            blocks.add(block);
            PhoneNumber first = number(a.sid(), "+1415" + (3_000_000 + 2 * b), AddressRequirement.NONE, Optional.empty());
            insert(first, Optional.of(new PhoneNumberStore.Slot(block, 0)));
            insert(number(a.sid(), "+1415" + (3_000_001 + 2 * b), AddressRequirement.NONE, Optional.empty()),
                    Optional.of(new PhoneNumberStore.Slot(block, 1)));
            assertTrue(numbers.delete(a.sid(), first.sid(), Audit.none()));
        }
        Map<String, PhoneNumberStore.Cursor> cursors = numbers.cursors(blocks, 10);
        assertEquals(600, cursors.size());
        for (String block : blocks) assertEquals(new PhoneNumberStore.Cursor(2, List.of(0L)), cursors.get(block), block);
    }

    /** Purchases of one block at once, in any order: the cursor ends after the last position, none listed. */
    @Test
    void theCursor_isRightAfterConcurrentPurchasesInAnyOrder() throws Exception {
        Account m = main();
        List<Account> buyers = new ArrayList<>();
        for (int i = 0; i < 8; i++) buyers.add(sub(m));
        List<Long> positions = new ArrayList<>();
        for (long p = 0; p < 200; p++) positions.add(p);
        java.util.Collections.shuffle(positions, new java.util.Random(7));
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < buyers.size(); t++) {
            Account buyer = buyers.get(t);
            List<Long> mine = positions.subList(t * 25, t * 25 + 25);
            tasks.add(() -> {
                for (long p : mine) assertInstanceOf(Purchase.Bought.class, buy(buyer, p));
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(buyers.size());
        try {
            for (Future<Void> f : pool.invokeAll(tasks)) f.get();
        } finally {
            pool.shutdownNow();
        }
        assertEquals(new PhoneNumberStore.Cursor(200, List.of()), cursor());
    }

    /** Releases and the close that releases the same numbers take their locks in one order: neither fails. */
    @Test
    void releasesDuringAClose_ofTheSameNumbers_allComplete_andEveryPositionIsReleasedOnce() throws Exception {
        Account m = main();
        for (int round = 0; round < 5; round++) {
            Account a = sub(m);
            Account b = sub(m);
            String block = "R" + round;
            List<PhoneNumber> owned = new ArrayList<>();
            for (long p = 0; p < 40; p++) {
                PhoneNumber n = number((p % 2 == 0 ? a : b).sid(), "+1415" + (3_000_000 + round * 100 + p), AddressRequirement.NONE, Optional.empty());
                owned.add(((Purchase.Bought) insert(n, Optional.of(new PhoneNumberStore.Slot(block, p)))).number());
            }
            List<Callable<Void>> tasks = new ArrayList<>();
            tasks.add(() -> {
                accounts.update(a.sid(), new AccountChange(Optional.empty(), Optional.of(AccountStatus.CLOSED)), T0, Audit.none(), Audit.none());
                return null;
            });
            for (int t = 0; t < 4; t++) {
                int from = t;
                tasks.add(() -> {
                    for (int k = from; k < owned.size(); k += 4) numbers.delete(owned.get(k).accountSid(), owned.get(k).sid(), Audit.none());
                    return null;
                });
            }
            ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
            try {
                for (Future<Void> f : pool.invokeAll(tasks)) f.get();
            } finally {
                pool.shutdownNow();
            }
            assertEquals(Set.of(), numbers.owned(owned.stream().map(PhoneNumber::phoneNumber).toList()));
            PhoneNumberStore.Cursor c = numbers.cursors(List.of(block), 1000).get(block);
            assertEquals(40, c.next());
            assertEquals(java.util.stream.LongStream.range(0, 40).boxed().toList(), c.released(), "every position is released once");
        }
    }
}
