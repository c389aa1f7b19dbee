package dev.accountd.it;

import static dev.accountd.support.TwilioAssertions.assertTwilioError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.twilio.rest.api.v2010.Account;
import dev.accountd.support.TestServer;
import dev.accountd.support.TestStore;
import org.junit.jupiter.api.Test;

/** Accounts and their credentials survive a restart on the same data directory, and tokens are not stored in clear. */
class RestartIT {
    @Test
    void accountsAndCredentials_surviveARestart() throws Exception {
        try (TestStore store = TestStore.fresh()) {
            Account active;
            Account closed;
            try (TestServer first = TestServer.startOn(store)) {
                active = Account.creator().setFriendlyName("survivor").create(first.mainClient());
                closed = Account.creator().setFriendlyName("closed before restart").create(first.mainClient());
                Account.updater(closed.getSid()).setStatus(Account.Status.CLOSED).update(first.mainClient());
            }
            try (TestServer second = TestServer.startOn(store)) {
                var asSub = second.client(active.getSid(), active.getAuthToken());
                Account again = Account.fetcher(active.getSid()).fetch(asSub);
                assertEquals("survivor", again.getFriendlyName());
                assertEquals(active.getAuthToken(), again.getAuthToken());
                assertEquals(Account.Status.CLOSED, Account.fetcher(closed.getSid()).fetch(second.mainClient()).getStatus());
                assertTwilioError(401, 20003, "Authenticate",
                        () -> Account.fetcher(closed.getSid()).fetch(second.client(closed.getSid(), closed.getAuthToken())));
                assertEquals(TestServer.MAIN_SID, Account.fetcher(TestServer.MAIN_SID).fetch(second.mainClient()).getSid());
            }
            String everything = store.everythingStored();
            assertFalse(TestStore.contains(everything, active.getAuthToken()), "auth tokens are encrypted at rest");
            assertFalse(TestStore.contains(everything, TestServer.MAIN_TOKEN), "the seeded token is encrypted at rest too");
        }
    }

    @Test
    void aServerWithAnotherMasterKey_refusesToStart() {
        try (TestStore store = TestStore.fresh()) {
            TestServer.startOn(store).close();
            String otherKey = java.util.Base64.getEncoder().encodeToString(new byte[32]);
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> TestServer.startOn(store, java.util.Map.of("ACCOUNTD_MASTER_KEY", otherKey)));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("created with another master key"), e.getMessage());
        }
    }
}
