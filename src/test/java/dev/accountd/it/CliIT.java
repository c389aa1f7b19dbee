package dev.accountd.it;

import static dev.accountd.support.TwilioAssertions.assertTwilioError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.exception.ApiException;
import com.twilio.rest.api.v2010.Account;
import dev.accountd.support.Cli;
import dev.accountd.support.Cli.Run;
import dev.accountd.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Operator commands on the same store as a running server: JSON on stdout, and the server notices at once. */
class CliIT {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() {
        if (server != null) server.close(); // null when the PostgreSQL pass is skipped
    }

    /** Runs a CLI command against the test server's store. */
    static Run cli(String... args) { return Cli.against(server, args); }

    static Run cliRaw(String... args) { return Cli.run(args); }

    @Test
    void createMain_printsCredentialsThatWork() throws Exception {
        Run run = cli("accounts", "create-main", "--friendly-name", "from the cli");
        assertEquals(0, run.exit(), run.err());
        JsonNode created = new ObjectMapper().readTree(run.out());
        String sid = created.get("account_sid").asText();
        String token = created.get("auth_token").asText();
        Account fetched = Account.fetcher(sid).fetch(server.client(sid, token));
        assertEquals("from the cli", fetched.getFriendlyName());
        assertEquals(sid, fetched.getOwnerAccountSid());
    }

    @Test
    void suspendMain_fromAnotherProcess_reachesTheRunningServer() throws Exception {
        JsonNode created = new ObjectMapper().readTree(cli("accounts", "create-main").out());
        String sid = created.get("account_sid").asText();
        var client = server.client(sid, created.get("auth_token").asText());
        Account sub = Account.creator().create(client);
        var subClient = server.client(sub.getSid(), sub.getAuthToken());
        Account.fetcher(sub.getSid()).fetch(subClient); // cached as verified

        Run suspend = cli("accounts", "suspend-main", sid);
        assertEquals(0, suspend.exit(), suspend.err());
        assertEquals("suspended", new ObjectMapper().readTree(suspend.out()).get("status").asText());
        awaitRefused(() -> Account.fetcher(sub.getSid()).fetch(subClient));
        assertTwilioError(401, 20003, "Authenticate", () -> Account.fetcher(sid).fetch(client));

        assertEquals(0, cli("accounts", "reactivate-main", sid).exit());
        // another process's change reaches the server's caches within 100 ms (it polls the store's change epoch)
        assertEquals(Account.Status.ACTIVE, awaitAccepted(() -> Account.fetcher(sub.getSid()).fetch(subClient)).getStatus());
    }

    @Test
    void bulkChange_suspendsListedSubaccounts_asTheApiWould() throws Exception {
        JsonNode created = new ObjectMapper().readTree(cli("accounts", "create-main").out());
        String sid = created.get("account_sid").asText();
        var client = server.client(sid, created.get("auth_token").asText());
        Account a = Account.creator().create(client);
        Account b = Account.creator().create(client);
        Run run = cli("accounts", "bulk-change", "--main", sid, "--action", "suspend", "--sid", a.getSid(), "--sid", b.getSid());
        assertEquals(0, run.exit(), run.err());
        JsonNode result = new ObjectMapper().readTree(run.out());
        assertEquals(2, result.get("changed").asInt(), run.out());
        Account.Status seen = null;
        for (int i = 0; i < 100 && seen != Account.Status.SUSPENDED; i++) { // the server's cache hears of it within 100 ms
            seen = Account.fetcher(b.getSid()).fetch(client).getStatus();
            Thread.sleep(20);
        }
        assertEquals(Account.Status.SUSPENDED, seen);
        Run again = cli("accounts", "bulk-change", "--main", sid, "--action", "suspend", "--sid", a.getSid());
        assertEquals("unchanged", new ObjectMapper().readTree(again.out()).get("targets").get(0).get("outcome").asText(), again.out());
    }

    @Test
    void settings_changeTheSubaccountLimit() throws Exception {
        Run run = cli("accounts", "settings", TestServer.MAIN_SID, "--subaccount-limit", "5000");
        assertEquals(0, run.exit(), run.err());
        assertEquals(5000, new ObjectMapper().readTree(run.out()).get("subaccount_limit").asInt());
    }

    @Test
    void invalidConfiguration_stopsWithOneClearLine() {
        Run run = cli("accounts", "suspend-main", "ACnope");
        assertEquals(2, run.exit());
        assertTrue(run.err().startsWith("accountd: no main account ACnope"), run.err());
        Run badDb = cliRaw("migrate", "--db", "mysql://x");
        assertEquals(2, badDb.exit());
        assertTrue(badDb.err().contains("invalid --db"), badDb.err());
    }

    /** The change is made by another process: the server's watcher sees it within 100 ms; allow 2 s on a busy machine. */
    private static <T> T awaitAccepted(java.util.function.Supplier<T> call) throws InterruptedException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (true) {
            try {
                return call.get();
            } catch (ApiException e) {
                assertEquals(20003, e.getCode());
                if (System.nanoTime() > deadline) throw new AssertionError("the reactivation was not noticed within 2 s");
            }
            Thread.sleep(20);
        }
    }

    private static void awaitRefused(Runnable call) throws InterruptedException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                call.run();
            } catch (ApiException e) {
                assertEquals(20003, e.getCode());
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the suspension was not noticed within 2 s");
    }
}
