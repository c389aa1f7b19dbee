package dev.accountd.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.accountd.domain.Account;
import dev.accountd.domain.Address;
import dev.accountd.domain.AddressRequirement;
import dev.accountd.domain.Money;
import dev.accountd.domain.NumberSetting;
import dev.accountd.domain.NumberType;
import dev.accountd.domain.PhoneNumber;
import dev.accountd.domain.Sid;
import dev.accountd.store.AddressStore;
import dev.accountd.store.PhoneNumberStore;
import dev.accountd.store.SecretBox;
import dev.accountd.store.jdbc.Database;
import dev.accountd.store.jdbc.JdbcAccountStore;
import dev.accountd.store.jdbc.JdbcAddressStore;
import dev.accountd.store.jdbc.JdbcPhoneNumberStore;
import dev.accountd.support.TestStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two updates of one resource that send different fields both land, however they interleave: an update that read
 * the resource before the other one wrote it still keeps the other one's field, because the sent fields are
 * applied to the row the store holds locked, not to the copy the service read. Each test makes the worst
 * interleaving happen on purpose: the first update reads the resource, then waits until the second has finished.
 */
class PartialUpdatesTest {
    static final String SLOW = "slow-update";

    TestStore testStore;
    Database db;
    CachedAccountStore accounts;
    Account main;
    Caller caller;
    final Clock clock = Clock.systemUTC();
    final CountDownLatch secondDone = new CountDownLatch(1);

    @BeforeEach
    void open() {
        testStore = TestStore.fresh();
        db = testStore.open();
        CredentialCache cache = new CredentialCache();
        accounts = new CachedAccountStore(new JdbcAccountStore(db, SecretBox.load(Optional.empty(), testStore.dataDir())), cache);
        AccountService service = new AccountService(accounts, new Auditor(clock), clock);
        main = service.createMain(Optional.empty(), Optional.empty(), Optional.empty(), 1000);
        caller = Caller.withAuthToken(main.sid(), main.sid());
    }

    @AfterEach
    void close() {
        if (db != null) db.close();
        if (testStore != null) testStore.close();
    }

    @Test
    void anAddressKeepsBothChangedFields() throws Exception {
        AddressStore real = new JdbcAddressStore(db);
        AddressService addresses = new AddressService(accounts, pausedAfterFind(AddressStore.class, real), new Auditor(clock), clock);
        Address created = addresses.create(caller, main.sid(), addressFields(Optional.of("Jane"), Optional.of("1 Old St"),
                Optional.of("Oldtown"), Optional.of("US")));

        CompletableFuture<Address> first = CompletableFuture.supplyAsync(() -> named(SLOW,
                () -> addresses.update(caller, main.sid(), created.sid(), addressFields(Optional.empty(), Optional.empty(),
                        Optional.of("Newtown"), Optional.empty()))));
        awaitFirstRead();
        addresses.update(caller, main.sid(), created.sid(), addressFields(Optional.empty(), Optional.of("2 New St"),
                Optional.empty(), Optional.empty()));
        secondDone.countDown();
        first.get(30, TimeUnit.SECONDS);

        Address after = real.find(main.sid(), created.sid()).orElseThrow();
        assertEquals("2 New St", after.street());
        assertEquals("Newtown", after.city());
    }

    @Test
    void aPhoneNumberKeepsBothChangedSettings() throws Exception {
        PhoneNumberStore real = new JdbcPhoneNumberStore(db);
        PhoneNumberService numbers = new PhoneNumberService(accounts, new JdbcAddressStore(db),
                pausedAfterFind(PhoneNumberStore.class, real), new dev.accountd.store.jdbc.JdbcApplicationStore(db), new Auditor(clock), clock);
        PhoneNumber bought = new PhoneNumber(Sid.generate(PhoneNumber.SID_PREFIX), main.sid(), "+14155550100", "(415) 555-0100",
                "US", NumberType.LOCAL, AddressRequirement.NONE, new PhoneNumber.Capabilities(true, true, false, false),
                Optional.empty(), Optional.empty(), Map.of(), clock.instant(), clock.instant());
        real.insert(bought, Optional.empty(), new PhoneNumberStore.Rental(main.sid(), Money.zero("USD"), clock.instant()),
                (before, after) -> Optional.empty(), (before, after) -> Optional.empty());

        CompletableFuture<PhoneNumber> first = CompletableFuture.supplyAsync(() -> named(SLOW,
                () -> numbers.update(caller, main.sid(), bought.sid(), Optional.empty(), new PhoneNumberService.Fields(
                        Optional.of("Front desk"), Optional.empty(), Optional.empty(), Map.of()))));
        awaitFirstRead();
        numbers.update(caller, main.sid(), bought.sid(), Optional.empty(), new PhoneNumberService.Fields(Optional.empty(),
                Optional.empty(), Optional.empty(), Map.of(NumberSetting.VOICE_URL, "https://example.com/voice")));
        secondDone.countDown();
        first.get(30, TimeUnit.SECONDS);

        PhoneNumber after = real.find(main.sid(), bought.sid()).orElseThrow();
        assertEquals("Front desk", after.friendlyName());
        assertEquals("https://example.com/voice", after.settings().get(NumberSetting.VOICE_URL));
    }

    static AddressService.Fields addressFields(Optional<String> customer, Optional<String> street, Optional<String> city,
                                               Optional<String> country) {
        return new AddressService.Fields(customer, Optional.empty(), street, Optional.empty(), city,
                customer.map(c -> "CA"), customer.map(c -> "94000"), country, Optional.empty());
    }

    private final CountDownLatch firstRead = new CountDownLatch(1);

    private void awaitFirstRead() throws InterruptedException {
        if (!firstRead.await(30, TimeUnit.SECONDS)) throw new AssertionError("the first update never read the resource");
    }

    /**
     * The store, except that on the slow update's thread each {@code find} (the service's read before its change)
     * returns only once the second update is done.
     */
    private <T> T pausedAfterFind(Class<T> type, T real) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            Object result;
            try {
                result = method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (method.getName().equals("find") && Thread.currentThread().getName().equals(SLOW)) {
                firstRead.countDown();
                if (!secondDone.await(30, TimeUnit.SECONDS)) throw new AssertionError("the second update never finished");
            }
            return result;
        });
        return type.cast(proxy);
    }

    private static <R> R named(String name, java.util.function.Supplier<R> work) {
        Thread t = Thread.currentThread();
        String was = t.getName();
        t.setName(name);
        try {
            return work.get();
        } finally {
            t.setName(was);
        }
    }
}
