package dev.accountd.it;

import static dev.accountd.support.RawHttp.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.accountd.support.RawHttp;
import dev.accountd.support.TestStore;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar as a user runs it: {@code java -jar target/accountd.jar serve} on an empty data directory,
 * then SIGTERM. This is also the check that the fat jar kept its service files (Flyway, Jetty).
 */
class ServeProcessIT {
    static final Path JAR = Path.of("target/accountd.jar");

    @Test
    void firstStart_writesMainAccountFile_servesIt_andStopsCleanlyOnSigterm() throws Exception {
        TestStore store = TestStore.fresh();
        Path data = store.dataDir();
        Path log = Files.createTempFile("accountd-serve", ".log");
        List<String> args = new java.util.ArrayList<>(List.of("serve", "--port", "0"));
        args.addAll(store.cliArgs());
        Process server = start(args, log, Map.of());
        try {
            int port = awaitPort(log);
            Path credentialsFile = data.resolve("main-account.json");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(credentialsFile)));
            JsonNode credentials = new ObjectMapper().readTree(credentialsFile.toFile());
            String sid = credentials.get("account_sid").asText();
            String token = credentials.get("auth_token").asText();

            RawHttp http = new RawHttp("http://127.0.0.1:" + port);
            assertEquals(200, http.get("/healthz", null).status());
            RawHttp.Reply me = http.get("/2010-04-01/Accounts/" + sid + ".json", basic(sid, token));
            assertEquals(200, me.status());

            server.destroy(); // SIGTERM
            assertTrue(server.waitFor(20, TimeUnit.SECONDS), "stops within 20 s of SIGTERM");
            String output = Files.readString(log);
            assertTrue(output.contains("stopped; the store is closed"), output);
            assertTrue(output.contains(sid), "the log names the main account");
            assertFalse(output.contains(token), "the log never shows a token");
        } finally {
            server.destroyForcibly();
            Files.deleteIfExists(log);
            store.close();
        }
    }

    @Test
    void portZero_printsTheUrlAsStdoutsFirstLine_andWritesServerJson() throws Exception {
        TestStore store = TestStore.fresh();
        Path out = Files.createTempFile("accountd-stdout", ".log");
        Path err = Files.createTempFile("accountd-stderr", ".log");
        Process server = serveOnAnyPort(store, Map.of(), out, err);
        try {
            String url = firstLine(out);
            assertTrue(url.matches("http://127\\.0\\.0\\.1:[0-9]+"), url);
            JsonNode file = new ObjectMapper().readTree(store.dataDir().resolve("server.json").toFile());
            assertEquals(url, file.get("url").asText());
            assertEquals(server.pid(), file.get("pid").asLong());
            assertEquals(200, new RawHttp(url).get("/healthz", null).status());
            server.destroy();
            assertTrue(server.waitFor(20, TimeUnit.SECONDS));
            assertFalse(Files.exists(store.dataDir().resolve("server.json")), "removed at a clean stop");
        } finally {
            server.destroyForcibly();
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            store.close();
        }
    }

    @Test
    void jsonLogs_areOneObjectPerLine_withALinePerRequest() throws Exception {
        TestStore store = TestStore.fresh();
        Path out = Files.createTempFile("accountd-stdout", ".log");
        Path err = Files.createTempFile("accountd-stderr", ".log");
        Process server = serveOnAnyPort(store, Map.of("ACCOUNTD_LOG_FORMAT", "json"), out, err);
        try {
            String url = firstLine(out);
            JsonNode credentials = new ObjectMapper().readTree(store.dataDir().resolve("main-account.json").toFile());
            String sid = credentials.get("account_sid").asText();
            String token = credentials.get("auth_token").asText();
            RawHttp.Reply me = new RawHttp(url).get("/2010-04-01/Accounts/" + sid + ".json", basic(sid, token));
            assertEquals(200, me.status());
            server.destroy();
            assertTrue(server.waitFor(20, TimeUnit.SECONDS));
            String requestId = me.header("Twilio-Request-Id");
            JsonNode request = null;
            for (String line : Files.readAllLines(err)) {
                JsonNode l = new ObjectMapper().readTree(line); // every line is one JSON object
                assertTrue(l.has("time") && l.has("level") && l.has("message"), line);
                if (requestId.equals(l.path("request_id").asText())) request = l;
            }
            assertTrue(request != null, "a line for the request " + requestId + ":\n" + Files.readString(err));
            assertEquals("/2010-04-01/Accounts/{sid}.json", request.get("route").asText());
            assertEquals(200, request.get("status").asInt());
            assertTrue(request.get("duration_ms").isNumber());
            assertFalse(Files.readString(err).contains(token), "never a token");
        } finally {
            server.destroyForcibly();
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            store.close();
        }
    }

    @Test
    void invalidConfiguration_stopsStartUpWithOneClearLine() throws Exception {
        Path log = Files.createTempFile("accountd-badconfig", ".log");
        Process p = start(List.of("serve", "--port", "99999"), log, Map.of());
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        assertEquals(List.of("accountd: invalid port 99999: expected 0 to 65535"), Files.readAllLines(log));
        Files.deleteIfExists(log);

        Path log2 = Files.createTempFile("accountd-badconfig", ".log");
        Process q = start(List.of("serve", "--port", "0"), log2, Map.of("ACCOUNTD_MAIN_ACCOUNT_SID", "AC" + "1".repeat(32)));
        assertTrue(q.waitFor(20, TimeUnit.SECONDS));
        assertEquals(2, q.exitValue());
        assertTrue(Files.readString(log2).contains("set both ACCOUNTD_MAIN_ACCOUNT_SID and ACCOUNTD_MAIN_AUTH_TOKEN"));
        Files.deleteIfExists(log2);
    }

    /** {@code serve --port 0} on the store, stdout and stderr each to a file of its own. */
    private static Process serveOnAnyPort(TestStore store, Map<String, String> env, Path out, Path err) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("java", "-Xmx256m", "-jar", JAR.toString(), "serve", "--port", "0"));
        args.addAll(store.cliArgs());
        ProcessBuilder pb = new ProcessBuilder(args).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("ACCOUNTD_"));
        pb.environment().putAll(env);
        return pb.start();
    }

    /** The first line the server wrote to stdout (its URL), waiting up to 30 s for it. */
    private static String firstLine(Path out) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Files.readString(out).isEmpty() && System.nanoTime() < deadline) Thread.sleep(50);
        return Files.readAllLines(out).get(0);
    }

    private static Process start(List<String> args, Path log, Map<String, String> env) throws IOException {
        assertTrue(Files.isRegularFile(JAR), "the integration tests run after `package`, which builds " + JAR);
        List<String> command = new java.util.ArrayList<>(List.of("java", "-Xmx256m", "-jar", JAR.toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("ACCOUNTD_"));
        pb.environment().putAll(env);
        return pb.start();
    }

    private static int awaitPort(Path log) throws Exception {
        Pattern listening = Pattern.compile("listening on port (\\d+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Matcher m = listening.matcher(Files.readString(log));
            if (m.find()) return Integer.parseInt(m.group(1));
            Thread.sleep(100);
        }
        throw new AssertionError("the server did not start within 30 s:\n" + Files.readString(log));
    }
}
