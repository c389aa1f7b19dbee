package dev.accountd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.monitor.v1.Event;
import dev.accountd.support.RecordingHttpClient;
import dev.accountd.support.TestServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code list(limit=N)} with N over 1000, as every official SDK sends it ({@code PageSize=N}): served in pages of
 * 1000 that the SDK follows to the end, never refused.
 */
class LargeListsIT {
    static final int SUBACCOUNTS = 1500;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        server.app().accounts().updateSettings(TestServer.MAIN_SID, Optional.of(SUBACCOUNTS + 10), Optional.empty());
        server.app().accounts().bulkCreateSubaccounts(TestServer.MAIN_SID, SUBACCOUNTS, "large", 500, n -> { });
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void accountsReaderWithLimit5000_readsAll1501AccountsInPagesOf1000() {
        RecordingHttpClient http = new RecordingHttpClient(server.baseUrl());
        TwilioRestClient client = TestServer.client(TestServer.MAIN_SID, TestServer.MAIN_TOKEN, http);
        List<String> sids = new ArrayList<>();
        Account.reader().limit(5000).read(client).forEach(a -> sids.add(a.getSid()));

        assertEquals(SUBACCOUNTS + 1, sids.size(), "the main account and every subaccount");
        assertEquals(SUBACCOUNTS + 1, new HashSet<>(sids).size(), "none twice");
        List<String> urls = http.urls();
        assertEquals(2, urls.size(), "two pages: 1000, then 501 (" + urls + ")");
        assertTrue(urls.get(0).contains("PageSize=5000"), "the SDK asks for its limit: " + urls.get(0));
        assertTrue(urls.get(1).contains("PageSize=1000") && urls.get(1).contains("Page=1"), "and follows next_page_uri: " + urls.get(1));
    }

    @Test
    void eventsReaderWithLimit5000_readsEveryEventOfAv1List() {
        List<String> created = new ArrayList<>();
        Event.reader().setEventType("account.created").limit(5000).read(server.mainClient()).forEach(e -> created.add(e.getSid()));
        assertEquals(SUBACCOUNTS + 1, created.size(), "one account.created event per account, the main account's included");
        assertEquals(created.size(), new HashSet<>(created).size());
    }

    @Test
    void aLimitBelowOnePage_stillReadsExactlyTheLimit() {
        List<String> sids = new ArrayList<>();
        Account.reader().limit(1200).read(server.mainClient()).forEach(a -> sids.add(a.getSid()));
        assertEquals(1200, sids.size());
    }
}
