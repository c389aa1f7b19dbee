package dev.accountd.support;

import com.twilio.http.TwilioRestClient;
import dev.accountd.Accountd;
import dev.accountd.config.Config;
import dev.accountd.service.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real accountd server for black-box tests: port 0, a temporary data directory, a seeded main account and a
 * clock the test can move. Clients are the official twilio-java SDK, redirected to the server.
 */
public final class TestServer implements AutoCloseable {
    public static final String MAIN_SID = "AC0123456789abcdef0123456789abcdef";
    public static final String MAIN_TOKEN = "main-token-0123456789abcdef";

    private final Path dataDir;
    private final boolean ownsDataDir;
    private final MutableClock clock;
    private Accountd app;

    private TestServer(Path dataDir, boolean ownsDataDir) {
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        this.clock = MutableClock.system();
    }

    public static TestServer start() {
        try {
            TestServer server = new TestServer(Files.createTempDirectory("accountd-it"), true);
            server.boot(Map.of());
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server on an existing data directory, which the caller cleans up (restart tests). */
    public static TestServer startOn(Path dataDir) {
        TestServer server = new TestServer(dataDir, false);
        server.boot(Map.of());
        return server;
    }

    private void boot(Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("ACCOUNTD_MAIN_ACCOUNT_SID", MAIN_SID);
        env.put("ACCOUNTD_MAIN_AUTH_TOKEN", MAIN_TOKEN);
        Config config = Config.load(new Config.Flags(0, dataDir, null), env);
        app = Accountd.serve(config, clock);
    }

    public String baseUrl() { return "http://127.0.0.1:" + app.port(); }

    public Path dataDir() { return dataDir; }

    public Accountd app() { return app; }

    public MutableClock clock() { return clock; }

    /** An SDK client with the given credentials, pointed at this server. */
    public TwilioRestClient client(String username, String password) {
        return new TwilioRestClient.Builder(username, password).httpClient(new BaseUrlHttpClient(baseUrl())).build();
    }

    public TwilioRestClient mainClient() { return client(MAIN_SID, MAIN_TOKEN); }

    public RawHttp raw() { return new RawHttp(baseUrl()); }

    /** Stops the server, keeping the data directory (for restart tests). */
    public void stop() {
        if (app != null) app.close();
        app = null;
    }

    @Override
    public void close() {
        stop();
        if (ownsDataDir) deleteRecursively(dataDir);
    }

    public static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temporary directory
        }
    }
}
