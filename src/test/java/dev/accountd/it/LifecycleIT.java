package dev.accountd.it;

import static dev.accountd.support.TwilioAssertions.assertTwilioError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import dev.accountd.domain.AccountStatus;
import dev.accountd.support.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Suspension, reactivation and closure, and what each does to an account's own credentials. */
class LifecycleIT {
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
    void suspendedSubaccount_cannotAuthenticate_untilReactivated() {
        Account sub = Account.creator().create(main);
        Account.fetcher(sub.getSid()).fetch(as(sub)); // warms the credential cache: suspension must still be seen at once

        Account suspended = Account.updater(sub.getSid()).setStatus(Account.Status.SUSPENDED).update(main);
        assertEquals(Account.Status.SUSPENDED, suspended.getStatus());
        assertTwilioError(401, 20003, "Authenticate", () -> Account.fetcher(sub.getSid()).fetch(as(sub)));
        assertEquals(Account.Status.SUSPENDED, Account.fetcher(sub.getSid()).fetch(main).getStatus(), "the main still sees it");

        Account.updater(sub.getSid()).setStatus(Account.Status.ACTIVE).update(main);
        assertEquals(Account.Status.ACTIVE, Account.fetcher(sub.getSid()).fetch(as(sub)).getStatus());
    }

    @Test
    void closedSubaccount_cannotAuthenticate_andStaysListed() {
        Account sub = Account.creator().setFriendlyName("to close").create(main);
        Account.fetcher(sub.getSid()).fetch(as(sub));

        Account closed = Account.updater(sub.getSid()).setStatus(Account.Status.CLOSED).update(main);
        assertEquals(Account.Status.CLOSED, closed.getStatus());
        assertTwilioError(401, 20003, "Authenticate", () -> Account.fetcher(sub.getSid()).fetch(as(sub)));
        assertEquals(Account.Status.CLOSED, Account.fetcher(sub.getSid()).fetch(main).getStatus());

        List<String> closedOnes = new ArrayList<>();
        Account.reader().setStatus(Account.Status.CLOSED).read(main).forEach(a -> closedOnes.add(a.getSid()));
        assertTrue(closedOnes.contains(sub.getSid()));
    }

    @Test
    void closedSubaccount_cannotBeReactivatedOrChanged() {
        Account sub = Account.creator().create(main);
        Account.updater(sub.getSid()).setStatus(Account.Status.CLOSED).update(main);
        assertTwilioError(400, 21479, "Unable to update Status for subaccount, subaccount has been closed.",
                () -> Account.updater(sub.getSid()).setStatus(Account.Status.ACTIVE).update(main));
        assertTwilioError(400, 21479, "subaccount has been closed", () -> Account.updater(sub.getSid()).setStatus(Account.Status.SUSPENDED).update(main));
        assertTwilioError(400, 21479, "subaccount has been closed", () -> Account.updater(sub.getSid()).setFriendlyName("new name").update(main));
        assertEquals(Account.Status.CLOSED, Account.updater(sub.getSid()).setStatus(Account.Status.CLOSED).update(main).getStatus(),
                "closing a closed account again changes nothing");
    }

    @Test
    void mainAccount_cannotBeSuspendedOrClosedThroughTheApi() {
        assertTwilioError(403, 20403, "main account cannot be suspended or closed",
                () -> Account.updater(TestServer.MAIN_SID).setStatus(Account.Status.SUSPENDED).update(main));
        assertTwilioError(403, 20403, "main account cannot be suspended or closed",
                () -> Account.updater(TestServer.MAIN_SID).setStatus(Account.Status.CLOSED).update(main));
        assertEquals(Account.Status.ACTIVE, Account.fetcher(TestServer.MAIN_SID).fetch(main).getStatus());
    }

    @Test
    void subaccount_cannotChangeItsOwnStatus() {
        Account sub = Account.creator().create(main);
        assertTwilioError(403, 20403, "Only the main account",
                () -> Account.updater(sub.getSid()).setStatus(Account.Status.CLOSED).update(as(sub)));
        assertTwilioError(403, 20403, "Only the main account",
                () -> Account.updater(sub.getSid()).setStatus(Account.Status.SUSPENDED).update(as(sub)));
        assertEquals(Account.Status.ACTIVE, Account.fetcher(sub.getSid()).fetch(main).getStatus());
    }

    @Test
    void suspendedMainAccount_suspendsItsWholeFamily_untilReactivated() {
        var family = server.app().accounts().createMain(Optional.of("operator suspends me"), Optional.empty(), Optional.empty(), 10);
        TwilioRestClient familyMain = server.client(family.sid(), family.authToken().value());
        Account sub = Account.creator().create(familyMain);
        Account.fetcher(sub.getSid()).fetch(as(sub));

        server.app().accounts().setMainStatus(family.sid(), AccountStatus.SUSPENDED);
        assertTwilioError(401, 20003, "Authenticate", () -> Account.fetcher(family.sid()).fetch(familyMain));
        assertTwilioError(401, 20003, "Authenticate", () -> Account.fetcher(sub.getSid()).fetch(as(sub)));

        server.app().accounts().setMainStatus(family.sid(), AccountStatus.ACTIVE);
        assertEquals(Account.Status.ACTIVE, Account.fetcher(sub.getSid()).fetch(as(sub)).getStatus(),
                "the subaccount returns to its own status");
        assertEquals(Account.Status.ACTIVE, Account.fetcher(family.sid()).fetch(familyMain).getStatus());
    }

    @Test
    void closedSubaccounts_areDeleted30DaysAfterClosure() {
        Account keep = Account.creator().create(main);
        Account gone = Account.creator().create(main);
        Account.updater(gone.getSid()).setStatus(Account.Status.CLOSED).update(main);

        server.clock().advance(Duration.ofDays(29));
        server.app().deleteExpiredClosedSubaccounts();
        assertEquals(Account.Status.CLOSED, Account.fetcher(gone.getSid()).fetch(main).getStatus(), "kept for 30 days");

        server.clock().advance(Duration.ofDays(1).plusMinutes(1));
        assertTrue(server.app().deleteExpiredClosedSubaccounts() >= 1);
        assertTwilioError(404, 20404, "was not found", () -> Account.fetcher(gone.getSid()).fetch(main));
        List<String> listed = new ArrayList<>();
        Account.reader().read(main).forEach(a -> listed.add(a.getSid()));
        assertTrue(!listed.contains(gone.getSid()) && listed.contains(keep.getSid()));
    }

    @Test
    void automaticDeletion_canBeTurnedOffPerMainAccount() {
        var family = server.app().accounts().createMain(Optional.of("keeps closed ones"), Optional.empty(), Optional.empty(), 10);
        server.app().accounts().updateSettings(family.sid(), Optional.empty(), Optional.of(false));
        TwilioRestClient familyMain = server.client(family.sid(), family.authToken().value());
        Account sub = Account.creator().create(familyMain);
        Account.updater(sub.getSid()).setStatus(Account.Status.CLOSED).update(familyMain);

        server.clock().advance(Duration.ofDays(45));
        server.app().deleteExpiredClosedSubaccounts();
        assertEquals(Account.Status.CLOSED, Account.fetcher(sub.getSid()).fetch(familyMain).getStatus());
    }
}
