package dev.accountd.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accountd.domain.Account;
import dev.accountd.domain.AuthToken;
import dev.accountd.domain.MessagingService;
import dev.accountd.domain.Sid;
import dev.accountd.store.jdbc.Database;
import dev.accountd.store.jdbc.JdbcAccountStore;
import dev.accountd.store.jdbc.JdbcMessagingServiceStore;
import dev.accountd.support.TestStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A number is in at most one Messaging Service's pool, also when two requests add it to two services at the same
 * instant, on both stores (PostgreSQL's writers run side by side): one is added, the other is told where it is.
 */
class MessagingServiceRacesTest {
    static final int ROUNDS = 100;
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    TestStore testStore;
    Database db;
    MessagingServiceStore services;
    Account main;
    ExecutorService pool;

    @BeforeEach
    void open() {
        testStore = TestStore.fresh();
        db = testStore.open();
        AccountStore accounts = new JdbcAccountStore(db, SecretBox.load(Optional.empty(), testStore.dataDir()));
        main = accounts.insertMain(Sid.generate("AC"), "main", AuthToken.generate(), T0, 100, (before, after) -> Optional.empty());
        services = new JdbcMessagingServiceStore(db);
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void close() {
        if (pool != null) pool.shutdownNow();
        if (db != null) db.close();
        if (testStore != null) testStore.close();
    }

    MessagingService service(String name) {
        MessagingService s = new MessagingService(Sid.generate(MessagingService.SID_PREFIX), main.sid(), name, Map.of(), T0, T0);
        assertTrue(services.insert(s));
        return s;
    }

    String number(int i) {
        String sid = Sid.generate("PN");
        db.writer().useHandle(h -> h.createUpdate("""
                        INSERT INTO phone_numbers (sid, account_sid, phone_number, friendly_name, iso_country, number_type, address_requirements,
                                                   capabilities, settings, date_created, date_updated)
                        VALUES (:sid, :account, :number, 'n', 'US', 'LOCAL', 'none', 'voice,sms,mms', '{}', 0, 0)""")
                .bind("sid", sid).bind("account", main.sid()).bind("number", "+1646555" + String.format("%04d", i)).execute());
        return sid;
    }

    @Test
    void aNumberAddedToTwoServicesAtOnce_isInOneOfThem() throws Exception {
        MessagingService a = service("a");
        MessagingService b = service("b");
        int toA = 0;
        for (int i = 0; i < ROUNDS; i++) {
            String pn = number(i);
            CyclicBarrier start = new CyclicBarrier(2);
            List<Future<MessagingServiceStore.Added>> both = new ArrayList<>();
            for (MessagingService s : List.of(a, b)) {
                both.add(pool.submit(() -> {
                    start.await();
                    return services.addSender(main.sid(), s.sid(), pn, 400, T0);
                }));
            }
            MessagingServiceStore.Added first = both.get(0).get();
            MessagingServiceStore.Added second = both.get(1).get();
            boolean firstWon = first instanceof MessagingServiceStore.Added.Sender;
            boolean secondWon = second instanceof MessagingServiceStore.Added.Sender;
            assertTrue(firstWon != secondWon, "exactly one add wins: " + first + ", " + second);
            MessagingServiceStore.Added lost = firstWon ? second : first;
            String winner = firstWon ? a.sid() : b.sid();
            assertEquals(new MessagingServiceStore.Added.InAPool(winner), lost, "the loser is told where the number is");
            assertTrue(services.sender(main.sid(), winner, pn).isPresent());
            if (firstWon) toA++;
        }
        assertEquals(ROUNDS, services.poolSize(a.sid()) + services.poolSize(b.sid()));
        System.out.printf("[MessagingServiceRacesTest] %s: %d numbers to a, %d to b%n", db.dialect(), toA, ROUNDS - toA);
    }
}
