package dev.accountd.store.jdbc;

import dev.accountd.store.ChangeFeed;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL's change feed: LISTEN on a dedicated connection. Every node's changes arrive within milliseconds
 * of their commit, with no infrastructure but the database.
 *
 * <p>A listening connection only reads, so a half-open one (the server gone, a firewall dropping the session)
 * would look like a quiet one forever. The feed therefore makes a round trip every {@link #HEARTBEAT} on it, with
 * a socket timeout: a dead connection fails within {@code HEARTBEAT + SOCKET_TIMEOUT} and is replaced. Nothing can
 * be known about the changes made while it was gone, so every reconnection drops the whole cache. Staleness is
 * bounded independently of all this by the cache's own expiry.
 */
final class PostgresChangeFeed implements ChangeFeed {
    private static final Logger log = LoggerFactory.getLogger(PostgresChangeFeed.class);
    /** The application name of the listening connection, which an operator (or a test) can find in pg_stat_activity. */
    static final String APPLICATION_NAME = "accountd-change-feed";
    static final Duration HEARTBEAT = Duration.ofSeconds(2);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(5);

    private final String url;
    private volatile boolean running;
    private Thread thread;

    PostgresChangeFeed(String url) { this.url = url; }

    @Override
    public void start(Consumer<String> listener) {
        running = true;
        thread = new Thread(() -> listen(listener), "accountd-change-feed");
        thread.setDaemon(true);
        thread.start();
    }

    private void listen(Consumer<String> listener) {
        while (running) {
            try (Connection c = DriverManager.getConnection(url, properties())) {
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + Database.CHANGE_CHANNEL);
                }
                listener.accept(EVERYTHING); // changes made while we were not listening
                PGConnection pg = c.unwrap(PGConnection.class);
                long nextHeartbeat = System.nanoTime() + HEARTBEAT.toNanos();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(250);
                    if (notifications != null) {
                        for (PGNotification n : notifications) listener.accept(n.getParameter());
                    }
                    if (System.nanoTime() >= nextHeartbeat) {
                        try (Statement st = c.createStatement()) {
                            st.execute("SELECT 1"); // fails on a dead connection within the socket timeout
                        }
                        nextHeartbeat = System.nanoTime() + HEARTBEAT.toNanos();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) return;
                log.warn("the PostgreSQL change feed lost its connection; reconnecting: {}", e.getMessage());
                listener.accept(EVERYTHING);
                sleep();
            }
        }
    }

    private static Properties properties() {
        Properties p = new Properties();
        p.setProperty("ApplicationName", APPLICATION_NAME);
        p.setProperty("socketTimeout", Long.toString(SOCKET_TIMEOUT.toSeconds()));
        p.setProperty("connectTimeout", Long.toString(SOCKET_TIMEOUT.toSeconds()));
        p.setProperty("tcpKeepAlive", "true");
        return p;
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) thread.interrupt();
    }
}
