package dev.accountd.it;

import static dev.accountd.support.TwilioAssertions.assertTwilioError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import dev.accountd.support.RecordingHttpClient;
import dev.accountd.support.TestServer;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Account resource through the official twilio-java SDK: create, fetch, update and list. */
class AccountsIT {
    static TestServer server;
    static TwilioRestClient main;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        main = server.mainClient();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close(); // null when the PostgreSQL pass is skipped
    }

    static String unique(String prefix) { return prefix + " " + UUID.randomUUID().toString().substring(0, 8); }

    @Test
    void mainAccount_fetchesItselfWithEveryField() {
        Account me = Account.fetcher(TestServer.MAIN_SID).fetch(main);
        assertEquals(TestServer.MAIN_SID, me.getSid());
        assertEquals(TestServer.MAIN_SID, me.getOwnerAccountSid(), "a main account owns itself");
        assertEquals(TestServer.MAIN_TOKEN, me.getAuthToken());
        assertEquals(Account.Status.ACTIVE, me.getStatus());
        assertEquals(Account.Type.FULL, me.getType());
        assertEquals("/2010-04-01/Accounts/" + TestServer.MAIN_SID + ".json", me.getUri());
        assertNotNull(me.getDateCreated(), "RFC 2822 date parsed by the SDK");
        assertNotNull(me.getDateUpdated());
        assertEquals(Set.of("available_phone_numbers", "calls", "incoming_phone_numbers", "outgoing_caller_ids", "addresses", "signing_keys",
                "keys", "applications", "messages", "balance"), me.getSubresourceUris().keySet(), "what accountd serves, and nothing else");
        assertEquals("/2010-04-01/Accounts/" + TestServer.MAIN_SID + "/Messages.json", me.getSubresourceUris().get("messages"));
    }

    @Test
    void createSubaccount_returnsItsCredentialsAndOwner() {
        String name = unique("customer");
        Account sub = Account.creator().setFriendlyName(name).create(main);
        assertTrue(sub.getSid().matches("^AC[0-9a-f]{32}$"));
        assertEquals(TestServer.MAIN_SID, sub.getOwnerAccountSid());
        assertEquals(name, sub.getFriendlyName());
        assertEquals(Account.Status.ACTIVE, sub.getStatus());
        assertTrue(sub.getAuthToken().matches("^[0-9a-f]{32}$"));
        assertNotEquals(TestServer.MAIN_TOKEN, sub.getAuthToken());
        assertTrue(Duration.between(sub.getDateCreated(), ZonedDateTime.now()).abs().getSeconds() < 60);

        Account again = Account.fetcher(sub.getSid()).fetch(main);
        assertEquals(sub.getAuthToken(), again.getAuthToken());
        assertEquals(name, again.getFriendlyName());
    }

    @Test
    void createSubaccount_withoutFriendlyName_getsTwiliosDefaultName() {
        Account sub = Account.creator().create(main);
        assertTrue(sub.getFriendlyName().matches("^SubAccount Created at \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} (am|pm)$"),
                sub.getFriendlyName());
    }

    @Test
    void friendlyName_longerThan64Characters_isRefused() {
        assertTwilioError(400, 20002, "at most 64 characters",
                () -> Account.creator().setFriendlyName("x".repeat(65)).create(main));
        Account sub = Account.creator().setFriendlyName("y".repeat(64)).create(main);
        assertEquals(64, sub.getFriendlyName().length());
        assertTwilioError(400, 20002, "at most 64 characters",
                () -> Account.updater(sub.getSid()).setFriendlyName("z".repeat(65)).update(main));
    }

    @Test
    void updateFriendlyName_changesOnlyTheName() {
        Account sub = Account.creator().setFriendlyName(unique("before")).create(main);
        String renamed = unique("after");
        Account updated = Account.updater(sub.getSid()).setFriendlyName(renamed).update(main);
        assertEquals(renamed, updated.getFriendlyName());
        assertEquals(sub.getAuthToken(), updated.getAuthToken());
        assertEquals(Account.Status.ACTIVE, updated.getStatus());
        assertEquals(renamed, Account.fetcher(sub.getSid()).fetch(main).getFriendlyName());
    }

    @Test
    void list_pagesThroughEveryAccountExactlyOnce_onePageOfThreePerRequest() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) created.add(Account.creator().setFriendlyName(unique("paged")).create(main).getSid());
        RecordingHttpClient http = new RecordingHttpClient(server.baseUrl());
        TwilioRestClient recorded = TestServer.client(TestServer.MAIN_SID, TestServer.MAIN_TOKEN, http);
        List<String> seen = new ArrayList<>();
        for (Account a : Account.reader().setPageSize(3L).read(recorded)) seen.add(a.getSid());
        assertEquals(new HashSet<>(seen).size(), seen.size(), "no account twice");
        assertEquals(TestServer.MAIN_SID, seen.get(0), "the main account was created first and lists first");
        assertTrue(seen.containsAll(created));

        // The SDK follows next_page_uri until it is null: one request per page of 3, none after the last page
        // (a full last page has no next_page_uri either, since the server reads one row past the page).
        List<String> urls = http.urls();
        int pages = (seen.size() + 2) / 3;
        assertTrue(pages >= 3, "the main account and 7 subaccounts make at least three pages of 3");
        assertEquals(pages, urls.size(), seen.size() + " accounts in pages of 3: " + urls);
        assertTrue(urls.get(0).contains("PageSize=3") && !urls.get(0).contains("PageToken="), "first page: " + urls.get(0));
        for (int page = 1; page < pages; page++) {
            String url = urls.get(page);
            assertTrue(url.matches(".*[?&]Page=" + page + "(&.*)?$") && url.contains("PageSize=3") && url.contains("PageToken="),
                    "page " + page + " is read through next_page_uri: " + url);
        }
    }

    @Test
    void list_filtersByExactFriendlyNameAndByStatus() {
        String name = unique("filtered");
        Account a = Account.creator().setFriendlyName(name).create(main);
        Account b = Account.creator().setFriendlyName(name).create(main);
        Account.creator().setFriendlyName(name + " not exact").create(main);
        Account.updater(b.getSid()).setStatus(Account.Status.SUSPENDED).update(main);

        List<String> byName = new ArrayList<>();
        Account.reader().setFriendlyName(name).read(main).forEach(x -> byName.add(x.getSid()));
        assertEquals(List.of(a.getSid(), b.getSid()), byName);

        List<String> suspended = new ArrayList<>();
        Account.reader().setFriendlyName(name).setStatus(Account.Status.SUSPENDED).read(main).forEach(x -> suspended.add(x.getSid()));
        assertEquals(List.of(b.getSid()), suspended);
    }

    @Test
    void fetch_unknownOrMalformedSid_isNotFound() {
        String unknown = "AC" + "f".repeat(32);
        assertTwilioError(404, 20404, "/2010-04-01/Accounts/" + unknown + ".json was not found",
                () -> Account.fetcher(unknown).fetch(main));
        assertTwilioError(404, 20404, "was not found", () -> Account.fetcher("ACnot-a-sid").fetch(main));
        assertTwilioError(404, 20404, "was not found", () -> Account.fetcher("PN" + "0".repeat(32)).fetch(main));
    }

    @Test
    void wrongToken_isRefusedWithAuthenticate() {
        assertTwilioError(401, 20003, "Authenticate",
                () -> Account.fetcher(TestServer.MAIN_SID).fetch(server.client(TestServer.MAIN_SID, "wrong")));
        assertTwilioError(401, 20003, "Authenticate",
                () -> Account.fetcher(TestServer.MAIN_SID).fetch(server.client("AC" + "1".repeat(32), TestServer.MAIN_TOKEN)));
    }
}
