package dev.accountd.it;

import static dev.accountd.support.TwilioAssertions.assertTwilioError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.twilio.rest.api.v2010.Account;
import dev.accountd.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Accounts and their credentials survive a restart on the same data directory, and tokens are not stored in clear. */
class RestartIT {
    @Test
    void accountsAndCredentials_surviveARestart() throws Exception {
        Path data = Files.createTempDirectory("accountd-restart");
        try {
            Account active;
            Account closed;
            try (TestServer first = TestServer.startOn(data)) {
                active = Account.creator().setFriendlyName("survivor").create(first.mainClient());
                closed = Account.creator().setFriendlyName("closed before restart").create(first.mainClient());
                Account.updater(closed.getSid()).setStatus(Account.Status.CLOSED).update(first.mainClient());
            }
            try (TestServer second = TestServer.startOn(data)) {
                var asSub = second.client(active.getSid(), active.getAuthToken());
                Account again = Account.fetcher(active.getSid()).fetch(asSub);
                assertEquals("survivor", again.getFriendlyName());
                assertEquals(active.getAuthToken(), again.getAuthToken());
                assertEquals(Account.Status.CLOSED, Account.fetcher(closed.getSid()).fetch(second.mainClient()).getStatus());
                assertTwilioError(401, 20003, "Authenticate",
                        () -> Account.fetcher(closed.getSid()).fetch(second.client(closed.getSid(), closed.getAuthToken())));
                assertEquals(TestServer.MAIN_SID, Account.fetcher(TestServer.MAIN_SID).fetch(second.mainClient()).getSid());
            }
            String everything = readAll(data);
            assertFalse(everything.contains(active.getAuthToken()), "auth tokens are encrypted at rest");
            assertFalse(everything.contains(TestServer.MAIN_TOKEN), "the seeded token is encrypted at rest too");
        } finally {
            TestServer.deleteRecursively(data);
        }
    }

    private static String readAll(Path dir) throws Exception {
        StringBuilder all = new StringBuilder();
        try (var files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }
}
