package dev.accountd.store.jdbc;

import dev.accountd.store.ChangeFeed;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL's change feed: LISTEN on a dedicated connection. Every node's changes arrive within milliseconds
 * of their commit, with no infrastructure but the database. While the connection is being re-established
 * nothing can be known, so every reconnection drops the whole cache.
 */
final class PostgresChangeFeed implements ChangeFeed {
    private static final Logger log = LoggerFactory.getLogger(PostgresChangeFeed.class);

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
            try (Connection c = DriverManager.getConnection(url)) {
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + Database.CHANGE_CHANNEL);
                }
                listener.accept(EVERYTHING); // changes made while we were not listening
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications == null) continue;
                    for (PGNotification n : notifications) listener.accept(n.getParameter());
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) return;
                log.warn("the PostgreSQL change feed lost its connection; reconnecting: {}", e.getMessage());
                listener.accept(EVERYTHING);
                sleep();
            }
        }
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
