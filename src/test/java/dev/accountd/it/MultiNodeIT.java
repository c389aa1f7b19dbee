package dev.accountd.it;

import static dev.accountd.support.TwilioAssertions.assertTwilioError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.accounts.v1.AuthTokenPromotion;
import com.twilio.rest.accounts.v1.SecondaryAuthToken;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.Balance;
import com.twilio.rest.api.v2010.account.NewKey;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Key;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.Local;
import com.twilio.type.PhoneNumber;
import dev.accountd.service.CredentialCache;
import dev.accountd.support.FreezableProxy;
import dev.accountd.support.RawHttp;
import dev.accountd.support.Storms;
import dev.accountd.support.TestServer;
import dev.accountd.support.TestStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two accountd nodes on one PostgreSQL database behave as one server: a credential changed on one node is
 * refused on the other (through LISTEN/NOTIFY), the subaccount limit holds across nodes, and background jobs
 * run on one node at a time. Runs in the PostgreSQL pass of the suite.
 */
class MultiNodeIT {
    static TestStore store;
    static TestServer a;
    static TestServer b;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(TestStore.postgres(), "several nodes share a PostgreSQL store; this runs in the PostgreSQL pass");
        store = TestStore.fresh();
        a = TestServer.startOn(store);
        b = TestServer.startOn(store);
    }

    @AfterAll
    static void stop() {
        if (a != null) a.stop();
        if (b != null) b.stop();
        if (store != null) store.close();
    }

    static Account subaccount() {
        return Account.creator().create(a.mainClient());
    }

    /** How long after {@code change} returned the other node (B, unless {@code call} goes elsewhere) first refuses {@code call} (2 s at most). */
    static Duration untilRefusedOnB(Runnable change, Runnable call) throws InterruptedException {
        return untilRefusedOnB(change, call, Duration.ofSeconds(2));
    }

    static Duration untilRefusedOnB(Runnable change, Runnable call, Duration atMost) throws InterruptedException {
        call.run(); // B has verified (and cached) the credential
        change.run();
        long changed = System.nanoTime();
        while (System.nanoTime() - changed < atMost.toNanos()) {
            try {
                call.run();
            } catch (ApiException e) {
                assertEquals(20003, e.getCode());
                return Duration.ofNanos(System.nanoTime() - changed);
            }
            Thread.sleep(1);
        }
        throw new AssertionError("the other node still accepted the credential " + atMost.toMillis() + " ms after the change on node A");
    }

    @Test
    void promotedToken_isRefusedOnTheOtherNode_measuredP99() throws Exception {
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Account sub = subaccount();
            TwilioRestClient onA = a.client(sub.getSid(), sub.getAuthToken());
            TwilioRestClient oldOnB = b.client(sub.getSid(), sub.getAuthToken());
            SecondaryAuthToken.creator().create(onA);
            Duration d = untilRefusedOnB(() -> AuthTokenPromotion.updater().update(onA),
                    () -> Account.fetcher(sub.getSid()).fetch(oldOnB));
            micros.add(d.toNanos() / 1000);
        }
        Collections.sort(micros);
        System.out.printf("[MultiNodeIT] promotion on node A refused on node B after: p50 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)%n",
                micros.get(micros.size() / 2) / 1000.0, micros.get((int) Math.ceil(micros.size() * 0.99) - 1) / 1000.0,
                micros.get(micros.size() - 1) / 1000.0, micros.size());
    }

    @Test
    void aNodeWhoseListenerWasCut_stillRefusesAPromotedTokenWithinTheCacheTtl() throws Exception {
        Account sub = subaccount();
        TwilioRestClient onA = a.client(sub.getSid(), sub.getAuthToken());
        TwilioRestClient oldOnB = b.client(sub.getSid(), sub.getAuthToken());
        SecondaryAuthToken.creator().create(onA);
        Duration d = untilRefusedOnB(() -> {
            // both nodes' listening connections are cut; the promotion's notice is sent while they reconnect
            try (Connection c = DriverManager.getConnection(store.dbUrl().orElseThrow()); Statement st = c.createStatement()) {
                st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'accountd-change-feed'"
                        + " AND datname = current_database()");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            AuthTokenPromotion.updater().update(onA);
        }, () -> Account.fetcher(sub.getSid()).fetch(oldOnB), CredentialCache.TTL.plusSeconds(2));
        System.out.printf("[MultiNodeIT] with its listener cut, node B refused the old token after %d ms (bound: the %d s cache TTL)%n",
                d.toMillis(), CredentialCache.TTL.toSeconds());
    }

    /**
     * A node whose listening connection hangs (a dead network path: open, silent) hears of no change until its
     * heartbeat gives up on it; the cache's TTL is what bounds how long it accepts a replaced token meanwhile. Only
     * node C's listener goes through the frozen relay (ACCOUNTD_DB_LISTEN_URL); its queries do not.
     */
    @Test
    void aNodeWhoseListenerHangs_refusesAPromotedTokenWithinTheCacheTtl() throws Exception {
        String url = store.dbUrl().orElseThrow();
        try (FreezableProxy relay = new FreezableProxy("127.0.0.1", 5432)) {
            String listenUrl = url.replaceFirst("jdbc:postgresql://[^/]+/", "jdbc:postgresql://127.0.0.1:" + relay.port() + "/");
            TestServer c = TestServer.startOn(store, Map.of("ACCOUNTD_DB_LISTEN_URL", listenUrl));
            try {
                Account sub = subaccount();
                TwilioRestClient onA = a.client(sub.getSid(), sub.getAuthToken());
                TwilioRestClient oldOnC = c.client(sub.getSid(), sub.getAuthToken());
                SecondaryAuthToken.creator().create(onA);
                Duration bound = CredentialCache.TTL.plusMillis(1500);
                Duration d = untilRefusedOnB(() -> {
                    relay.freezeOpenConnections();
                    AuthTokenPromotion.updater().update(onA);
                }, () -> Account.fetcher(sub.getSid()).fetch(oldOnC), bound);
                System.out.printf("[MultiNodeIT] with its listener hung, node C refused the old token after %d ms (bound: the %d s"
                        + " cache TTL + 1.5 s)%n", d.toMillis(), CredentialCache.TTL.toSeconds());
            } finally {
                c.stop();
            }
        }
    }

    @Test
    void aRenameOnOneNode_isShownByTheOther() throws Exception {
        Account sub = subaccount();
        TwilioRestClient onB = b.client(sub.getSid(), sub.getAuthToken());
        assertEquals(sub.getFriendlyName(), Account.fetcher(sub.getSid()).fetch(onB).getFriendlyName()); // B has the row cached
        Account.updater(sub.getSid()).setFriendlyName("renamed on A").update(a.mainClient());
        long renamed = System.nanoTime();
        while (!"renamed on A".equals(Account.fetcher(sub.getSid()).fetch(onB).getFriendlyName())) {
            if (System.nanoTime() - renamed > Duration.ofSeconds(2).toNanos()) {
                throw new AssertionError("node B still showed the old friendly_name 2 s after the rename on node A");
            }
            Thread.sleep(1);
        }
    }

    @Test
    void aRechargeOnOneNode_isInTheBalanceTheOtherShows_atOnceOnItsOwnNode() throws Exception {
        String before = Balance.fetcher().fetch(b.mainClient()).getBalance(); // B caches it
        RawHttp.Reply r = a.raw().post("/_accountd/v1/Accounts/" + TestServer.MAIN_SID + "/Recharges",
                RawHttp.basic(TestServer.MAIN_SID, TestServer.MAIN_TOKEN), "Amount=1.25");
        assertEquals(201, r.status(), r.body());
        String after = r.json().get("balance").asText();
        assertEquals(after, Balance.fetcher().fetch(a.mainClient()).getBalance(),
                "the node that wrote it shows it at once");
        long recharged = System.nanoTime();
        String onB;
        while (!after.equals(onB = Balance.fetcher().fetch(b.mainClient()).getBalance())) {
            if (System.nanoTime() - recharged > Duration.ofSeconds(2).toNanos()) {
                throw new AssertionError("node B still showed " + onB + " (before: " + before + ") 2 s after the recharge on node A");
            }
            Thread.sleep(1);
        }
        System.out.printf("[MultiNodeIT] a recharge on node A shown by node B's Balance.json after %.1f ms%n",
                (System.nanoTime() - recharged) / 1e6);
    }

    @Test
    void deletedKey_suspendedAndClosedAccounts_areRefusedOnTheOtherNode() throws Exception {
        Account sub = subaccount();
        NewKey key = NewKey.creator(sub.getSid()).create(a.client(sub.getSid(), sub.getAuthToken()));
        TwilioRestClient keyOnB = b.client(key.getSid(), key.getSecret());
        untilRefusedOnB(() -> Key.deleter(sub.getSid(), key.getSid()).delete(a.client(sub.getSid(), sub.getAuthToken())),
                () -> Account.fetcher(sub.getSid()).fetch(keyOnB));

        Account suspended = subaccount();
        untilRefusedOnB(() -> Account.updater(suspended.getSid()).setStatus(Account.Status.SUSPENDED).update(a.mainClient()),
                () -> Account.fetcher(suspended.getSid()).fetch(b.client(suspended.getSid(), suspended.getAuthToken())));

        Account closed = subaccount();
        untilRefusedOnB(() -> Account.updater(closed.getSid()).setStatus(Account.Status.CLOSED).update(a.mainClient()),
                () -> Account.fetcher(closed.getSid()).fetch(b.client(closed.getSid(), closed.getAuthToken())));
    }

    @Test
    void subaccountLimit_holdsExactly_underConcurrentCreatesOnBothNodes() throws Exception {
        var main = a.app().accounts().createMain(Optional.of("limited across nodes"), Optional.empty(), Optional.empty(), 30);
        List<TwilioRestClient> clients = List.of(a.client(main.sid(), main.authToken().value()), b.client(main.sid(), main.authToken().value()));
        assertEquals(30, Storms.concurrentCreates(clients, 80));
    }

    @Test
    void backgroundJobs_runOnOneNodeAtATime() throws Exception {
        String url = store.dbUrl().orElseThrow();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            // Another node is in the middle of the job: it holds the job's advisory lock.
            st.execute("SELECT pg_advisory_lock(" + "closed-account-deletion".hashCode() + ")");
            assertFalse(b.app().runClosedAccountDeletionJob(), "node B skips the job while another node runs it");
            st.execute("SELECT pg_advisory_unlock(" + "closed-account-deletion".hashCode() + ")");
        }
        assertTrue(b.app().runClosedAccountDeletionJob());

        Account gone = subaccount();
        Account.updater(gone.getSid()).setStatus(Account.Status.CLOSED).update(a.mainClient());
        b.clock().advance(Duration.ofDays(31));
        assertTrue(b.app().runClosedAccountDeletionJob());
        assertTwilioError(404, 20404, "was not found", () -> Account.fetcher(gone.getSid()).fetch(a.mainClient()));
    }

    /**
     * Buyers on both nodes race for the same numbers, while one buyer is closed mid-race: every number ends with
     * exactly one owner, and none with the closed account.
     */
    @Test
    void phoneNumbers_haveOneOwner_underPurchasesOnBothNodes() throws Exception {
        List<Account> buyers = new ArrayList<>();
        for (int i = 0; i < 10; i++) buyers.add(subaccount());
        Account closing = buyers.get(0);
        List<String> wanted = new ArrayList<>();
        Local.reader(closing.getSid(), "US").setAreaCode(312).limit(5).read(a.mainClient())
                .forEach(n -> wanted.add(n.getPhoneNumber().toString()));
        List<Callable<Void>> attempts = new ArrayList<>();
        for (int i = 0; i < buyers.size(); i++) {
            TwilioRestClient client = (i % 2 == 0 ? a : b).mainClient();
            Account buyer = buyers.get(i);
            attempts.add(() -> {
                for (String e164 : wanted) {
                    try {
                        IncomingPhoneNumber.creator(buyer.getSid(), new PhoneNumber(e164)).create(client);
                    } catch (ApiException e) {
                        // taken by another buyer, or the buyer closed meanwhile (read-only from then on)
                        assertTrue(e.getCode() == 21422 || (buyer == closing && e.getCode() == 21479), e.getMessage());
                    }
                }
                return null;
            });
        }
        attempts.add(() -> {
            Account.updater(closing.getSid()).setStatus(Account.Status.CLOSED).update(b.mainClient());
            return null;
        });
        ExecutorService pool = Executors.newFixedThreadPool(attempts.size());
        try {
            for (Future<Void> f : pool.invokeAll(attempts)) f.get();
        } finally {
            pool.shutdownNow();
        }
        List<String> owned = new ArrayList<>();
        for (Account buyer : buyers) {
            List<String> mine = new ArrayList<>();
            IncomingPhoneNumber.reader(buyer.getSid()).read(b.mainClient()).forEach(n -> mine.add(n.getPhoneNumber().toString()));
            if (buyer == closing) assertEquals(List.of(), mine, "a closed account owns nothing, whatever it bought before closing");
            owned.addAll(mine);
        }
        assertEquals(owned.size(), new java.util.HashSet<>(owned).size(), "no number has two owners: " + owned);
        assertTrue(wanted.containsAll(owned));
    }

    @Test
    void messagesSentThroughBothNodes_areChargedOnce_andEachCallbackIsDeliveredOnce_byOneNode() throws Exception {
        RawHttp onA = a.raw();
        RawHttp onB = b.raw();
        String main = RawHttp.basic(TestServer.MAIN_SID, TestServer.MAIN_TOKEN);
        String from = IncomingPhoneNumber.creator(TestServer.MAIN_SID, new PhoneNumber(Local.reader(TestServer.MAIN_SID, "US").setAreaCode(646)
                .limit(1).read(a.mainClient()).iterator().next().getPhoneNumber().toString())).create(a.mainClient()).getPhoneNumber().toString();
        try (dev.accountd.support.WebhookReceiver receiver = new dev.accountd.support.WebhookReceiver()) {
            String form = "From=" + dev.accountd.support.TrafficFamily.enc(from) + "&To=%2B14155550123&Body=two+nodes&StatusCallback="
                    + dev.accountd.support.TrafficFamily.enc(receiver.url("/two-nodes"));
            List<String> sids = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                RawHttp.Reply r = (i % 2 == 0 ? onA : onB).post("/2010-04-01/Accounts/" + TestServer.MAIN_SID + "/Messages.json", main, form);
                assertEquals(201, r.status(), r.body());
                sids.add(r.json().get("sid").asText());
            }
            List<dev.accountd.support.WebhookReceiver.Received> got = receiver.await(r -> r.url().endsWith("/two-nodes"), 80, Duration.ofSeconds(60));
            Thread.sleep(1000); // a duplicate would arrive now
            List<String> deliveries = receiver.received().stream().filter(r -> r.url().endsWith("/two-nodes"))
                    .map(r -> r.params().get("MessageSid") + "/" + r.params().get("MessageStatus")).sorted().toList();
            assertEquals(80, got.size(), "a sent and a delivered callback for each of the 40 messages");
            assertEquals(80, new java.util.HashSet<>(deliveries).size());
            assertEquals(80, deliveries.size(), "each delivered once, though both nodes run the outbox");
            RawHttp.Reply ledger = onB.get("/_accountd/v1/Accounts/" + TestServer.MAIN_SID + "/Ledger?PageSize=1000&Category=sms-outbound-longcode", main);
            List<String> charged = new ArrayList<>();
            ledger.json().get("entries").forEach(e -> charged.add(e.get("resource_sid").asText()));
            assertTrue(charged.containsAll(sids), "every message is charged");
            assertEquals(charged.size(), new java.util.HashSet<>(charged).size(), "and once: the simulation runs on one node at a time");
        }
    }

    @Test
    void aSpendingLimit_holdsExactly_underConcurrentMessagesOnBothNodes() throws Exception {
        Account sub = subaccount();
        String main = RawHttp.basic(TestServer.MAIN_SID, TestServer.MAIN_TOKEN);
        String from = IncomingPhoneNumber.creator(sub.getSid(), new PhoneNumber(Local.reader(sub.getSid(), "US").setAreaCode(646)
                .limit(1).read(a.mainClient()).iterator().next().getPhoneNumber().toString())).create(a.mainClient()).getPhoneNumber().toString();
        RawHttp.Reply spent = a.raw().post("/_accountd/v1/Accounts/" + sub.getSid() + "/SpendingLimit", main, "Amount=100&Period=alltime");
        java.math.BigDecimal rental = new java.math.BigDecimal(spent.json().get("spent").asText());
        // what the number cost, plus room for exactly 5 messages of 0.0083 (0.0415 of 0.045)
        String amount = rental.add(new java.math.BigDecimal("0.045")).setScale(2, java.math.RoundingMode.DOWN).toPlainString();
        java.math.BigDecimal room = new java.math.BigDecimal(amount).subtract(rental);
        int fits = room.divide(new java.math.BigDecimal("0.0083"), 0, java.math.RoundingMode.DOWN).intValue();
        assertEquals(200, a.raw().post("/_accountd/v1/Accounts/" + sub.getSid() + "/SpendingLimit", main, "Amount=" + amount + "&Period=alltime").status());
        String path = "/2010-04-01/Accounts/" + sub.getSid() + "/Messages.json";
        String form = "From=" + dev.accountd.support.TrafficFamily.enc(from) + "&To=%2B14155550123&Body=capped";
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        List<java.util.concurrent.Future<Integer>> replies = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            RawHttp node = (i % 2 == 0 ? a : b).raw();
            replies.add(pool.submit(() -> node.post(path, main, form).status()));
        }
        int created = 0;
        for (java.util.concurrent.Future<Integer> r : replies) {
            int status = r.get();
            if (status == 201) created++;
            else assertEquals(400, status);
        }
        pool.shutdown();
        assertEquals(fits, created, "exactly what fits under the limit, though both nodes took the requests");
        // the family's balance is shared with the other tests: wait until these messages are charged (about 2 s)
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (a.raw().get("/_accountd/v1/Accounts/" + TestServer.MAIN_SID + "/Ledger?PageSize=1000&Category=sms-outbound-longcode&AccountSid="
                + sub.getSid(), main).json().get("entries").size() < fits) {
            if (System.nanoTime() > deadline) throw new AssertionError("the messages were not charged within 20 s");
            Thread.sleep(50);
        }
    }
}
