package dev.accountd.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accountd.support.spec.SpecCheck;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The durability harness: runs the packaged server as a process, drives a storm of writes (subaccount creates,
 * token rotations, number purchases, recharges, some retried, messages and calls with status callbacks, and moves of
 * its manual clock that charge rental and move the traffic on), kills the server with SIGKILL in the middle of it,
 * restarts it on the same store and checks that every write that was answered 2xx is there and that the money adds
 * up: the balance is the opening balance plus the ledger, each entry's balance is the one before plus its amount,
 * every acknowledged recharge and purchase is in the ledger once, no number's month is charged twice, no charge is
 * for a number that does not exist, every message and call is charged once and at its price, and every acknowledged
 * message's status callbacks arrive (at least once), each with a signature the SDK's RequestValidator accepts.
 *
 * <p>A rotation that was sent but not answered when the server died may or may not have committed, so for each
 * account the harness accepts the last acknowledged token or the one in flight.
 */
public final class KillNineHarness {
    /** The outcome of one kill cycle. */
    public record Result(int acknowledgedCreates, int acknowledgedRotations, int found, int lost, List<String> lostDetails,
                         Money money) {
        public int acknowledged() { return acknowledgedCreates + acknowledgedRotations; }
    }

    /**
     * The money after the restart: what was acknowledged, what the ledger holds, and every way they disagree.
     *
     * @param clockMoves acknowledged moves of the manual clock by a month, each of which charged rental
     */
    public record Money(int purchases, int recharges, int clockMoves, int messages, int calls, int callbacks, int entries, String balance,
                        List<String> disagreements, Map<String, Integer> refused) {}

    /** The opening balance of the storm's family: enough for every purchase, so that refusals are not the story. */
    static final String OPENING = "100000.00";

    /** What the storm's clients were answered 2xx for, besides accounts. */
    private static final class Acknowledged {
        final Map<String, String> purchases = new ConcurrentHashMap<>(); // PN sid -> owner
        final Map<String, String> recharges = new ConcurrentHashMap<>(); // Reference -> amount
        final AtomicInteger clockMoves = new AtomicInteger();
        final Set<String> messages = ConcurrentHashMap.newKeySet();
        final Set<String> calls = ConcurrentHashMap.newKeySet();
        /** Answers other than 2xx while the server was up, by request and status: a storm should show none. */
        final Map<String, Integer> refused = new ConcurrentHashMap<>();

        void refused(String what, RawHttp.Reply r) {
            refused.merge(what + " " + r.status() + (r.json() != null && r.json().has("code") ? "/" + r.json().get("code").asText() : ""), 1, Integer::sum);
        }
    }

    /**
     * What the client knows of an account's token: every token it was acknowledged, in order, and whether a
     * rotation was in flight (sent, not answered) when the server died.
     */
    private record Tokens(List<String> acknowledged, boolean rotationInFlight) {
        static Tokens created(String token) { return new Tokens(List.of(token), false); }

        Tokens rotating() { return new Tokens(acknowledged, true); }

        Tokens rotated(String token) {
            List<String> all = new ArrayList<>(acknowledged);
            all.add(token);
            return new Tokens(List.copyOf(all), false);
        }

        /** The stored token is the last acknowledged one, or (if a rotation was in flight) one never seen before. */
        boolean accepts(String stored) {
            String last = acknowledged.get(acknowledged.size() - 1);
            return stored.equals(last) || (rotationInFlight && !acknowledged.contains(stored));
        }
    }

    private final TestStore store;
    private final Path jar;

    public KillNineHarness(TestStore store, Path jar) {
        this.store = store;
        this.jar = jar;
    }

    public Result run(Duration storm, int clients) throws Exception {
        // Every answer is checked against the specs: load them now, not on the storm's clock (a cold load takes ~1 s).
        SpecCheck.get();
        Process server = start();
        Map<String, Tokens> accounts = new ConcurrentHashMap<>();
        Acknowledged money = new Acknowledged();
        int[] rotations = new int[1];
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            return run(server, storm, clients, accounts, money, rotations, receiver);
        }
    }

    private Result run(Process server, Duration storm, int clients, Map<String, Tokens> accounts, Acknowledged money, int[] rotations,
                       WebhookReceiver receiver) throws Exception {
        RawHttp http;
        try {
            http = new RawHttp("http://127.0.0.1:" + awaitPort(server));
            String main = RawHttp.basic(TestServer.MAIN_SID, TestServer.MAIN_TOKEN);
            // The first search builds the inventory (seconds on a loaded machine): before the storm, not in it.
            http.get("/2010-04-01/Accounts/" + TestServer.MAIN_SID + "/AvailablePhoneNumbers/US/Local.json?AreaCode=646&PageSize=1", main);
            // the main account's number sends the storm's messages and places its calls (the main token is never rotated,
            // so every callback can be checked against it)
            RawHttp.Reply bought = http.post("/2010-04-01/Accounts/" + TestServer.MAIN_SID + "/IncomingPhoneNumbers.json", main, "AreaCode=646");
            if (bought.status() != 201) throw new IllegalStateException("buying the storm's number: " + bought.body());
            String from = bought.json().get("phone_number").asText();
            money.purchases.put(bought.json().get("sid").asText(), TestServer.MAIN_SID);
            String callbackUrl = receiver.url("/status");
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                boolean movesTheClock = c == 0;
                Thread t = new Thread(() -> storm(http, main, accounts, money, rotations, stop, movesTheClock, from, callbackUrl), "storm-" + c);
                t.start();
                threads.add(t);
            }
            // The storm's clock starts at its first acknowledged write: on a loaded machine the first answers can take
            // longer than a short storm lasts, and a kill before any write proves nothing.
            long firstWriteDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (accounts.isEmpty() && System.nanoTime() < firstWriteDeadline) Thread.sleep(10);
            Thread.sleep(storm.toMillis() / 2 + ThreadLocalRandom.current().nextLong(storm.toMillis() / 2 + 1));
            server.destroyForcibly(); // SIGKILL, in the middle of the storm
            server.waitFor(10, TimeUnit.SECONDS);
            stop.set(true);
            for (Thread t : threads) t.join(10_000);
        } finally {
            server.destroyForcibly();
        }

        Process restarted = start();
        try {
            RawHttp after = new RawHttp("http://127.0.0.1:" + awaitPort(restarted));
            String main = RawHttp.basic(TestServer.MAIN_SID, TestServer.MAIN_TOKEN);
            int found = 0;
            List<String> lost = new ArrayList<>();
            for (Map.Entry<String, Tokens> e : accounts.entrySet()) {
                RawHttp.Reply r = after.get("/2010-04-01/Accounts/" + e.getKey() + ".json", main);
                String token = r.status() == 200 ? r.json().get("auth_token").asText() : null;
                Tokens t = e.getValue();
                if (token != null && t.accepts(token)) {
                    found++;
                } else {
                    lost.add(e.getKey() + " (HTTP " + r.status() + ")");
                }
            }
            // the traffic in flight at the kill finishes: queued, sending or talking, it is moved on and charged now
            RawHttp.Reply moved = after.post("/_accountd/v1/Clock", main, "Advance=PT10M");
            if (moved.status() != 200) throw new IllegalStateException("moving the clock after the restart: " + moved.body());
            Money reconciled = reconcile(after, main, money, receiver, store);
            synchronized (rotations) {
                return new Result(accounts.size(), rotations[0], found, lost.size(), lost, reconciled);
            }
        } finally {
            restarted.destroy();
            restarted.waitFor(20, TimeUnit.SECONDS);
        }
    }

    /**
     * Creates subaccounts, rotates the tokens of created ones, buys them numbers, recharges the balance (sending
     * some recharges twice, as a client retrying a lost answer would) and, on one client, moves the clock a month on,
     * until stopped or the server is gone.
     */
    private static void storm(RawHttp http, String main, Map<String, Tokens> accounts, Acknowledged money, int[] rotations,
                              AtomicBoolean stop, boolean movesTheClock, String from, String callbackUrl) {
        String messages = "/2010-04-01/Accounts/" + TestServer.MAIN_SID + "/Messages.json";
        String calls = "/2010-04-01/Accounts/" + TestServer.MAIN_SID + "/Calls.json";
        String traffic = "From=" + enc(from) + "&To=" + enc("+14155550123") + "&StatusCallback=" + enc(callbackUrl);
        List<String> mine = new ArrayList<>();
        List<String> sentReferences = new ArrayList<>();
        while (!stop.get()) {
            try {
                int dice = ThreadLocalRandom.current().nextInt(14);
                if (movesTheClock && dice <= 3) {
                    RawHttp.Reply r = http.post("/_accountd/v1/Clock", main, "Advance=P1M");
                    if (r.status() == 200) money.clockMoves.incrementAndGet();
                    else money.refused("clock", r);
                } else if (!mine.isEmpty() && dice <= 3) {
                    String owner = mine.get(ThreadLocalRandom.current().nextInt(mine.size()));
                    RawHttp.Reply r = http.post("/2010-04-01/Accounts/" + owner + "/IncomingPhoneNumbers.json", main, "AreaCode=646");
                    if (r.status() == 201) money.purchases.put(r.json().get("sid").asText(), owner);
                    else money.refused("purchase", r);
                } else if (dice == 4) {
                    // a new reference, or (now and then) one sent before: a retry is paid once
                    boolean retry = !sentReferences.isEmpty() && ThreadLocalRandom.current().nextBoolean();
                    String reference = retry ? sentReferences.get(ThreadLocalRandom.current().nextInt(sentReferences.size()))
                            : Thread.currentThread().getName() + "-" + sentReferences.size();
                    if (!retry) sentReferences.add(reference);
                    String amount = "1." + String.format("%02d", Math.floorMod(reference.hashCode(), 100));
                    RawHttp.Reply r = http.post("/_accountd/v1/Accounts/" + TestServer.MAIN_SID + "/Recharges", main,
                            "Amount=" + amount + "&Reference=" + reference);
                    if (r.status() == 201) money.recharges.put(reference, amount);
                    else money.refused("recharge", r);
                } else if (dice == 12) {
                    RawHttp.Reply r = http.post(messages, main, traffic + "&Body=" + enc("durability " + "x".repeat(ThreadLocalRandom.current().nextInt(300))));
                    if (r.status() == 201) money.messages.add(r.json().get("sid").asText());
                    else money.refused("message", r);
                } else if (dice == 13) {
                    RawHttp.Reply r = http.post(calls, main, traffic + "&Twiml=" + enc("<Response/>") + "&TimeLimit="
                            + (1 + ThreadLocalRandom.current().nextInt(180)));
                    if (r.status() == 201) money.calls.add(r.json().get("sid").asText());
                    else money.refused("call", r);
                } else if (mine.isEmpty() || dice <= 8) {
                    RawHttp.Reply r = http.post("/2010-04-01/Accounts.json", main, "FriendlyName=durability");
                    if (r.status() == 201) {
                        JsonNode a = r.json();
                        accounts.put(a.get("sid").asText(), Tokens.created(a.get("auth_token").asText()));
                        mine.add(a.get("sid").asText());
                    }
                } else {
                    String sid = mine.get(ThreadLocalRandom.current().nextInt(mine.size()));
                    // Only this thread rotates this account, so at most one rotation of it is in flight.
                    RawHttp.Reply r;
                    accounts.computeIfPresent(sid, (k, t) -> t.rotating());
                    r = http.post("/_accountd/v1/AuthTokens/RotateSubaccounts", main, "AccountSid=" + sid);
                    if (r.status() == 200) {
                        String token = r.json().get("rotated").get(0).get("auth_token").asText();
                        accounts.computeIfPresent(sid, (k, t) -> t.rotated(token));
                        synchronized (rotations) { rotations[0]++; }
                    }
                }
            } catch (RuntimeException serverGone) {
                return;
            }
        }
    }

    private static String enc(String v) { return java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8); }

    private Process start() throws IOException {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx256m", "-jar", jar.toString(), "serve", "--port", "0"));
        command.addAll(store.cliArgs());
        Path log = Files.createTempFile("accountd-durability", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("ACCOUNTD_MAIN_ACCOUNT_SID", TestServer.MAIN_SID);
        pb.environment().put("ACCOUNTD_MAIN_AUTH_TOKEN", TestServer.MAIN_TOKEN);
        pb.environment().put("ACCOUNTD_INITIAL_BALANCE", OPENING);
        pb.environment().put("ACCOUNTD_CLOCK", "manual");
        Process p = pb.start();
        logs.put(p, log);
        return p;
    }

    /** Reads the balance and the whole ledger of the storm's family and checks them against each other and the storm. */
    private static Money reconcile(RawHttp http, String main, Acknowledged acknowledged, WebhookReceiver receiver, TestStore store)
            throws InterruptedException {
        List<String> wrong = new ArrayList<>();
        RawHttp.Reply balanceReply = http.get("/_accountd/v1/Accounts/" + TestServer.MAIN_SID + "/Balance", main);
        if (balanceReply.status() != 200) throw new IllegalStateException("Balance: " + balanceReply.body());
        BigDecimal opening = new BigDecimal(balanceReply.json().get("opening_balance").asText());
        BigDecimal balance = new BigDecimal(balanceReply.json().get("balance").asText());
        if (!opening.equals(new BigDecimal(OPENING))) wrong.add("opening balance " + opening);

        List<JsonNode> entries = new ArrayList<>();
        String next = "/_accountd/v1/Accounts/" + TestServer.MAIN_SID + "/Ledger?PageSize=1000";
        while (next != null) {
            RawHttp.Reply page = http.get(next, main);
            if (page.status() != 200) throw new IllegalStateException("Ledger: " + page.body());
            page.json().get("entries").forEach(entries::add);
            JsonNode url = page.json().get("meta").get("next_page_url");
            next = url == null || url.isNull() ? null : url.asText().replaceFirst("^https?://[^/]+", "");
        }

        BigDecimal running = opening;
        Map<String, List<String>> monthsByNumber = new HashMap<>();
        Map<String, Integer> rechargesByReference = new HashMap<>();
        Map<String, List<BigDecimal>> trafficCharges = new HashMap<>();
        for (JsonNode e : entries) {
            running = running.add(new BigDecimal(e.get("amount").asText()));
            if (running.compareTo(new BigDecimal(e.get("balance").asText())) != 0) {
                wrong.add("entry " + e.get("sid").asText() + " says balance " + e.get("balance").asText() + ", the entries before it make " + running);
            }
            String category = e.get("category").asText();
            if (category.equals("recharge")) {
                rechargesByReference.merge(e.get("reference").asText(""), 1, Integer::sum);
            } else if (category.equals("sms-outbound-longcode") || category.equals("calls-outbound")) {
                trafficCharges.computeIfAbsent(e.get("resource_sid").asText(), k -> new ArrayList<>()).add(new BigDecimal(e.get("amount").asText()));
            } else if (category.startsWith("phonenumbers-")) {
                monthsByNumber.computeIfAbsent(e.get("resource_sid").asText(), k -> new ArrayList<>()).add(e.get("date_created").asText());
            } else {
                wrong.add("unexpected category " + category);
            }
        }
        if (running.compareTo(balance) != 0) wrong.add("balance " + balance + " but opening + ledger = " + running);

        // the usage records (read from counters that move with each entry) agree with the ledger to the cent
        Map<String, BigDecimal> chargedByCategory = new HashMap<>();
        Map<String, Integer> chargesByCategory = new HashMap<>();
        for (JsonNode e : entries) {
            BigDecimal amount = new BigDecimal(e.get("amount").asText());
            if (amount.signum() >= 0) continue;
            chargedByCategory.merge(e.get("category").asText(), amount.negate(), BigDecimal::add);
            chargesByCategory.merge(e.get("category").asText(), 1, Integer::sum);
            chargedByCategory.merge("totalprice", amount.negate(), BigDecimal::add);
        }
        RawHttp.Reply usage = http.get("/2010-04-01/Accounts/" + TestServer.MAIN_SID + "/Usage/Records.json?PageSize=1000", main);
        if (usage.status() != 200) throw new IllegalStateException("Usage Records: " + usage.body());
        Set<String> reported = new HashSet<>();
        for (JsonNode r : usage.json().get("usage_records")) {
            String category = r.get("category").asText();
            BigDecimal price = new BigDecimal(r.get("price").asText());
            if (!chargedByCategory.containsKey(category)) continue; // a rollup or an unused category
            reported.add(category);
            if (price.compareTo(chargedByCategory.get(category)) != 0) {
                wrong.add("usage record " + category + " says " + price + " but the ledger charged " + chargedByCategory.get(category));
            }
            if (!category.equals("totalprice") && r.get("count").asInt() != chargesByCategory.get(category)) {
                wrong.add("usage record " + category + " counts " + r.get("count").asText() + " but the ledger has " + chargesByCategory.get(category));
            }
        }
        for (String category : chargedByCategory.keySet()) if (!reported.contains(category)) wrong.add("no usage record for " + category);

        // each account's spend per GMT month (the console's costs and top subaccounts) agrees with its ledger charges to the micro-unit
        Map<String, BigDecimal> spentByAccountMonth = new HashMap<>();
        for (JsonNode e : entries) {
            BigDecimal amount = new BigDecimal(e.get("amount").asText());
            String account = e.get("account_sid").asText();
            if (amount.signum() >= 0) continue;
            String month = e.get("date_created").asText().substring(0, 7).replace("-", "");
            spentByAccountMonth.merge(account + " " + month, amount.negate(), BigDecimal::add);
        }
        Map<String, BigDecimal> kept = new HashMap<>();
        try (dev.accountd.store.jdbc.Database db = store.open()) {
            db.reader().useHandle(h -> h.createQuery("SELECT account_sid, month, price_micros FROM monthly_spend")
                    .map((rs, ctx) -> Map.entry(rs.getString(1) + " " + rs.getInt(2), BigDecimal.valueOf(rs.getLong(3), 6)))
                    .forEach(en -> kept.put(en.getKey(), en.getValue())));
        }
        spentByAccountMonth.forEach((key, spent) -> {
            if (kept.getOrDefault(key, BigDecimal.ZERO).compareTo(spent) != 0) wrong.add("monthly spend " + key + " is " + kept.get(key) + ", the ledger charged " + spent);
        });
        kept.forEach((key, spent) -> {
            if (spent.signum() != 0 && !spentByAccountMonth.containsKey(key)) wrong.add("monthly spend " + key + " is " + spent + " with no charge in the ledger");
        });

        acknowledged.recharges.forEach((reference, amount) -> {
            if (rechargesByReference.getOrDefault(reference, 0) != 1) {
                wrong.add("recharge " + reference + " is in the ledger " + rechargesByReference.getOrDefault(reference, 0) + " times");
            }
        });
        rechargesByReference.forEach((reference, n) -> {
            if (n != 1) wrong.add("recharge " + reference + " is in the ledger " + n + " times");
        });
        acknowledged.purchases.keySet().forEach(sid -> {
            if (!monthsByNumber.containsKey(sid)) wrong.add("acknowledged purchase " + sid + " has no charge");
        });
        monthsByNumber.forEach((sid, months) -> {
            if (new HashSet<>(months).size() != months.size()) wrong.add(sid + " charged twice for a month: " + months);
        });
        // every message and call is final, charged once at its price; every charge is for one that exists
        Set<String> traffic = new HashSet<>();
        for (String kind : List.of("Messages", "Calls")) {
            String nextTraffic = "/2010-04-01/Accounts/" + TestServer.MAIN_SID + "/" + kind + ".json?PageSize=1000";
            while (nextTraffic != null) {
                RawHttp.Reply page = http.get(nextTraffic, main);
                for (JsonNode t : page.json().get(kind.toLowerCase(java.util.Locale.ROOT))) {
                    String sid = t.get("sid").asText();
                    traffic.add(sid);
                    String status = t.get("status").asText();
                    if (!status.equals("delivered") && !status.equals("completed")) wrong.add(sid + " is " + status + " after the clock moved 10 minutes");
                    List<BigDecimal> charged = trafficCharges.getOrDefault(sid, List.of());
                    if (charged.size() != 1) {
                        wrong.add(sid + " is charged " + charged.size() + " times");
                    } else if (t.get("price").isNull() || new BigDecimal(t.get("price").asText()).compareTo(charged.get(0)) != 0) {
                        wrong.add(sid + " costs " + t.get("price") + " but the ledger charged " + charged.get(0));
                    }
                }
                JsonNode url = page.json().get("next_page_uri");
                nextTraffic = url == null || url.isNull() ? null : url.asText();
            }
        }
        for (String sid : acknowledged.messages) if (!traffic.contains(sid)) wrong.add("acknowledged message " + sid + " is gone");
        for (String sid : acknowledged.calls) if (!traffic.contains(sid)) wrong.add("acknowledged call " + sid + " is gone");
        for (String sid : trafficCharges.keySet()) if (!traffic.contains(sid)) wrong.add("charged for " + sid + ", which does not exist");
        // every acknowledged message's sent and delivered callbacks arrive, signed with the main account's token
        com.twilio.security.RequestValidator validator = new com.twilio.security.RequestValidator(TestServer.MAIN_TOKEN);
        int callbacks = 0;
        for (String sid : acknowledged.messages) {
            // a delivery in flight at the kill is made again when its lease (30 s) ends: wait that long and more
            for (String status : List.of("sent", "delivered")) {
                receiver.await(r -> sid.equals(r.params().get("MessageSid")) && status.equals(r.params().get("MessageStatus")), 1,
                        Duration.ofSeconds(60));
            }
            List<WebhookReceiver.Received> got = receiver.received().stream().filter(r -> sid.equals(r.params().get("MessageSid"))).toList();
            Set<String> statuses = new HashSet<>();
            for (WebhookReceiver.Received r : got) {
                statuses.add(r.params().get("MessageStatus"));
                if (!validator.validate(r.url(), r.params(), r.signature())) wrong.add("callback of " + sid + " has an invalid signature");
            }
            if (!statuses.equals(Set.of("sent", "delivered"))) wrong.add("message " + sid + " called back " + statuses);
            callbacks += got.size();
        }
        Set<String> existing = numbersOfTheFamily(http, main);
        for (String sid : monthsByNumber.keySet()) if (!existing.contains(sid)) wrong.add("charged for " + sid + ", which does not exist");
        return new Money(acknowledged.purchases.size(), acknowledged.recharges.size(), acknowledged.clockMoves.get(), acknowledged.messages.size(),
                acknowledged.calls.size(), callbacks, entries.size(), balance.toPlainString(), wrong, Map.copyOf(acknowledged.refused));
    }

    /** The SIDs of every number the family's accounts own. */
    private static Set<String> numbersOfTheFamily(RawHttp http, String main) {
        Set<String> existing = new HashSet<>();
        String next = "/2010-04-01/Accounts.json?PageSize=1000";
        List<String> accounts = new ArrayList<>();
        while (next != null) {
            RawHttp.Reply page = http.get(next, main);
            page.json().get("accounts").forEach(a -> accounts.add(a.get("sid").asText()));
            JsonNode url = page.json().get("next_page_uri");
            next = url == null || url.isNull() ? null : url.asText();
        }
        for (String account : accounts) {
            String nextNumbers = "/2010-04-01/Accounts/" + account + "/IncomingPhoneNumbers.json?PageSize=1000";
            while (nextNumbers != null) {
                RawHttp.Reply page = http.get(nextNumbers, main);
                page.json().get("incoming_phone_numbers").forEach(n -> existing.add(n.get("sid").asText()));
                JsonNode url = page.json().get("next_page_uri");
                nextNumbers = url == null || url.isNull() ? null : url.asText();
            }
        }
        return existing;
    }

    private final Map<Process, Path> logs = new ConcurrentHashMap<>();

    private int awaitPort(Process p) throws Exception {
        Pattern listening = Pattern.compile("listening on port (\\d+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Path log = logs.get(p);
        while (System.nanoTime() < deadline) {
            Matcher m = listening.matcher(Files.readString(log));
            if (m.find()) return Integer.parseInt(m.group(1));
            if (!p.isAlive()) throw new IllegalStateException("the server exited:\n" + Files.readString(log));
            Thread.sleep(50);
        }
        throw new IllegalStateException("the server did not start within 60 s:\n" + Files.readString(log));
    }
}
