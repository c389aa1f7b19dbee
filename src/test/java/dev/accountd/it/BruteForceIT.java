package dev.accountd.it;

import static dev.accountd.support.RawHttp.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.NewKey;
import dev.accountd.support.RawHttp.Reply;
import dev.accountd.support.RawHttp;
import dev.accountd.support.TestServer;
import dev.accountd.support.TestStore;
import java.util.Map;
import java.net.URI;
import java.net.http.HttpRequest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Brute-force protection: failed authentications are counted per credential SID and source address (more than 10
 * a minute locks that SID for that address) and per source address (more than 30 a minute locks the address), in
 * fixed 60-second windows; while locked, even the right secret gets 429 / 20429 with Retry-After from that address.
 * Another address is never refused because of them.
 *
 * <p>This class has a server of its own: every test here locks 127.0.0.1 or a SID on purpose. Before each test the
 * server's clock moves to the first second of a fresh window, so the counts never straddle a window boundary and
 * no test inherits another's failures.
 *
 * <p>The 429s are checked with raw HTTP only: twilio-java's Apache HttpClient 5 transport retries a 429 once after
 * waiting out its Retry-After (up to a minute here), so through the SDK a lockout shows up as a slow success.
 */
class BruteForceIT {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() {
        if (server != null) server.close(); // null when the PostgreSQL pass is skipped
    }

    @BeforeEach
    void startOfAFreshWindow() {
        long now = server.clock().instant().getEpochSecond();
        server.clock().advance(Duration.ofSeconds(60 - now % 60 + 1));
    }

    static Reply fetchSelf(String sid, String secret) {
        return server.raw().get("/2010-04-01/Accounts/" + sid + ".json", basic(sid, secret));
    }

    static Reply fetchAs(String user, String secret, String accountSid) {
        return server.raw().get("/2010-04-01/Accounts/" + accountSid + ".json", basic(user, secret));
    }

    static void fail(int times, String user, String accountSid) {
        for (int i = 0; i < times; i++) {
            Reply r = fetchAs(user, "wrong-secret-" + i, accountSid);
            assertEquals(401, r.status(), "failure " + (i + 1) + ": " + r.body());
            assertEquals(20003, r.json().get("code").asInt());
        }
    }

    /** 429 / 20429 "Too many requests" with Retry-After: the seconds left in the window. Returns Retry-After. */
    static int assertThrottled(Reply r) {
        assertEquals(429, r.status(), r.body());
        JsonNode body = r.json();
        assertEquals(20429, body.get("code").asInt());
        assertEquals(429, body.get("status").asInt());
        assertEquals("Too many requests", body.get("message").asText());
        assertEquals("https://www.twilio.com/docs/errors/20429", body.get("more_info").asText());
        String retryAfter = r.header("Retry-After");
        assertNotNull(retryAfter, "Retry-After header");
        int seconds = Integer.parseInt(retryAfter.trim());
        assertTrue(seconds >= 1 && seconds <= 60, "Retry-After within the window: " + seconds);
        return seconds;
    }

    static String randomAccountSid() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return "AC" + HexFormat.of().formatHex(b);
    }

    @Test
    void elevenWrongPasswords_lockTheSidOut_evenForTheRightToken() {
        Account sub = Account.creator().create(server.mainClient());
        fail(10, sub.getSid(), sub.getSid());
        assertEquals(200, fetchSelf(sub.getSid(), sub.getAuthToken()).status(), "ten failures are within the limit");

        fail(1, sub.getSid(), sub.getSid());
        assertThrottled(fetchSelf(sub.getSid(), sub.getAuthToken()));
        assertThrottled(fetchSelf(sub.getSid(), "another-guess"));

        assertEquals(200, fetchSelf(TestServer.MAIN_SID, TestServer.MAIN_TOKEN).status(), "other SIDs are not affected");
        assertEquals(200, fetchAs(TestServer.MAIN_SID, TestServer.MAIN_TOKEN, sub.getSid()).status(),
                "the subaccount itself stays reachable with its main's credentials");
    }

    /** A server behind a (simulated) trusted proxy, where X-Forwarded-For names the client's address. */
    static Reply fetchFrom(TestServer behindProxy, String address, String sid, String secret) {
        return RawHttp.send(HttpRequest.newBuilder(URI.create(behindProxy.baseUrl() + "/2010-04-01/Accounts/" + sid + ".json"))
                .header("Authorization", basic(sid, secret)).header("X-Forwarded-For", address).GET().build());
    }

    @Test
    void anyoneWhoKnowsTheMainSid_cannotLockItsOwnerOut() {
        try (TestStore store = TestStore.fresh();
             TestServer proxied = TestServer.startOn(store, Map.of("ACCOUNTD_TRUST_PROXY", "true"))) {
            String attacker = "198.51.100.66";
            String owner = "203.0.113.10";
            for (int i = 0; i < 11; i++) {
                assertEquals(401, fetchFrom(proxied, attacker, TestServer.MAIN_SID, "guess-" + i).status());
            }
            assertThrottled(fetchFrom(proxied, attacker, TestServer.MAIN_SID, TestServer.MAIN_TOKEN));
            assertEquals(200, fetchFrom(proxied, owner, TestServer.MAIN_SID, TestServer.MAIN_TOKEN).status(),
                    "the owner, at another address, is not refused because someone else failed");
            for (int i = 0; i < 25; i++) fetchFrom(proxied, attacker, randomAccountSid(), "x");
            assertThrottled(fetchFrom(proxied, attacker, TestServer.MAIN_SID, TestServer.MAIN_TOKEN));
            assertEquals(200, fetchFrom(proxied, owner, TestServer.MAIN_SID, TestServer.MAIN_TOKEN).status(),
                    "nor when the failing address is locked altogether");
        }
    }

    @Test
    void lockout_lastsUntilTheEndOfTheWindow_thenTheRightfulHolderIsBack() {
        Account sub = Account.creator().create(server.mainClient());
        fail(11, sub.getSid(), sub.getSid());
        int retryAfter = assertThrottled(fetchSelf(sub.getSid(), sub.getAuthToken()));
        assertTrue(retryAfter > 10, "we are early in the window: Retry-After " + retryAfter);

        server.clock().advance(Duration.ofSeconds(retryAfter - 3));
        int later = assertThrottled(fetchSelf(sub.getSid(), sub.getAuthToken()));
        assertTrue(later <= 3, "Retry-After counts down to the end of the window: " + later);

        server.clock().advance(Duration.ofSeconds(4));
        assertEquals(200, fetchSelf(sub.getSid(), sub.getAuthToken()).status(), "a new window: the rightful holder is back");
    }

    @Test
    void rightfulHolder_worksAgain61SecondsLater() {
        Account sub = Account.creator().create(server.mainClient());
        fail(11, sub.getSid(), sub.getSid());
        assertThrottled(fetchSelf(sub.getSid(), sub.getAuthToken()));
        server.clock().advance(Duration.ofSeconds(61));
        assertEquals(200, fetchSelf(sub.getSid(), sub.getAuthToken()).status());
        assertEquals(sub.getSid(), Account.fetcher(sub.getSid()).fetch(server.client(sub.getSid(), sub.getAuthToken())).getSid());
    }

    @Test
    void apiKeySid_isThrottledLikeAnAccountSid() {
        NewKey key = NewKey.creator(TestServer.MAIN_SID).create(server.mainClient());
        fail(11, key.getSid(), TestServer.MAIN_SID);
        assertThrottled(fetchAs(key.getSid(), key.getSecret(), TestServer.MAIN_SID));
        assertEquals(200, fetchSelf(TestServer.MAIN_SID, TestServer.MAIN_TOKEN).status(), "the key's account is not locked by it");
        server.clock().advance(Duration.ofSeconds(61));
        assertEquals(200, fetchAs(key.getSid(), key.getSecret(), TestServer.MAIN_SID).status());
    }

    @Test
    void moreThan30FailuresFromOneAddress_lockOutEveryoneFromIt() throws Exception {
        for (int i = 0; i < 3; i++) {
            String guessed = randomAccountSid();
            fail(10, guessed, guessed); // ten per SID: no single SID goes over its limit
        }
        assertEquals(200, fetchSelf(TestServer.MAIN_SID, TestServer.MAIN_TOKEN).status(), "thirty failures are within the limit");

        String one = randomAccountSid();
        fail(1, one, one);
        assertThrottled(fetchSelf(TestServer.MAIN_SID, TestServer.MAIN_TOKEN));

        RawHttp.Reply spoofed = RawHttp.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/2010-04-01/Accounts/" + TestServer.MAIN_SID + ".json"))
                        .header("Authorization", basic(TestServer.MAIN_SID, TestServer.MAIN_TOKEN))
                        .header("X-Forwarded-For", "198.51.100.23").GET().build());
        assertEquals(429, spoofed.status(), "an untrusted X-Forwarded-For does not change the address counted");

        server.clock().advance(Duration.ofSeconds(61));
        assertEquals(200, fetchSelf(TestServer.MAIN_SID, TestServer.MAIN_TOKEN).status(), "a new window: the address is free again");
    }
}
