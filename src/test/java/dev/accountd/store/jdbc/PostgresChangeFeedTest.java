package dev.accountd.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accountd.store.ChangeFeed;
import dev.accountd.support.FreezableProxy;
import dev.accountd.support.TestStore;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's change feed notices a listening connection that died, whether the server closed it or it went
 * silent, reconnects, and tells the cache to drop everything (changes made meanwhile are unknown).
 */
class PostgresChangeFeedTest {
    TestStore store;
    Database db;
    final LinkedBlockingQueue<String> heard = new LinkedBlockingQueue<>();

    @BeforeEach
    void open() {
        Assumptions.assumeTrue(TestStore.postgres(), "the LISTEN/NOTIFY feed is PostgreSQL's");
        store = TestStore.fresh();
        db = store.open();
    }

    @AfterEach
    void close() {
        if (db != null) db.close();
        if (store != null) store.close();
    }

    void notifyAll(String scope) throws Exception {
        try (Connection c = DriverManager.getConnection(store.dbUrl().orElseThrow()); Statement st = c.createStatement()) {
            st.execute("SELECT pg_notify('" + Database.CHANGE_CHANNEL + "', '" + scope + "')");
        }
    }

    /** Waits for {@code scope} to be heard, skipping others; false when it is not heard in time. */
    boolean hears(String scope, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            String s = heard.poll(50, TimeUnit.MILLISECONDS);
            if (scope.equals(s)) return true;
        }
        return false;
    }

    @Test
    void aListenerTheServerDisconnects_reconnectsAndDropsEverything() throws Exception {
        try (ChangeFeed feed = new PostgresChangeFeed(store.dbUrl().orElseThrow())) {
            feed.start(heard::add);
            assertTrue(hears(ChangeFeed.EVERYTHING, Duration.ofSeconds(5)), "connected");
            notifyAll("AC1");
            assertTrue(hears("AC1", Duration.ofSeconds(5)));

            int terminated;
            try (Connection c = DriverManager.getConnection(store.dbUrl().orElseThrow()); Statement st = c.createStatement();
                 var rs = st.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '"
                         + PostgresChangeFeed.APPLICATION_NAME + "' AND datname = current_database()")) {
                rs.next();
                terminated = rs.getInt(1);
            }
            assertEquals(1, terminated, "the listener's backend");
            assertTrue(hears(ChangeFeed.EVERYTHING, Duration.ofSeconds(5)), "the cut is noticed and everything dropped");
            assertTrue(hears(ChangeFeed.EVERYTHING, Duration.ofSeconds(5)), "and again once listening anew");
            notifyAll("AC2");
            assertTrue(hears("AC2", Duration.ofSeconds(5)), "notices arrive on the new connection");
        }
    }

    @Test
    void aListenerThatGoesSilent_isReplacedWithinHeartbeatAndSocketTimeout() throws Exception {
        URI pg = URI.create(store.dbUrl().orElseThrow().substring("jdbc:".length()));
        try (FreezableProxy proxy = new FreezableProxy(pg.getHost(), pg.getPort());
             ChangeFeed feed = new PostgresChangeFeed(store.dbUrl().orElseThrow()
                     .replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/"))) {
            feed.start(heard::add);
            assertTrue(hears(ChangeFeed.EVERYTHING, Duration.ofSeconds(5)), "connected through the proxy");
            proxy.freezeOpenConnections(); // a half-open connection: no error, no data
            long frozen = System.nanoTime();
            Duration bound = PostgresChangeFeed.HEARTBEAT.plus(PostgresChangeFeed.SOCKET_TIMEOUT).plusSeconds(3);
            assertTrue(hears(ChangeFeed.EVERYTHING, bound), "a silent listener is given up within " + bound);
            System.out.printf("[PostgresChangeFeedTest] silent listener noticed after %d ms%n", (System.nanoTime() - frozen) / 1_000_000);
            assertTrue(hears(ChangeFeed.EVERYTHING, Duration.ofSeconds(5)), "and replaced by a new one");
            notifyAll("AC3");
            assertTrue(hears("AC3", Duration.ofSeconds(5)), "which hears the next change");
        }
    }
}
