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
 * clock the test can move. Clients are the official twilio-java SDK, redirected to the server, and plain HTTP
 * ({@link RawHttp}); both check every answer against Twilio's specs ({@link dev.accountd.support.spec.SpecCheck}).
 */
public final class TestServer implements AutoCloseable {
    public static final String MAIN_SID = "AC0123456789abcdef0123456789abcdef";
    public static final String MAIN_TOKEN = "main-token-0123456789abcdef";
    /**
     * The opening balance of a test server's main accounts unless a test sets ACCOUNTD_INITIAL_BALANCE itself: tests
     * of numbers buy hundreds, which accountd's default (20.00, tested by BillingIT) would refuse after seventeen.
     */
    public static final String TEST_OPENING_BALANCE = "100000.00";

    private final TestStore store;
    private final boolean ownsStore;
    private final MutableClock clock;
    private Accountd app;

    private TestServer(TestStore store, boolean ownsStore) {
        this.store = store;
        this.ownsStore = ownsStore;
        this.clock = MutableClock.system();
    }

    /** A server on a fresh store of the suite's kind (SQLite, or PostgreSQL with -Daccountd.test.store=postgresql). */
    public static TestServer start() {
        TestServer server = new TestServer(TestStore.fresh(), true);
        server.boot(Map.of());
        return server;
    }

    /** A server on a fresh store of the suite's kind, with extra environment (ACCOUNTD_CLOCK=manual, say). */
    public static TestServer start(Map<String, String> extraEnv) {
        TestServer server = new TestServer(TestStore.fresh(), true);
        server.boot(extraEnv);
        return server;
    }

    /** A server on a fresh store whose main accounts open at accountd's own default balance (billing tests). */
    public static TestServer startWithDefaultBalance(Map<String, String> extraEnv) {
        TestServer server = new TestServer(TestStore.fresh(), true);
        server.boot(extraEnv, false);
        return server;
    }

    /** A server on an existing store, which the caller closes (restart and multi-node tests). */
    public static TestServer startOn(TestStore store) {
        return startOn(store, Map.of());
    }

    /** A server on an existing store with extra environment (for example a shared ACCOUNTD_MASTER_KEY). */
    public static TestServer startOn(TestStore store, Map<String, String> extraEnv) {
        TestServer server = new TestServer(store, false);
        server.boot(extraEnv);
        return server;
    }

    /**
     * A server on an existing store, without the fixed seed credentials: on an empty store it creates the main
     * account itself and writes main-account.json into the data directory (the first start of a real install).
     */
    public static TestServer startUnseeded(TestStore store, java.nio.file.Path dataDir, Map<String, String> env) {
        TestServer server = new TestServer(store, false);
        server.app = Accountd.serve(Config.load(new Config.Flags(0, dataDir, store.dbUrl().orElse(null)), env), server.clock);
        return server;
    }

    private void boot(Map<String, String> extraEnv) {
        boot(extraEnv, true);
    }

    private void boot(Map<String, String> extraEnv, boolean testOpeningBalance) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("ACCOUNTD_MAIN_ACCOUNT_SID", MAIN_SID);
        env.put("ACCOUNTD_MAIN_AUTH_TOKEN", MAIN_TOKEN);
        if (testOpeningBalance) env.putIfAbsent("ACCOUNTD_INITIAL_BALANCE", TEST_OPENING_BALANCE);
        Config config = Config.load(new Config.Flags(0, store.dataDir(), store.dbUrl().orElse(null)), env);
        app = Accountd.serve(config, clock);
    }

    public String baseUrl() { return "http://127.0.0.1:" + app.port(); }

    public Path dataDir() { return store.dataDir(); }

    public TestStore store() { return store; }

    /** The CLI flags that reach this server's store: {@code --data DIR} and, on PostgreSQL, {@code --db URL}. */
    public java.util.List<String> cliArgs() { return store.cliArgs(); }

    public Accountd app() { return app; }

    public MutableClock clock() { return clock; }

    /** An SDK client with the given credentials, pointed at this server, every answer checked against the specs. */
    public TwilioRestClient client(String username, String password) {
        return client(username, password, new SpecCheckedHttpClient(baseUrl()));
    }

    /** An SDK client through the given HTTP client (a {@link RecordingHttpClient}, say): use a spec-checked one. */
    public static TwilioRestClient client(String username, String password, SpecCheckedHttpClient http) {
        return new TwilioRestClient.Builder(username, password).httpClient(http).build();
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
        if (ownsStore) store.close();
    }

    public static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temporary directory
        }
    }
}
