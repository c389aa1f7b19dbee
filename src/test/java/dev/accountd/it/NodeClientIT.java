package dev.accountd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.accountd.support.TestServer;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs the twilio-node compatibility suite ({@code compat/node}, Node's built-in test runner) against a fresh
 * accountd, so a second official helper library checks the wire contract in every build. Skipped when
 * {@code node} is not installed; installs the locked dependencies with {@code npm ci} when they are missing.
 */
class NodeClientIT {
    private static final long TIMEOUT_MINUTES = 5;
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");

    @Test
    void twilioNodeSuite_passesAgainstAccountd() throws Exception {
        Path project = Path.of(System.getProperty("user.dir"));
        Path suite = project.resolve("compat").resolve("node");
        assertTrue(Files.isRegularFile(suite.resolve("package.json")), "missing " + suite.resolve("package.json"));

        if ("true".equals(System.getenv("ACCOUNTD_REQUIRE_NODE"))) {
            assertTrue(onPath("node"), "ACCOUNTD_REQUIRE_NODE=true but `node` is not on PATH");
        }
        Assumptions.assumeTrue(onPath("node"),
                "twilio-node compatibility suite skipped: `node` (Node.js 20 or newer) is not on PATH");

        if (!Files.isDirectory(suite.resolve("node_modules"))) {
            Run install = run(List.of(WINDOWS ? "npm.cmd" : "npm", "ci", "--no-audit", "--no-fund"), suite, Map.of());
            assertEquals(0, install.exitCode, "`npm ci` in " + suite + " failed:\n" + tail(install.output));
        }

        try (TestServer server = TestServer.start()) {
            // paging.test.mjs lists more than 1500 accounts, past Twilio's default limit of 1000 subaccounts
            server.app().accounts().updateSettings(TestServer.MAIN_SID, Optional.of(5000), Optional.empty());
            // No path argument: with the working directory in compat/node, every Node version from 20 on finds
            // *.test.mjs by itself (Node 21+ treats a directory argument as a glob and fails with MODULE_NOT_FOUND).
            Run tests = run(List.of("node", "--test"), suite, Map.of(
                    "ACCOUNTD_BASE_URL", server.baseUrl(),
                    "ACCOUNTD_MAIN_SID", TestServer.MAIN_SID,
                    "ACCOUNTD_MAIN_TOKEN", TestServer.MAIN_TOKEN));
            assertEquals(0, tests.exitCode, "twilio-node suite failed; full output is in the test's stdout. Tail:\n"
                    + tail(tests.output));
        }
    }

    private record Run(int exitCode, String output) {}

    /** Runs a command, echoing its combined output to System.out line by line, and kills it after the timeout. */
    private static Run run(List<String> command, Path dir, Map<String, String> env) throws Exception {
        System.out.println("[NodeClientIT] $ " + String.join(" ", command) + "   (in " + dir + ")");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("NO_COLOR", "1");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("could not start " + command + ": " + e.getMessage(), e);
        }
        StringBuilder output = new StringBuilder();
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    System.out.println(line);
                    synchronized (output) { output.append(line).append('\n'); }
                }
            } catch (IOException e) {
                // the process was killed; what was read so far is kept
            }
        }, "node-output");
        pump.setDaemon(true);
        pump.start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            pump.join(5_000);
            fail(command + " did not finish within " + TIMEOUT_MINUTES + " minutes; output so far:\n" + output);
        }
        pump.join(10_000);
        synchronized (output) { return new Run(process.exitValue(), output.toString()); }
    }

    private static String tail(String output) {
        int max = 6_000;
        return output.length() <= max ? output : "…" + output.substring(output.length() - max);
    }

    private static boolean onPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        List<String> names = new ArrayList<>(List.of(executable));
        if (WINDOWS) names.addAll(List.of(executable + ".exe", executable + ".cmd"));
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) continue;
            for (String name : names) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return true;
            }
        }
        return false;
    }
}
