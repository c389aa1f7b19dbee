package dev.accountd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.Local;
import dev.accountd.support.TestServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An area code holds millions of numbers: 10,000 area-code purchases by 8 buyers (subaccounts) at once each get their
 * own number, and a search costs the same before and after (the times are printed, never asserted).
 */
class TenThousandNumbersIT {
    static final int TOTAL = 10_000;
    static final int THREADS = 8;
    static final String AREA = "305";
    static TestServer server;
    static TwilioRestClient main;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        main = server.mainClient();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    /** Milliseconds per search of 50 numbers in the area code (the mean of 50, after 30 to warm up), and the numbers of the last one. */
    static double searchMillis(List<String> last, String contains) {
        for (int warm = 0; warm < 30; warm++) search(contains);
        long started = System.nanoTime();
        List<String> found = List.of();
        for (int i = 0; i < 50; i++) found = search(contains);
        last.addAll(found);
        return (System.nanoTime() - started) / 50 / 1e6;
    }

    static List<String> search(String contains) {
        var reader = Local.reader(TestServer.MAIN_SID, "US").setAreaCode(Integer.parseInt(AREA)).setPageSize(50L);
        if (contains != null) reader.setContains(contains);
        List<String> found = new ArrayList<>();
        reader.read(main).forEach(n -> found.add(n.getPhoneNumber().toString()));
        return found;
    }

    @Test
    void tenThousandAreaCodePurchases_inOneAreaCode_eachGetTheirOwnNumber() throws Exception {
        List<Account> buyers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) buyers.add(Account.creator().create(main));
        List<String> firstOffered = new ArrayList<>();
        double emptySearch = searchMillis(firstOffered, null);
        double emptyContains = searchMillis(new ArrayList<>(), "%42$");

        Set<String> bought = ConcurrentHashMap.newKeySet();
        AtomicInteger started = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long t0 = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Account buyer : buyers) {
                running.add(pool.submit(() -> {
                    while (started.getAndIncrement() < TOTAL) {
                        bought.add(IncomingPhoneNumber.creator(buyer.getSid(), AREA).create(main).getPhoneNumber().toString());
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) f.get();
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(TOTAL, bought.size(), "every purchase got its own number");
        assertTrue(bought.stream().allMatch(n -> n.startsWith("+1" + AREA)));
        assertTrue(bought.containsAll(firstOffered), "area-code purchases take the first free numbers of the order");

        Set<String> listed = new HashSet<>();
        int count = 0;
        for (Account buyer : buyers) {
            for (IncomingPhoneNumber n : IncomingPhoneNumber.reader(buyer.getSid()).setPageSize(1000L).read(main)) {
                listed.add(n.getPhoneNumber().toString());
                count++;
            }
        }
        assertEquals(TOTAL, count);
        assertEquals(bought, listed, "the buyers own exactly the numbers they were sold, each number once");

        List<String> offeredNow = new ArrayList<>();
        double fullSearch = searchMillis(offeredNow, null);
        List<String> matching = new ArrayList<>();
        double fullContains = searchMillis(matching, "%42$");
        assertEquals(50, offeredNow.size());
        assertTrue(offeredNow.stream().noneMatch(bought::contains), "no owned number is offered");
        assertEquals(50, matching.size());
        assertTrue(matching.stream().noneMatch(bought::contains));

        // closing the buyers releases every number: the search offers the first ones again, reading only a few of
        // the 10,000 released positions
        for (Account buyer : buyers) Account.updater(buyer.getSid()).setStatus(Account.Status.CLOSED).update(main);
        List<String> offeredAgain = new ArrayList<>();
        double releasedSearch = searchMillis(offeredAgain, null);
        assertEquals(firstOffered.subList(0, 50), offeredAgain.subList(0, 50), "released numbers come back in their place");
        System.out.printf("[TenThousandNumbersIT] %s: %d area-code purchases by %d buyers in %.1f s (%.0f per second); search of 50"
                        + " numbers: %.2f ms with none owned, %.2f ms with %d owned, %.2f ms with %d released; Contains %%42$: %.2f ms,"
                        + " then %.2f ms%n", TestStoreName.name(), TOTAL, THREADS, seconds, TOTAL / seconds, emptySearch, fullSearch, TOTAL,
                releasedSearch, TOTAL, emptyContains, fullContains);
    }

    /** The store the suite runs on, for the printed line. */
    static final class TestStoreName {
        static String name() { return dev.accountd.support.TestStore.postgres() ? "PostgreSQL" : "SQLite"; }
    }
}
