package dev.accountd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.accountd.support.ExternalProcess;
import dev.accountd.support.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Runs the twilio-node compatibility suite ({@code compat/node}, Node's built-in test runner) against a fresh
 * accountd, so a second official helper library checks the wire contract in every build. Skipped when
 * {@code node} is not installed; installs the locked dependencies with {@code npm ci} when they are missing.
 */
class NodeClientIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    @Test
    void twilioNodeSuite_passesAgainstAccountd() throws Exception {
        ExternalProcess.requireOrSkip(!ExternalProcess.onPath("node").isEmpty(), "ACCOUNTD_REQUIRE_NODE",
                "twilio-node compatibility suite: `node` (Node.js 20 or newer) is not on PATH");
        Path suite = ExternalProcess.nodeProject();

        try (TestServer server = TestServer.start()) {
            // paging.test.mjs lists more than 1500 accounts, past Twilio's default limit of 1000 subaccounts
            server.app().accounts().updateSettings(TestServer.MAIN_SID, Optional.of(5000), Optional.empty());
            // No path argument: with the working directory in compat/node, every Node version from 20 on finds
            // *.test.mjs by itself (Node 21+ treats a directory argument as a glob and fails with MODULE_NOT_FOUND).
            ExternalProcess.Result tests = ExternalProcess.run(List.of("node", "--test"), suite, Map.of(
                    "ACCOUNTD_BASE_URL", server.baseUrl(),
                    "ACCOUNTD_MAIN_SID", TestServer.MAIN_SID,
                    "ACCOUNTD_MAIN_TOKEN", TestServer.MAIN_TOKEN), TIMEOUT);
            assertEquals(0, tests.exitCode(), "twilio-node suite failed; full output is in the test's stdout. Tail:\n"
                    + ExternalProcess.tail(tests.output()));
        }
    }
}
