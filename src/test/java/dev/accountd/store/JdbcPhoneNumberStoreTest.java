package dev.accountd.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accountd.domain.Account;
import dev.accountd.domain.AccountStatus;
import dev.accountd.domain.Address;
import dev.accountd.domain.AddressRequirement;
import dev.accountd.domain.AuthToken;
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

    static <T> Audit<T> none() { return (before, after) -> Optional.empty(); }

    Account main() { return accounts.insertMain(Sid.generate("AC"), "main", AuthToken.generate(), T0, 100, none()); }

    Account sub(Account main) {
        return accounts.insertSubaccount(main.sid(), Sid.generate("AC"), "sub", AuthToken.generate(), T0, none()).orElseThrow();
    }

    static PhoneNumber number(String accountSid, String e164, AddressRequirement requirement, Optional<String> addressSid) {
        String country = e164.startsWith("+49") ? "DE" : "US";
        return new PhoneNumber(Sid.generate(PhoneNumber.SID_PREFIX), accountSid, e164, e164, country, NumberType.LOCAL, requirement,
                new PhoneNumber.Capabilities(true, true, false, false), addressSid, Optional.empty(),
                Map.of(NumberSetting.VOICE_URL, "https://example.com/voice"), T0, T0);
    }

    Address address(String accountSid, String country) {
        return addresses.insert(new Address(Sid.generate("AD"), accountSid, "Customer", Optional.empty(), "1 Street", Optional.empty(),
                "City", "Region", "12345", country, false, T0, T0), none());
    }

    @Test
    void aNumberHasOneOwner_evenWhenManyBuyItAtOnce() throws Exception {
        Account m = main();
        List<Account> buyers = new ArrayList<>();
        for (int i = 0; i < 8; i++) buyers.add(sub(m));
        List<Callable<Purchase>> attempts = new ArrayList<>();
        for (Account b : buyers) attempts.add(() -> numbers.insert(number(b.sid(), "+14155550100", AddressRequirement.NONE, Optional.empty()), none()));
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
        numbers.insert(number(sub.sid(), "+14155550100", AddressRequirement.NONE, Optional.empty()), none());
        numbers.insert(number(sub.sid(), "+14155550101", AddressRequirement.NONE, Optional.empty()), none());

        accounts.update(sub.sid(), new AccountChange(Optional.empty(), Optional.of(AccountStatus.SUSPENDED)), T0, none(), none());
        assertInstanceOf(Purchase.AccountNotActive.class,
                numbers.insert(number(sub.sid(), "+14155550102", AddressRequirement.NONE, Optional.empty()), none()));
        assertEquals(2, numbers.list(sub.sid(), new PhoneNumberStore.Filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                new PageRequest(50, Optional.empty(), Optional.empty())).items().size(), "suspension keeps the numbers");

        List<String> released = new ArrayList<>();
        accounts.update(sub.sid(), new AccountChange(Optional.empty(), Optional.of(AccountStatus.CLOSED)), T0, none(),
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
        PhoneNumber n = ((Purchase.Bought) numbers.insert(number(a.sid(), "+493012345678", AddressRequirement.LOCAL, Optional.of(aOffice.sid())),
                none())).number();
        assertEquals(new AddressStore.Deletion.InUse(1), addresses.delete(a.sid(), aOffice.sid(), none()));

        address(b.sid(), "FR");
        assertInstanceOf(UpdateResult.TargetNeedsAddress.class, numbers.transfer(n, b.sid(), Optional.empty(), Optional.empty(), T0, none()));
        Address bOffice = address(b.sid(), "DE");
        UpdateResult moved = numbers.transfer(n, b.sid(), Optional.empty(), Optional.empty(), T0, none());
        PhoneNumber after = ((UpdateResult.Changed) moved).number();
        assertEquals(b.sid(), after.accountSid());
        assertEquals(Optional.of(bOffice.sid()), after.addressSid());
        assertEquals(Optional.of("https://example.com/voice"), after.setting(NumberSetting.VOICE_URL));
        assertInstanceOf(AddressStore.Deletion.Deleted.class, addresses.delete(a.sid(), aOffice.sid(), none()));

        accounts.update(a.sid(), new AccountChange(Optional.empty(), Optional.of(AccountStatus.SUSPENDED)), T0, none(), none());
        assertInstanceOf(UpdateResult.TargetNotActive.class, numbers.transfer(after, a.sid(), Optional.empty(), Optional.empty(), T0, none()));
        assertTrue(numbers.find(b.sid(), n.sid()).isPresent(), "a refused transfer leaves the number where it was");
    }
}
