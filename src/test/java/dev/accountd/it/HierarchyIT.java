package dev.accountd.it;

import static dev.accountd.support.TwilioAssertions.assertTwilioError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import dev.accountd.domain.MainAccountSettings;
import dev.accountd.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who may see and change which account: a main account reaches its family, a subaccount only itself. */
class HierarchyIT {
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

    static TwilioRestClient as(Account account) { return server.client(account.getSid(), account.getAuthToken()); }

    @Test
    void subaccount_seesOnlyItself() {
        Account sub = Account.creator().setFriendlyName("tenant a").create(main);
        Account sibling = Account.creator().setFriendlyName("tenant b").create(main);

        assertEquals(sub.getSid(), Account.fetcher(sub.getSid()).fetch(as(sub)).getSid());
        assertTwilioError(401, 20003, "Authenticate", () -> Account.fetcher(TestServer.MAIN_SID).fetch(as(sub)));
        assertTwilioError(401, 20003, "Authenticate", () -> Account.fetcher(sibling.getSid()).fetch(as(sub)));
        assertTwilioError(401, 20003, "Authenticate",
                () -> Account.updater(sibling.getSid()).setFriendlyName("hijacked").update(as(sub)));

        List<String> listed = new ArrayList<>();
        Account.reader().read(as(sub)).forEach(a -> listed.add(a.getSid()));
        assertEquals(List.of(sub.getSid()), listed);
    }

    @Test
    void subaccount_reachingAnUnknownAccount_looksLikeBadCredentials() {
        Account sub = Account.creator().create(main);
        assertTwilioError(401, 20003, "Authenticate", () -> Account.fetcher("AC" + "e".repeat(32)).fetch(as(sub)));
    }

    @Test
    void subaccount_mayRenameItself() {
        Account sub = Account.creator().create(main);
        assertEquals("renamed by itself", Account.updater(sub.getSid()).setFriendlyName("renamed by itself").update(as(sub)).getFriendlyName());
    }

    @Test
    void subaccount_cannotOwnSubaccounts() {
        Account sub = Account.creator().create(main);
        assertTwilioError(400, 21101, "Subaccounts cannot contain subaccounts", () -> Account.creator().create(as(sub)));
    }

    @Test
    void mainAccount_cannotReachAnotherFamily() {
        Account otherMain = toSdk(server.app().accounts().createMain(Optional.of("other family"), Optional.empty(), Optional.empty(),
                MainAccountSettings.DEFAULT_SUBACCOUNT_LIMIT));
        Account otherSub = Account.creator().create(as(otherMain));

        assertTwilioError(401, 20003, "Authenticate", () -> Account.fetcher(otherSub.getSid()).fetch(main));
        assertTwilioError(401, 20003, "Authenticate", () -> Account.fetcher(otherMain.getSid()).fetch(main));
        assertTwilioError(401, 20003, "Authenticate",
                () -> Account.updater(otherSub.getSid()).setStatus(Account.Status.SUSPENDED).update(main));

        List<String> listed = new ArrayList<>();
        Account.reader().read(as(otherMain)).forEach(a -> listed.add(a.getSid()));
        assertEquals(List.of(otherMain.getSid(), otherSub.getSid()), listed, "a main lists itself and its own subaccounts only");
    }

    /** An SDK view of an account the operator made directly. */
    static Account toSdk(dev.accountd.domain.Account a) {
        return Account.fetcher(a.sid()).fetch(server.client(a.sid(), a.authToken().value()));
    }
}
