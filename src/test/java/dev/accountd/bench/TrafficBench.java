package dev.accountd.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accountd.store.jdbc.Database;
import dev.accountd.support.RawHttp;
import dev.accountd.support.TestServer;
import dev.accountd.support.TestStore;
import dev.accountd.support.WebhookReceiver;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The traffic benchmarks of the calls-and-messages issue, each printing its figures side by side:
 * <ol>
 *   <li>message create against subaccount create, in alternating rounds of the same length, 16 clients each (the
 *       server on its system clock, so the simulation charges the messages and writes their callbacks meanwhile);
 *   <li>the outbox: N messages queued on the manual clock, then one move of the clock makes their 2N status
 *       callbacks due at once; callbacks per second to a local receiver; then the same with the receiver answering
 *       503 for a minute: how many arrive once it is back, and how many are lost;
 *   <li>Calls list filtered by {@code StartTime>} over a million calls of one subaccount (written straight into the
 *       store): the latency of page 1 against page 1,000.
 * </ol>
 *
 * <pre>bench/traffic.sh [ROUND_SECONDS] [CALLBACK_MESSAGES] [CALLS] [DOWN_SECONDS]</pre>
 */
public final class TrafficBench {
    static final String AUTH = RawHttp.basic(TestServer.MAIN_SID, TestServer.MAIN_TOKEN);
    static final String TO = "+14155550123";

    public static void main(String[] args) throws Exception {
        int roundSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int callbackMessages = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int calls = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        int downSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        String store = TestStore.postgres() ? "PostgreSQL" : "SQLite";
        System.out.printf("== %s, %d cores%n", store, Runtime.getRuntime().availableProcessors());
        createRates(roundSeconds);
        outbox(callbackMessages, downSeconds);
        callsPaging(calls);
    }

    private static String enc(String v) { return URLEncoder.encode(v, StandardCharsets.UTF_8); }

    private static String buyNumber(RawHttp http) {
        RawHttp.Reply bought = http.post("/2010-04-01/Accounts/" + TestServer.MAIN_SID + "/IncomingPhoneNumbers.json", AUTH, "AreaCode=646");
        if (bought.status() != 201) throw new IllegalStateException(bought.body());
        return bought.json().get("phone_number").asText();
    }

    /** Requests per second of one kind of POST, from 16 clients, for the given time. */
    private static double rate(RawHttp http, String path, String form, int seconds) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(16);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            running.add(clients.submit(() -> {
                while (!stop.get()) {
                    RawHttp.Reply r = http.post(path, AUTH, form);
                    if (r.status() == 201) done.incrementAndGet(); else failed.incrementAndGet();
                }
            }));
        }
        long started = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Future<?> f : running) f.get();
        double elapsed = (System.nanoTime() - started) / 1e9;
        clients.shutdown();
        if (failed.get() > 0) System.out.printf("   (%d refused)%n", failed.get());
        return done.get() / elapsed;
    }

    static void createRates(int seconds) throws Exception {
        try (TestServer server = TestServer.start(Map.of("ACCOUNTD_INITIAL_BALANCE", "100000000.00"))) {
            RawHttp http = server.raw();
            try (Database db = server.store().open()) {
                db.writer().useHandle(h -> h.createUpdate("UPDATE main_accounts SET subaccount_limit = 100000000").execute());
            }
            String from = buyNumber(http);
            String messages = "/2010-04-01/Accounts/" + TestServer.MAIN_SID + "/Messages.json";
            String message = "From=" + enc(from) + "&To=" + enc(TO) + "&Body=" + enc("Your code is 123456");
            // warm-up, a round's length each: with less, the first round also timed the JIT compiling message create
            rate(http, messages, message, seconds);
            rate(http, "/2010-04-01/Accounts.json", "FriendlyName=bench", seconds);
            List<String> ratios = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (int round = 1; round <= 5; round++) {
                boolean messageFirst = round % 2 == 1; // neither always runs second, on the warmer JIT
                double m = messageFirst ? rate(http, messages, message, seconds) : 0;
                double a = rate(http, "/2010-04-01/Accounts.json", "FriendlyName=bench", seconds);
                if (!messageFirst) m = rate(http, messages, message, seconds);
                System.out.printf("message create %8.1f/s   subaccount create %8.1f/s   ratio %.2f%n", m, a, m / a);
                ratios.add(String.format("%.2f", m / a));
                values.add(m / a);
            }
            java.util.Collections.sort(values);
            System.out.println("message create / subaccount create, per round: " + String.join(" ", ratios)
                    + String.format("; median %.2f (target >= 0.7)", values.get(values.size() / 2)));
        }
    }

    static void outbox(int messages, int downSeconds) throws Exception {
        try (TestServer server = TestServer.start(Map.of("ACCOUNTD_CLOCK", "manual", "ACCOUNTD_INITIAL_BALANCE", "100000000.00"));
             WebhookReceiver receiver = new WebhookReceiver()) {
            RawHttp http = server.raw();
            String from = buyNumber(http);
            // warm-up (the JIT, the connection pool), then part 1: every callback due at once, the receiver up
            queue(http, from, receiver.url("/warm"), Math.max(1, messages / 5));
            move(http, "PT10S");
            receiver.await(r -> r.url().endsWith("/warm"), 2 * Math.max(1, messages / 5), Duration.ofMinutes(5));
            queue(http, from, receiver.url("/up"), messages);
            long started = System.nanoTime();
            move(http, "PT10S");
            double stepping = (System.nanoTime() - started) / 1e9;
            List<WebhookReceiver.Received> got = receiver.await(r -> r.url().endsWith("/up"), 2 * messages, Duration.ofMinutes(5));
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("outbox: %,d callbacks of %,d messages delivered in %.1f s from the clock move (whose steps, which write"
                            + " them, took %.1f s): %,.0f callbacks/s (target >= 1000)%n", got.size(), messages, seconds, stepping,
                    got.size() / seconds);

            // part 2: the receiver answers 503 for a while; nothing may be lost
            int down = Math.max(1, messages / 5);
            queue(http, from, receiver.url("/down"), down);
            receiver.failFor(Duration.ofSeconds(downSeconds));
            move(http, "PT10S");
            long back = System.nanoTime() + Duration.ofSeconds(downSeconds).toNanos();
            List<WebhookReceiver.Received> after = receiver.await(r -> r.url().endsWith("/down"), 2 * down, Duration.ofSeconds(downSeconds + 600L));
            Set<String> distinct = new HashSet<>();
            for (WebhookReceiver.Received r : after) distinct.add(r.params().get("MessageSid") + "/" + r.params().get("MessageStatus"));
            System.out.printf("outbox, receiver down %d s: %,d of %,d callbacks arrived, %.0f s after it came back; %d lost, %d duplicates%n",
                    downSeconds, distinct.size(), 2 * down, Math.max(0, (System.nanoTime() - back) / 1e9), 2 * down - distinct.size(),
                    after.size() - distinct.size());
        }
    }

    private static void queue(RawHttp http, String from, String callback, int count) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(16);
        String form = "From=" + enc(from) + "&To=" + enc(TO) + "&Body=bench&StatusCallback=" + enc(callback);
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add(clients.submit(() -> {
                RawHttp.Reply r = http.post("/2010-04-01/Accounts/" + TestServer.MAIN_SID + "/Messages.json", AUTH, form);
                if (r.status() != 201) throw new IllegalStateException(r.body());
            }));
        }
        for (Future<?> f : sent) f.get();
        clients.shutdown();
    }

    private static void move(RawHttp http, String duration) {
        RawHttp.Reply r = http.post("/_accountd/v1/Clock", AUTH, "Advance=" + duration);
        if (r.status() != 200) throw new IllegalStateException(r.body());
    }

    static void callsPaging(int count) throws Exception {
        try (TestServer server = TestServer.start(Map.of("ACCOUNTD_CLOCK", "manual", "ACCOUNTD_INITIAL_BALANCE", "100000000.00"))) {
            RawHttp http = server.raw();
            String sub = http.post("/2010-04-01/Accounts.json", AUTH, "FriendlyName=caller").json().get("sid").asText();
            String from = buyNumber(http);
            RawHttp.Reply moved = http.post("/2010-04-01/Accounts/" + TestServer.MAIN_SID + "/IncomingPhoneNumbers/"
                    + http.get("/2010-04-01/Accounts/" + TestServer.MAIN_SID + "/IncomingPhoneNumbers.json", AUTH).json()
                    .get("incoming_phone_numbers").get(0).get("sid").asText() + ".json", AUTH, "AccountSid=" + sub);
            if (moved.status() != 200) throw new IllegalStateException(moved.body());
            RawHttp.Reply template = http.post("/2010-04-01/Accounts/" + sub + "/Calls.json", AUTH,
                    "From=" + enc(from) + "&To=" + enc(TO) + "&Twiml=" + enc("<Response/>"));
            if (template.status() != 201) throw new IllegalStateException(template.body());
            Instant start = Instant.parse(http.get("/_accountd/v1/Clock", AUTH).json().get("now").asText()).minus(Duration.ofDays(400));
            long seeding = System.nanoTime();
            try (Database db = server.store().open()) {
                seedCalls(db, template.json().get("sid").asText(), count, start);
            }
            System.out.printf("calls: seeded %,d completed calls of one subaccount in %.1f s%n", count, (System.nanoTime() - seeding) / 1e9);
            String first = "/2010-04-01/Accounts/" + sub + "/Calls.json?PageSize=50&StartTime%3E=" + start.toString().substring(0, 10);
            List<Long> early = new ArrayList<>();
            List<Long> late = new ArrayList<>();
            for (int pass = 0; pass < 2; pass++) { // the first pass warms up
                early.clear();
                late.clear();
                String next = first;
                for (int page = 1; page <= 1000 && next != null; page++) {
                    long t = System.nanoTime();
                    RawHttp.Reply r = http.get(next, AUTH);
                    long micros = (System.nanoTime() - t) / 1000;
                    if (r.status() != 200) throw new IllegalStateException(r.body());
                    if (page <= 20) early.add(micros);
                    if (page > 980) late.add(micros);
                    JsonNode url = r.json().get("next_page_uri");
                    next = url == null || url.isNull() ? null : url.asText();
                }
            }
            System.out.printf("calls list, StartTime> filter, %,d calls: pages 1-20 median %.2f ms, pages 981-1000 median %.2f ms, ratio %.2f%n",
                    count, median(early) / 1000.0, median(late) / 1000.0, median(late) / (double) median(early));
        }
    }

    private static long median(List<Long> values) {
        if (values.isEmpty()) throw new IllegalArgumentException("too few calls for 1,000 pages of 50: seed at least 50,000");
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    /** Clones the template call {@code count} times, one minute apart, completed, as if placed over many months. */
    private static void seedCalls(Database db, String templateSid, int count, Instant start) {
        db.writer().useHandle(h -> {
            Map<String, Object> t = h.createQuery("SELECT * FROM calls WHERE sid = :sid").bind("sid", templateSid).mapToMap().one();
            int batch = 5000;
            for (int offset = 0; offset < count; offset += batch) {
                int from = offset;
                int upTo = Math.min(count, offset + batch);
                h.useTransaction(tx -> {
                    PreparedBatch b = tx.prepareBatch("""
                            INSERT INTO calls (sid, account_sid, main_sid, parent_call_sid, direction, from_number, to_number, phone_number_sid,
                                               status, outcome, talk_seconds, ring_seconds, category, minute_price_micros, currency, price_micros,
                                               duration, voice_url, voice_method, status_callback, callback_method, callback_events, sequence,
                                               date_created, date_updated, start_time, answer_time, end_time, next_step)
                            VALUES (:sid, :account, :main, NULL, 'outbound-api', :from, :to, NULL, 'completed', 'answered', 60, 2,
                                    'calls-outbound', 13000, 'USD', -13000, 60, NULL, 'POST', NULL, 'POST', 'completed', 0, :t, :t, :t, :t, :end, NULL)""");
                    for (int i = from; i < upTo; i++) {
                        long at = start.plusSeconds(60L * i).toEpochMilli();
                        b.bind("sid", dev.accountd.domain.Sid.generate("CA")).bind("account", t.get("account_sid")).bind("main", t.get("main_sid"))
                                .bind("from", t.get("from_number")).bind("to", t.get("to_number")).bind("t", at).bind("end", at + 62_000).add();
                    }
                    b.execute();
                });
            }
        });
    }
}
