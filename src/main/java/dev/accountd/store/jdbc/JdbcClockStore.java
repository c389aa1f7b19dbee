package dev.accountd.store.jdbc;

import dev.accountd.store.Audit;
import dev.accountd.store.ChangeFeed;
import dev.accountd.store.ClockStore;
import java.time.Instant;
import java.util.Optional;

/** The manual clock of a SQL store: one row, moved only forward, with a notice to every node. */
public final class JdbcClockStore implements ClockStore {
    private final Database db;

    public JdbcClockStore(Database db) { this.db = db; }

    @Override
    public Instant startManual(Instant start) {
        return db.writer().inTransaction(h -> {
            h.createUpdate("INSERT INTO manual_clock (id, now_millis) VALUES (1, :now) ON CONFLICT (id) DO NOTHING")
                    .bind("now", start.toEpochMilli()).execute();
            return Instant.ofEpochMilli(h.createQuery("SELECT now_millis FROM manual_clock WHERE id = 1").mapTo(Long.class).one());
        });
    }

    @Override
    public Optional<Instant> manualNow() {
        return db.reader().withHandle(h -> h.createQuery("SELECT now_millis FROM manual_clock WHERE id = 1").mapTo(Long.class)
                .findOne().map(Instant::ofEpochMilli));
    }

    @Override
    public Instant moveManual(Instant to, Audit<Instant> audit) {
        return db.writer().inTransaction(h -> {
            Instant before = Instant.ofEpochMilli(h.createQuery("SELECT now_millis FROM manual_clock WHERE id = 1" + db.dialect().forUpdate())
                    .mapTo(Long.class).one());
            if (!to.isAfter(before)) return before;
            h.createUpdate("UPDATE manual_clock SET now_millis = :now WHERE id = 1").bind("now", to.toEpochMilli()).execute();
            db.recordChange(h, ChangeFeed.CLOCK);
            JdbcEvents.record(h, audit, before, to);
            return to;
        });
    }
}
