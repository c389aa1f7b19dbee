package dev.accountd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.accountd.support.ExternalProcess;
import dev.accountd.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs the console's browser tests ({@code compat/browser}: playwright-core driving Debian's headless Chromium,
 * Node's built-in test runner) against a fresh accountd with the sandbox tools on. Skipped when {@code node} or
 * {@code /usr/bin/chromium} is missing (a failure instead with ACCOUNTD_REQUIRE_BROWSER=true, as in CI); no browser
 * is ever downloaded. The screenshots the tests take go to target/console-screenshots.
 */
class ConsoleBrowserIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void consoleBrowserSuite_passesAgainstAccountd() throws Exception {
        ExternalProcess.requireOrSkip(!ExternalProcess.onPath("node").isEmpty() && Files.isExecutable(CHROMIUM), "ACCOUNTD_REQUIRE_BROWSER",
                "console browser tests: they need `node` (Node.js 18 or newer) on PATH and Chromium at " + CHROMIUM);
        Path suite = ExternalProcess.nodeProject("browser");
        Path screenshots = Path.of(System.getProperty("user.dir")).resolve("target").resolve("console-screenshots");

        try (TestServer server = TestServer.start(Map.of("ACCOUNTD_SANDBOX", "true", "ACCOUNTD_CLOCK", "manual"))) {
            // No path argument: Node finds *.test.mjs in the working directory by itself (see NodeClientIT).
            ExternalProcess.Result tests = ExternalProcess.run(List.of("node", "--test"), suite, Map.of(
                    "ACCOUNTD_BASE_URL", server.baseUrl(),
                    "ACCOUNTD_MAIN_SID", TestServer.MAIN_SID,
                    "ACCOUNTD_MAIN_TOKEN", TestServer.MAIN_TOKEN,
                    "ACCOUNTD_SCREENSHOTS", screenshots.toString()), TIMEOUT);
            assertEquals(0, tests.exitCode(), "console browser tests failed; full output is in the test's stdout. Tail:\n"
                    + ExternalProcess.tail(tests.output()));
        }
    }
}
