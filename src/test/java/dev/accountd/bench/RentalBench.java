package dev.accountd.bench;

import dev.accountd.store.jdbc.Database;
import dev.accountd.support.RawHttp;
import dev.accountd.support.TestServer;
import dev.accountd.support.TestStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * A year on the manual clock with many rented numbers: N numbers (default 100,000) whose billing days are spread
 * over the coming month, then {@code POST /_accountd/v1/Clock Advance=P1Y}, which must post exactly 12 charges per
 * number in batches, in bounded memory, while requests go on. Prints the charges' rate, the peak heap, and the
 * latency of Account fetches made during the jump.
 *
 * <p>The numbers are written straight into the store (one template row bought through the API, cloned with fresh
 * SIDs, numbers and billing days): buying 100,000 through HTTP would take minutes and measure purchases instead.
 *
 * <pre>bench/rental.sh [NUMBERS]</pre>
 */
public final class RentalBench {
    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        String auth = RawHttp.basic(TestServer.MAIN_SID, TestServer.MAIN_TOKEN);
        try (TestServer server = TestServer.start(Map.of("ACCOUNTD_CLOCK", "manual", "ACCOUNTD_INITIAL_BALANCE", "100000000.00"))) {
            RawHttp http = server.raw();
            RawHttp.Reply bought = http.post("/2010-04-01/Accounts/" + TestServer.MAIN_SID + "/IncomingPhoneNumbers.json", auth, "AreaCode=646");
            if (bought.status() != 201) throw new IllegalStateException(bought.body());
            Instant now = Instant.parse(http.get("/_accountd/v1/Clock", auth).json().get("now").asText());
            long seeding = System.nanoTime();
            try (Database db = server.store().open()) {
                seed(db, bought.json().get("sid").asText(), count, now);
            }
            System.out.printf("seeded %,d numbers in %.1f s (%s)%n", count, (System.nanoTime() - seeding) / 1e9,
                    TestStore.postgres() ? "PostgreSQL" : "SQLite");

            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            System.gc();
            long heapBefore = memory.getHeapMemoryUsage().getUsed();
            AtomicLong peakHeap = new AtomicLong(heapBefore);
            AtomicBoolean jumping = new AtomicBoolean(true);
            List<Long> fetchMicros = Collections.synchronizedList(new ArrayList<>());
            Thread sampler = new Thread(() -> {
                while (jumping.get()) {
                    peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    long t = System.nanoTime();
                    RawHttp.Reply r = http.get("/2010-04-01/Accounts/" + TestServer.MAIN_SID + ".json", auth);
                    if (r.status() == 200) fetchMicros.add((System.nanoTime() - t) / 1000);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "sampler");
            sampler.start();

            long started = System.nanoTime();
            RawHttp.Reply moved = http.post("/_accountd/v1/Clock", auth, "Advance=P1Y");
            double answered = (System.nanoTime() - started) / 1e9;
            if (moved.status() != 200) throw new IllegalStateException(moved.body());
            Instant after = Instant.parse(moved.json().get("now").asText());
            long due;
            try (Database db = server.store().open()) {
                while ((due = stillDue(db, after)) > 0) Thread.sleep(200);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            jumping.set(false);
            sampler.join();

            long charges;
            try (Database db = server.store().open()) {
                charges = db.reader().withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM ledger_entries WHERE category LIKE 'phonenumbers-%'").mapTo(Long.class).one());
            }
            List<Long> sorted = new ArrayList<>(fetchMicros);
            Collections.sort(sorted);
            System.out.printf("P1Y: %,d rental charges (expected %,d: 12 per number, plus the template's first month and 12) in %.1f s,"
                            + " %,.0f charges/s; the clock's POST answered after %.1f s%n",
                    charges, 12L * count + 13, seconds, (charges - 1) / seconds, answered);
            System.out.printf("heap: %,d MB before, peak %,d MB during the jump (-Xmx %,d MB)%n", heapBefore >> 20, peakHeap.get() >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
            if (!sorted.isEmpty()) {
                System.out.printf("Account fetches during the jump: %d, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", sorted.size(),
                        sorted.get(sorted.size() / 2) / 1000.0, sorted.get((int) (sorted.size() * 0.99)) / 1000.0,
                        sorted.get(sorted.size() - 1) / 1000.0);
            }
        }
    }

    /** Clones the template number {@code count} times, each with a billing day somewhere in the coming month. */
    private static void seed(Database db, String templateSid, int count, Instant now) {
        long monthLater = now.atZone(ZoneOffset.UTC).plusMonths(1).toInstant().toEpochMilli();
        long from = now.toEpochMilli() + 1000;
        db.writer().useTransaction(h -> {
            for (int done = 0; done < count; done += 5000) {
                PreparedBatch batch = h.prepareBatch("""
                        INSERT INTO phone_numbers (sid, account_sid, phone_number, friendly_name, iso_country, number_type,
                                                   address_requirements, capabilities, settings, date_created, date_updated,
                                                   rental_months, rental_next)
                        SELECT :sid, account_sid, :number, friendly_name, iso_country, number_type, address_requirements,
                               capabilities, settings, date_created, date_updated, 1, :next
                        FROM phone_numbers WHERE sid = :template""");
                for (int i = done; i < Math.min(count, done + 5000); i++) {
                    batch.bind("sid", String.format("PN%032x", i + 1L)).bind("number", String.format("+1555%07d", i))
                            .bind("next", ThreadLocalRandom.current().nextLong(from, monthLater)).bind("template", templateSid).add();
                }
                batch.execute();
            }
        });
    }

    private static long stillDue(Database db, Instant now) {
        return db.reader().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM phone_numbers WHERE rental_next <= :now")
                .bind("now", now.toEpochMilli()).mapTo(Long.class).one());
    }
}
