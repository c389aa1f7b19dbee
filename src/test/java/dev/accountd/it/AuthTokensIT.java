package dev.accountd.it;

import static dev.accountd.support.RawHttp.basic;
import static dev.accountd.support.TwilioAssertions.assertTwilioError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.accounts.v1.AuthTokenPromotion;
import com.twilio.rest.accounts.v1.SecondaryAuthToken;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.NewKey;
import dev.accountd.support.RawHttp;
import dev.accountd.support.RawHttp.Reply;
import dev.accountd.support.Cli;
import dev.accountd.support.Cli.Run;
import dev.accountd.support.TestServer;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * accounts v1 AuthTokens (secondary token, promotion) and accountd's bulk rotation of subaccount tokens, over HTTP
 * and from the CLI. Each test works on accounts of its own (a fresh subaccount, or a fresh main account made by
 * the operator API), so the seeded main account's token never changes.
 *
 * <p>Every refused token counts toward the per-address budget (more than 30 failures a minute from 127.0.0.1
 * locks everyone out); this class causes about fifteen.
 */
class AuthTokensIT {
    static final String ISO_8601 = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$";
    static final String ROTATE = "/_accountd/v1/AuthTokens/RotateSubaccounts";

    static TestServer server;
    static TwilioRestClient main;
    static RawHttp http;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        main = server.mainClient();
        http = server.raw();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close(); // null when the PostgreSQL pass is skipped
    }

    static TwilioRestClient client(String sid, String token) { return server.client(sid, token); }

    static Account newSubaccount() { return Account.creator().create(main); }

    /** A main account of its own (the operator's create-main), so rotating "all its subaccounts" touches only this test's. */
    record Family(String sid, String token) {
        TwilioRestClient client() { return AuthTokensIT.client(sid, token); }

        String auth() { return basic(sid, token); }
    }

    static Family newFamily() {
        var created = server.app().accounts().createMain(Optional.of("tokens family"), Optional.empty(), Optional.empty(), 100);
        return new Family(created.sid(), created.authToken().value());
    }

    static void assertWorks(String sid, String token) {
        assertEquals(sid, Account.fetcher(sid).fetch(client(sid, token)).getSid(), "the token authenticates " + sid);
    }

    static void assertRefused(String sid, String token) {
        assertTwilioError(401, 20003, "Authenticate", () -> Account.fetcher(sid).fetch(client(sid, token)));
    }

    // ---- secondary auth token --------------------------------------------------------------------------------

    @Test
    void secondaryToken_isCreatedWith201_withIsoDatesAndAnAbsoluteUrl() {
        Account sub = newSubaccount();
        Reply r = http.post("/v1/AuthTokens/Secondary", basic(sub.getSid(), sub.getAuthToken()), "");
        assertEquals(201, r.status(), r.body());
        JsonNode v = r.json();
        Set<String> fields = new TreeSet<>();
        v.fieldNames().forEachRemaining(fields::add);
        assertEquals(Set.of("account_sid", "date_created", "date_updated", "secondary_auth_token", "url"), fields);
        assertEquals(sub.getSid(), v.get("account_sid").asText());
        assertTrue(v.get("date_created").asText().matches(ISO_8601), v.get("date_created").asText());
        assertTrue(v.get("date_updated").asText().matches(ISO_8601), v.get("date_updated").asText());
        assertEquals(server.baseUrl() + "/v1/AuthTokens/Secondary", v.get("url").asText());
        String secondary = v.get("secondary_auth_token").asText();
        assertFalse(secondary.isBlank());
        assertNotEquals(sub.getAuthToken(), secondary);
        assertWorks(sub.getSid(), secondary);
    }

    @Test
    void secondaryToken_throughTheSdk_andBothTokensThenWork() {
        Account sub = newSubaccount();
        SecondaryAuthToken created = SecondaryAuthToken.creator().create(client(sub.getSid(), sub.getAuthToken()));
        assertEquals(sub.getSid(), created.getAccountSid());
        assertNotNull(created.getDateCreated(), "ISO 8601 date_created parses");
        assertNotNull(created.getDateUpdated());
        assertEquals(URI.create(server.baseUrl() + "/v1/AuthTokens/Secondary"), created.getUrl(),
                "url is built from the request's Host, which the SDK sends as 127.0.0.1:port");
        assertNotEquals(sub.getAuthToken(), created.getSecondaryAuthToken());

        assertWorks(sub.getSid(), sub.getAuthToken());
        assertWorks(sub.getSid(), created.getSecondaryAuthToken());
        assertEquals(sub.getAuthToken(), Account.fetcher(sub.getSid()).fetch(main).getAuthToken(),
                "the Account resource shows the primary");
        assertEquals(sub.getAuthToken(), Account.fetcher(sub.getSid()).fetch(client(sub.getSid(), created.getSecondaryAuthToken())).getAuthToken(),
                "even to a caller using the secondary");
    }

    @Test
    void creatingTheSecondaryAgain_replacesIt_andTheOldOneStopsAtOnce() {
        Account sub = newSubaccount();
        TwilioRestClient primary = client(sub.getSid(), sub.getAuthToken());
        String first = SecondaryAuthToken.creator().create(primary).getSecondaryAuthToken();
        assertWorks(sub.getSid(), first); // cached as verified

        String second = SecondaryAuthToken.creator().create(client(sub.getSid(), first)).getSecondaryAuthToken();
        assertNotEquals(first, second);
        assertRefused(sub.getSid(), first);
        assertWorks(sub.getSid(), second);
        assertWorks(sub.getSid(), sub.getAuthToken());
    }

    @Test
    void deletingTheSecondary_answers204_andItStopsAtOnce() {
        Account sub = newSubaccount();
        String auth = basic(sub.getSid(), sub.getAuthToken());
        String secondary = SecondaryAuthToken.creator().create(client(sub.getSid(), sub.getAuthToken())).getSecondaryAuthToken();
        assertWorks(sub.getSid(), secondary);

        Reply deleted = http.delete("/v1/AuthTokens/Secondary", auth);
        assertEquals(204, deleted.status(), deleted.body());
        assertEquals("", deleted.response().body());
        assertRefused(sub.getSid(), secondary);
        assertWorks(sub.getSid(), sub.getAuthToken());

        assertTwilioError(404, 20404, "", () -> SecondaryAuthToken.deleter().delete(client(sub.getSid(), sub.getAuthToken())));
    }

    @Test
    void deletingTheSecondary_throughTheSdk() {
        Account sub = newSubaccount();
        TwilioRestClient primary = client(sub.getSid(), sub.getAuthToken());
        SecondaryAuthToken.creator().create(primary);
        assertTrue(SecondaryAuthToken.deleter().delete(primary));
    }

    @Test
    void deletingWhenThereIsNoSecondary_isNotFound() {
        Account sub = newSubaccount();
        assertTwilioError(404, 20404, "", () -> SecondaryAuthToken.deleter().delete(client(sub.getSid(), sub.getAuthToken())));
        Reply raw = http.delete("/v1/AuthTokens/Secondary", basic(sub.getSid(), sub.getAuthToken()));
        assertEquals(404, raw.status());
        assertEquals(20404, raw.json().get("code").asInt());
    }

    // ---- promotion -------------------------------------------------------------------------------------------

    @Test
    void promotion_makesTheSecondaryThePrimary_andRefusesTheOldPrimaryAtOnce() {
        Family family = newFamily();
        TwilioRestClient oldPrimary = family.client();
        String secondary = SecondaryAuthToken.creator().create(oldPrimary).getSecondaryAuthToken();
        Account.fetcher(family.sid()).fetch(oldPrimary); // warms the credential cache: promotion must still be seen at once

        AuthTokenPromotion promoted = AuthTokenPromotion.updater().update(oldPrimary);
        assertEquals(family.sid(), promoted.getAccountSid());
        assertEquals(secondary, promoted.getAuthToken(), "the new primary is the old secondary");
        assertEquals(URI.create(server.baseUrl() + "/v1/AuthTokens/Promote"), promoted.getUrl());
        assertNotNull(promoted.getDateCreated());
        assertNotNull(promoted.getDateUpdated());

        assertRefused(family.sid(), family.token());
        TwilioRestClient newPrimary = client(family.sid(), secondary);
        assertEquals(secondary, Account.fetcher(family.sid()).fetch(newPrimary).getAuthToken(), "Account shows the new token");
        assertTwilioError(404, 20404, "", () -> SecondaryAuthToken.deleter().delete(newPrimary));
        assertTwilioError(400, 20001, "There is no secondary Auth Token to promote", () -> AuthTokenPromotion.updater().update(newPrimary));
    }

    @Test
    void promotion_answers200_withIsoDatesAndAnAbsoluteUrl() {
        Account sub = newSubaccount();
        String secondary = http.post("/v1/AuthTokens/Secondary", basic(sub.getSid(), sub.getAuthToken()), "")
                .json().get("secondary_auth_token").asText();
        Reply r = http.post("/v1/AuthTokens/Promote", basic(sub.getSid(), sub.getAuthToken()), "");
        assertEquals(200, r.status(), r.body());
        JsonNode v = r.json();
        Set<String> fields = new TreeSet<>();
        v.fieldNames().forEachRemaining(fields::add);
        assertEquals(Set.of("account_sid", "auth_token", "date_created", "date_updated", "url"), fields);
        assertEquals(sub.getSid(), v.get("account_sid").asText());
        assertEquals(secondary, v.get("auth_token").asText());
        assertTrue(v.get("date_created").asText().matches(ISO_8601), v.get("date_created").asText());
        assertTrue(v.get("date_updated").asText().matches(ISO_8601), v.get("date_updated").asText());
        assertEquals(server.baseUrl() + "/v1/AuthTokens/Promote", v.get("url").asText());
    }

    @Test
    void promotionUsingTheSecondaryItself_works() {
        Account sub = newSubaccount();
        String secondary = SecondaryAuthToken.creator().create(client(sub.getSid(), sub.getAuthToken())).getSecondaryAuthToken();
        assertEquals(secondary, AuthTokenPromotion.updater().update(client(sub.getSid(), secondary)).getAuthToken());
        assertRefused(sub.getSid(), sub.getAuthToken());
        assertEquals(secondary, Account.fetcher(sub.getSid()).fetch(main).getAuthToken(), "the main sees the new token too");
    }

    @Test
    void promotionWithoutASecondary_isRefusedWith400() {
        Account sub = newSubaccount();
        assertTwilioError(400, 20001,
                "There is no secondary Auth Token to promote: create one with POST /v1/AuthTokens/Secondary first",
                () -> AuthTokenPromotion.updater().update(client(sub.getSid(), sub.getAuthToken())));
        assertWorks(sub.getSid(), sub.getAuthToken());
    }

    @Test
    void aMainsSecondaryToken_actsOnItsSubaccountsToo() {
        Family family = newFamily();
        Account sub = Account.creator().create(family.client());
        String secondary = SecondaryAuthToken.creator().create(family.client()).getSecondaryAuthToken();
        assertEquals(sub.getSid(), Account.fetcher(sub.getSid()).fetch(client(family.sid(), secondary)).getSid());
    }

    @Test
    void subaccount_managesItsOwnTokens_andOnlyItsOwn() {
        Family family = newFamily();
        Account sub = Account.creator().create(family.client());
        TwilioRestClient subClient = client(sub.getSid(), sub.getAuthToken());

        SecondaryAuthToken created = SecondaryAuthToken.creator().create(subClient);
        assertEquals(sub.getSid(), created.getAccountSid(), "the account is the one whose credentials make the request");
        assertTwilioError(404, 20404, "", () -> SecondaryAuthToken.deleter().delete(family.client()));
        assertTwilioError(401, 20003, "Authenticate", () -> Account.fetcher(family.sid()).fetch(client(sub.getSid(), created.getSecondaryAuthToken())));

        AuthTokenPromotion promoted = AuthTokenPromotion.updater().update(subClient);
        assertEquals(created.getSecondaryAuthToken(), promoted.getAuthToken());
        assertRefused(sub.getSid(), sub.getAuthToken());
        assertWorks(family.sid(), family.token());
        assertEquals(promoted.getAuthToken(), Account.fetcher(sub.getSid()).fetch(family.client()).getAuthToken());
    }

    // ---- bulk rotation over HTTP -----------------------------------------------------------------------------

    static Map<String, String> rotated(JsonNode report) {
        Map<String, String> tokens = new HashMap<>();
        for (JsonNode r : report.get("rotated")) tokens.put(r.get("account_sid").asText(), r.get("auth_token").asText());
        return tokens;
    }

    @Test
    void bulkRotation_rotatesActiveAndSuspendedSubaccounts_skipsClosed_andDropsSecondaries() {
        Family family = newFamily();
        TwilioRestClient fm = family.client();
        Account active = Account.creator().create(fm);
        Account suspended = Account.creator().create(fm);
        Account closed = Account.creator().create(fm);
        String secondary = SecondaryAuthToken.creator().create(client(active.getSid(), active.getAuthToken())).getSecondaryAuthToken();
        assertWorks(active.getSid(), active.getAuthToken()); // both cached as verified
        assertWorks(active.getSid(), secondary);
        Account.updater(suspended.getSid()).setStatus(Account.Status.SUSPENDED).update(fm);
        Account.updater(closed.getSid()).setStatus(Account.Status.CLOSED).update(fm);

        Reply r = http.post(ROTATE, family.auth(), "");
        assertEquals(200, r.status(), r.body());
        assertEquals(family.sid(), r.json().get("account_sid").asText());
        assertEquals(2, r.json().get("count").asInt(), r.body());
        Map<String, String> tokens = rotated(r.json());
        assertEquals(Set.of(active.getSid(), suspended.getSid()), tokens.keySet(), "closed subaccounts are skipped");
        assertNotEquals(active.getAuthToken(), tokens.get(active.getSid()));
        assertNotEquals(suspended.getAuthToken(), tokens.get(suspended.getSid()));

        assertRefused(active.getSid(), active.getAuthToken());
        assertRefused(active.getSid(), secondary);
        assertWorks(active.getSid(), tokens.get(active.getSid()));
        assertTwilioError(404, 20404, "", () -> SecondaryAuthToken.deleter().delete(client(active.getSid(), tokens.get(active.getSid()))));
        assertEquals(tokens.get(active.getSid()), Account.fetcher(active.getSid()).fetch(fm).getAuthToken());

        Account.updater(suspended.getSid()).setStatus(Account.Status.ACTIVE).update(fm);
        assertWorks(suspended.getSid(), tokens.get(suspended.getSid()));
        assertRefused(suspended.getSid(), suspended.getAuthToken());
        assertEquals(closed.getAuthToken(), Account.fetcher(closed.getSid()).fetch(fm).getAuthToken(), "the closed one kept its token");
        assertWorks(family.sid(), family.token());
    }

    @Test
    void bulkRotation_canBeLimitedToSomeSubaccounts() {
        Family family = newFamily();
        Account a = Account.creator().create(family.client());
        Account b = Account.creator().create(family.client());
        Account untouched = Account.creator().create(family.client());

        Reply r = http.post(ROTATE, family.auth(), "AccountSid=" + a.getSid() + "&AccountSid=" + b.getSid());
        assertEquals(200, r.status(), r.body());
        assertEquals(2, r.json().get("count").asInt());
        Map<String, String> tokens = rotated(r.json());
        assertEquals(Set.of(a.getSid(), b.getSid()), tokens.keySet());
        assertWorks(a.getSid(), tokens.get(a.getSid()));
        assertWorks(b.getSid(), tokens.get(b.getSid()));
        assertRefused(a.getSid(), a.getAuthToken());
        assertWorks(untouched.getSid(), untouched.getAuthToken());
    }

    @Test
    void bulkRotation_refusesAnAccountThatIsNotASubaccountOfTheCaller() {
        Family family = newFamily();
        Account own = Account.creator().create(family.client());
        Account stranger = newSubaccount(); // a subaccount of the seeded main, not of this family

        Reply r = http.post(ROTATE, family.auth(), "AccountSid=" + own.getSid() + "&AccountSid=" + stranger.getSid());
        assertEquals(400, r.status(), r.body());
        assertEquals(20001, r.json().get("code").asInt());
        assertTrue(r.json().get("message").asText().contains(stranger.getSid()), "names the account: " + r.body());
        assertWorks(stranger.getSid(), stranger.getAuthToken());

        Reply self = http.post(ROTATE, family.auth(), "AccountSid=" + family.sid());
        assertEquals(400, self.status(), self.body());
        assertEquals(20001, self.json().get("code").asInt());
        assertTrue(self.json().get("message").asText().contains(family.sid()), self.body());
        assertWorks(family.sid(), family.token());
    }

    @Test
    void bulkRotation_isForTheMainAccountsOwnTokenOnly() {
        Family family = newFamily();
        Account sub = Account.creator().create(family.client());
        Reply bySub = http.post(ROTATE, basic(sub.getSid(), sub.getAuthToken()), "");
        assertEquals(403, bySub.status(), bySub.body());
        assertEquals(20403, bySub.json().get("code").asInt());

        NewKey key = NewKey.creator(family.sid()).create(family.client());
        Reply byKey = http.post(ROTATE, basic(key.getSid(), key.getSecret()), "");
        assertEquals(403, byKey.status(), byKey.body());
        assertEquals(20403, byKey.json().get("code").asInt());

        assertWorks(sub.getSid(), sub.getAuthToken());
    }

    // ---- bulk rotation from the CLI --------------------------------------------------------------------------

    /** The subaccounts of a family, with their current tokens, as the Accounts API reads them. */
    static Map<String, String> tokensOfSubaccounts(Family family) {
        Map<String, String> tokens = new HashMap<>();
        Account.reader().read(family.client()).forEach(a -> {
            if (!a.getSid().equals(family.sid())) tokens.put(a.getSid(), a.getAuthToken());
        });
        return tokens;
    }

    @Test
    void bulkRotationOfALargeFamily_goesInStepsOf500_eachAnsweringTheTokensItCommitted() {
        var created = server.app().accounts().createMain(Optional.of("large family"), Optional.empty(), Optional.empty(), 2000);
        Family family = new Family(created.sid(), created.authToken().value());
        server.app().accounts().bulkCreateSubaccounts(family.sid(), 1200, "large", 500, n -> { });
        Map<String, String> before = tokensOfSubaccounts(family);

        Map<String, String> reported = new HashMap<>();
        List<Integer> counts = new java.util.ArrayList<>();
        String body = "";
        while (true) {
            Reply r = http.post(ROTATE, family.auth(), body);
            assertEquals(200, r.status(), r.body());
            counts.add(r.json().get("count").asInt());
            Map<String, String> step = rotated(r.json());
            assertEquals(r.json().get("count").asInt(), step.size());
            step.keySet().forEach(sid -> assertFalse(reported.containsKey(sid), sid + " was rotated by two steps"));
            reported.putAll(step);
            JsonNode next = r.json().get("next_page_token");
            if (next.isNull()) break;
            body = "PageToken=" + next.asText();
        }
        // the main account is the family's first row, so the first step rotates 499 subaccounts
        assertEquals(List.of(499, 500, 201), counts, "steps of at most 500 accounts, each one transaction");
        assertEquals(before.keySet(), reported.keySet(), "every subaccount, once");
        assertEquals(tokensOfSubaccounts(family), reported, "each step answered the tokens it committed");
        reported.forEach((sid, token) -> assertNotEquals(before.get(sid), token));
    }

    @Test
    void bulkRotation_refusesMoreThan500NamedSubaccounts_oneStepsWorth() {
        Family family = newFamily();
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 501; i++) body.append(i == 0 ? "" : "&").append("AccountSid=AC").append(String.format("%032x", i));
        assertTwilioError(http.post(ROTATE, family.auth(), body.toString()), 400, 20001, "At most 500 AccountSid per request");
    }

    @Test
    void cliRotationOfALargeFamily_printsEveryNewTokenOnce() throws Exception {
        var created = server.app().accounts().createMain(Optional.of("large cli family"), Optional.empty(), Optional.empty(), 2000);
        Family family = new Family(created.sid(), created.authToken().value());
        server.app().accounts().bulkCreateSubaccounts(family.sid(), 1100, "cli", 500, n -> { });
        Run run = cli("tokens", "rotate", "--all-subaccounts-of", family.sid());
        assertEquals(0, run.exit(), run.err());
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertEquals(1100, report.get("count").asInt());
        assertEquals(1100, report.get("rotated").size());
        assertEquals(tokensOfSubaccounts(family), rotated(report));
    }

    static Run cli(String... args) { return Cli.against(server, args); } // the running server's store

    @Test
    void cliRotation_printsTheNewTokens_andTheRunningServerRefusesTheOldOnesWithin2s() throws Exception {
        Family family = newFamily();
        Account a = Account.creator().create(family.client());
        Account b = Account.creator().create(family.client());
        assertWorks(a.getSid(), a.getAuthToken()); // cached as verified
        assertWorks(b.getSid(), b.getAuthToken());

        Run run = cli("tokens", "rotate", "--all-subaccounts-of", family.sid());
        assertEquals(0, run.exit(), run.err());
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertEquals(family.sid(), report.get("account_sid").asText());
        assertEquals(2, report.get("count").asInt());
        Map<String, String> tokens = rotated(report);
        assertEquals(Set.of(a.getSid(), b.getSid()), tokens.keySet());

        awaitRefused(a.getSid(), a.getAuthToken());
        awaitRefused(b.getSid(), b.getAuthToken());
        assertWorks(a.getSid(), tokens.get(a.getSid()));
        assertWorks(b.getSid(), tokens.get(b.getSid()));
        assertWorks(family.sid(), family.token());
    }

    /** The change is made by another process (the CLI): the server must notice it within 2 s. */
    private static void awaitRefused(String sid, String token) throws InterruptedException {
        TwilioRestClient c = client(sid, token);
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                Account.fetcher(sid).fetch(c);
            } catch (ApiException e) {
                assertEquals(20003, e.getCode(), e.getMessage());
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the old token of " + sid + " still worked 2 s after the CLI rotated it");
    }
}
