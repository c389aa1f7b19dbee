package dev.accountd.it;

import static dev.accountd.support.TwilioAssertions.assertTwilioError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import dev.accountd.support.Storms;
import dev.accountd.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The per-main subaccount limit (Twilio's default: 1000): active and suspended subaccounts count, closed ones do not. */
class SubaccountLimitIT {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() {
        if (server != null) server.close(); // null when the PostgreSQL pass is skipped
    }

    static TwilioRestClient newFamily(int limit) {
        var main = server.app().accounts().createMain(Optional.of("limited"), Optional.empty(), Optional.empty(), limit);
        return server.client(main.sid(), main.authToken().value());
    }

    @Test
    void reachingTheLimit_isRefused_andClosingFreesAPlace() {
        TwilioRestClient main = newFamily(3);
        Account a = Account.creator().create(main);
        Account b = Account.creator().create(main);
        Account.creator().create(main);
        Account.updater(b.getSid()).setStatus(Account.Status.SUSPENDED).update(main);
        assertTwilioError(400, 21480, "Reached maximum number of subaccounts", () -> Account.creator().create(main));

        Account.updater(a.getSid()).setStatus(Account.Status.CLOSED).update(main);
        Account.creator().create(main);
        assertTwilioError(400, 21480, "Reached maximum number of subaccounts", () -> Account.creator().create(main));
    }

    @Test
    void defaultLimit_is1000() {
        var settings = server.app().accounts().updateSettings(TestServer.MAIN_SID, Optional.empty(), Optional.empty());
        assertEquals(1000, settings.subaccountLimit());
    }

    @Test
    void concurrentCreates_neverExceedTheLimit() throws Exception {
        TwilioRestClient main = newFamily(25);
        assertEquals(25, Storms.concurrentCreates(List.of(main), 60));
        List<Account> listed = new ArrayList<>();
        Account.reader().setPageSize(1000L).read(main).forEach(listed::add);
        assertEquals(26, listed.size(), "the main account and exactly 25 subaccounts");
    }
}
