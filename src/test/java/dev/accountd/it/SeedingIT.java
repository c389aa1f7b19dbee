package dev.accountd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.rest.api.v2010.Account;
import dev.accountd.Accountd;
import dev.accountd.support.TestServer;
import dev.accountd.support.TestStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The first start of an install: the main account's credentials reach main-account.json before the account exists,
 * so they can never be lost, and of several nodes starting at once on one empty database exactly one creates it.
 */
class SeedingIT {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Nodes that share a database share its master key. */
    static final java.util.Map<String, String> KEY = java.util.Map.of("ACCOUNTD_MASTER_KEY",
            java.util.Base64.getEncoder().encodeToString(new byte[32]));

    static JsonNode credentials(Path dataDir) throws Exception {
        return JSON.readTree(dataDir.resolve(Accountd.MAIN_ACCOUNT_FILE).toFile());
    }

    static List<String> accountsSeenWith(TestServer server, JsonNode credentials) {
        List<String> sids = new ArrayList<>();
        Account.reader().read(server.client(credentials.get("account_sid").asText(), credentials.get("auth_token").asText()))
                .forEach(a -> sids.add(a.getSid()));
        return sids;
    }

    @Test
    void credentialsWrittenByAStartThatDiedBeforeCreatingTheAccount_becomeTheMainAccount() throws Exception {
        try (TestStore store = TestStore.fresh()) {
            String sid = "AC" + "5".repeat(32);
            Path file = store.dataDir().resolve(Accountd.MAIN_ACCOUNT_FILE);
            Files.writeString(file, "{\"account_sid\":\"" + sid + "\",\"auth_token\":\"recovered-token-0123456789\"}");
            try (TestServer server = TestServer.startUnseeded(store, store.dataDir(), KEY)) {
                assertEquals(List.of(sid), accountsSeenWith(server, credentials(store.dataDir())));
            }
        }
    }

    @Test
    void whenTheCredentialsCannotBeWritten_noAccountIsCreated() throws Exception {
        try (TestStore store = TestStore.fresh()) {
            // main-account.json cannot be created where a directory of that name stands
            Files.createDirectories(store.dataDir().resolve(Accountd.MAIN_ACCOUNT_FILE).resolve("in-the-way"));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> TestServer.startUnseeded(store, store.dataDir(), KEY));
            assertTrue(e.getMessage().contains(Accountd.MAIN_ACCOUNT_FILE), e.getMessage());
            Files.delete(store.dataDir().resolve(Accountd.MAIN_ACCOUNT_FILE).resolve("in-the-way"));
            Files.delete(store.dataDir().resolve(Accountd.MAIN_ACCOUNT_FILE));
            try (TestServer server = TestServer.startUnseeded(store, store.dataDir(), KEY)) {
                assertEquals(1, accountsSeenWith(server, credentials(store.dataDir())).size(),
                        "the failed start left the store empty, so this one created the only main account");
            }
        }
    }

    @Test
    void nodesStartingTogetherOnOneEmptyDatabase_createOneMainAccount() throws Exception {
        Assumptions.assumeTrue(TestStore.postgres(), "several nodes share a PostgreSQL store");
        for (int round = 0; round < 3; round++) {
            try (TestStore store = TestStore.fresh()) {
                List<Path> dirs = List.of(Files.createTempDirectory("node-a"), Files.createTempDirectory("node-b"),
                        Files.createTempDirectory("node-c"));
                ExecutorService pool = Executors.newFixedThreadPool(dirs.size());
                List<TestServer> nodes = new ArrayList<>();
                try {
                    List<Future<TestServer>> started = new ArrayList<>();
                    for (Path dir : dirs) started.add(pool.submit((Callable<TestServer>) () -> TestServer.startUnseeded(store, dir, KEY)));
                    for (Future<TestServer> f : started) nodes.add(f.get());
                    List<Path> withFile = dirs.stream().filter(d -> Files.exists(d.resolve(Accountd.MAIN_ACCOUNT_FILE))).toList();
                    assertEquals(1, withFile.size(), "only the node that created the main account keeps a credentials file");
                    JsonNode winner = credentials(withFile.get(0));
                    for (TestServer node : nodes) {
                        assertEquals(List.of(winner.get("account_sid").asText()), accountsSeenWith(node, winner),
                                "every node serves the one main account");
                    }
                } finally {
                    nodes.forEach(TestServer::stop);
                    pool.shutdownNow();
                    dirs.forEach(TestServer::deleteRecursively);
                }
            }
        }
    }

    @Test
    void nodesSharingADataDirectory_agreeOnOneCredentialsFile() throws Exception {
        Assumptions.assumeTrue(TestStore.postgres(), "several nodes share a PostgreSQL store");
        try (TestStore store = TestStore.fresh()) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<TestServer> nodes = new ArrayList<>();
            try {
                List<Future<TestServer>> started = new ArrayList<>();
                for (int i = 0; i < 2; i++) started.add(pool.submit((Callable<TestServer>) () -> TestServer.startUnseeded(store, store.dataDir(), KEY)));
                for (Future<TestServer> f : started) nodes.add(f.get());
                JsonNode file = credentials(store.dataDir());
                for (TestServer node : nodes) assertEquals(1, accountsSeenWith(node, file).size());
                try (var leftovers = Files.list(store.dataDir())) {
                    assertFalse(leftovers.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file is left");
                }
            } finally {
                nodes.forEach(TestServer::stop);
                pool.shutdownNow();
            }
        }
    }
}
