package dev.accountd.store.jdbc;

import dev.accountd.store.ChangeFeed;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQLite's change feed: polls the change epoch every 100 ms. Another process (an operator's CLI command) cannot
 * notify this one, and the epoch read is one indexed row, so polling is cheap and bounds the delay.
 */
final class PollingChangeFeed implements ChangeFeed {
    private static final Logger log = LoggerFactory.getLogger(PollingChangeFeed.class);

    private final Database db;
    private ScheduledExecutorService timer;

    PollingChangeFeed(Database db) { this.db = db; }

    @Override
    public void start(Consumer<String> listener) {
        long[] seen = {epoch()};
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "accountd-change-feed");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                long now = epoch();
                if (now != seen[0]) {
                    seen[0] = now;
                    listener.accept(EVERYTHING);
                }
            } catch (RuntimeException e) {
                log.warn("reading the change epoch failed; retrying", e);
            }
        }, 100, 100, TimeUnit.MILLISECONDS);
    }

    private long epoch() {
        try {
            return db.lookup("SELECT epoch FROM change_epoch WHERE id = 1", ps -> { }, rs -> rs.next() ? rs.getLong(1) : 0L);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("reading the change epoch failed", e);
        }
    }

    @Override
    public void close() {
        if (timer != null) timer.shutdownNow();
    }
}
