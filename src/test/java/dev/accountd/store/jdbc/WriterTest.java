package dev.accountd.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite's writes: the ones that wait together are committed together, yet each keeps the outcome its own
 * transaction would have had.
 */
class WriterTest {
    @TempDir Path dir;
    Database db;
    final ExecutorService callers = Executors.newFixedThreadPool(12);

    @BeforeEach
    void open() {
        db = Database.openSqlite(dir);
        db.writer().useHandle(h -> h.execute("CREATE TABLE scratch (n INTEGER PRIMARY KEY)"));
    }

    @AfterEach
    void close() {
        callers.shutdownNow();
        db.close();
    }

    Set<Integer> committed() {
        List<Integer> rows = db.reader().withHandle(h -> h.createQuery("SELECT n FROM scratch").mapTo(Integer.class).list());
        return new TreeSet<>(rows);
    }

    static final class Refused extends Exception {
        Refused(int n) { super("refused " + n); }
    }

    /** A write that does {@code first}, then keeps the writer thread until {@code release}: the writes after it queue up. */
    Future<?> holdTheWriter(CountDownLatch release, org.jdbi.v3.core.HandleConsumer<RuntimeException> first) throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        Future<?> held = callers.submit(() -> db.writer().inTransaction(h -> {
            first.useHandle(h);
            holding.countDown();
            return release.await(30, TimeUnit.SECONDS);
        }));
        assertTrue(holding.await(10, TimeUnit.SECONDS));
        return held;
    }

    @Test
    void writesThatWaitTogether_commitTogether_andAFailureUndoesOnlyItsOwnWork() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        // the first write holds the writer thread, so that the next ten queue up behind it and run in one transaction
        Future<?> first = holdTheWriter(release, h -> h.execute("INSERT INTO scratch (n) VALUES (0)"));
        List<Future<Integer>> outcomes = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            int n = i;
            outcomes.add(callers.submit(() -> db.writer().inTransaction(h -> {
                h.execute("INSERT INTO scratch (n) VALUES (?)", n);
                h.execute("INSERT INTO scratch (n) VALUES (?)", 100 + n);
                if (n % 2 == 0) throw new Refused(n); // after writing: its two rows must go, and nobody else's
                return n;
            })));
        }
        while (db.writer().waiting() < 10) Thread.sleep(5);
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        for (int i = 1; i <= 10; i++) {
            int n = i;
            if (n % 2 == 0) {
                Exception e = assertThrows(Exception.class, () -> outcomes.get(n - 1).get(10, TimeUnit.SECONDS));
                assertEquals("refused " + n, e.getCause().getMessage(), "the caller gets its own exception, as thrown");
                assertSame(Refused.class, e.getCause().getClass());
            } else {
                assertEquals(n, outcomes.get(n - 1).get(10, TimeUnit.SECONDS));
            }
        }
        assertEquals(Set.of(0, 1, 3, 5, 7, 9, 101, 103, 105, 107, 109), committed());
    }

    @Test
    void aWriteThatMustRunAlone_commitsBetweenTheWritesQueuedAroundIt_inTheirOrder() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<?> first = holdTheWriter(release, h -> { });
        // each write asks another connection whether the write queued before it is committed already
        Future<Boolean> before = callers.submit(() -> db.writer().inTransaction(h -> {
            h.execute("INSERT INTO scratch (n) VALUES (1)");
            return true;
        }));
        while (db.writer().waiting() < 1) Thread.sleep(5);
        Future<Boolean> alone = callers.submit(() -> db.writer().inTransactionAlone(h -> {
            h.execute("INSERT INTO scratch (n) VALUES (2)");
            return committed().contains(1);
        }));
        while (db.writer().waiting() < 2) Thread.sleep(5);
        Future<Boolean> after = callers.submit(() -> db.writer().inTransaction(h -> {
            h.execute("INSERT INTO scratch (n) VALUES (3)");
            return committed().contains(2);
        }));
        while (db.writer().waiting() < 3) Thread.sleep(5);
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        assertTrue(before.get(10, TimeUnit.SECONDS));
        assertTrue(alone.get(10, TimeUnit.SECONDS), "the write queued before it was committed first");
        assertTrue(after.get(10, TimeUnit.SECONDS), "it was committed before the write queued after it ran");
        assertEquals(Set.of(1, 2, 3), committed());
    }

    @Test
    void aFailureThatEndsTheWholeTransaction_failsTheWritesBeforeIt_andTheOnesAfterItRunOnTheirOwn() throws Exception {
        // SQLite rolls the whole transaction back on a full disk: made to happen with a page limit just above the store's size
        int pages = db.writer().withHandle(h -> h.createQuery("PRAGMA page_count").mapTo(Integer.class).one());
        db.writer().useHandle(h -> h.execute("PRAGMA max_page_count = " + (pages + 4)));
        CountDownLatch release = new CountDownLatch(1);
        Future<?> first = holdTheWriter(release, h -> { });
        List<Future<Integer>> outcomes = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            int n = i;
            outcomes.add(callers.submit(() -> db.writer().inTransaction(h -> {
                if (n == 3) {
                    h.execute("CREATE TABLE big (b BLOB)");
                    h.execute("INSERT INTO big VALUES (zeroblob(400000))"); // the disk is full: SQLite ends the transaction
                }
                h.execute("INSERT INTO scratch (n) VALUES (?)", n);
                return n;
            })));
            while (db.writer().waiting() < n) Thread.sleep(5); // queued in this order
        }
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        for (int n = 1; n <= 3; n++) {
            int call = n;
            assertThrows(Exception.class, () -> outcomes.get(call - 1).get(10, TimeUnit.SECONDS), "write " + n + " was rolled back");
        }
        assertEquals(4, outcomes.get(3).get(10, TimeUnit.SECONDS), "the write after the failure ran in a transaction of its own");
        assertEquals(Set.of(4), committed(), "what the callers were told is what is stored");
    }

    @Test
    void aWriteReturns_onlyOnceItIsCommitted() {
        for (int n = 0; n < 50; n++) {
            int row = n;
            db.writer().useHandle(h -> h.execute("INSERT INTO scratch (n) VALUES (?)", row));
            assertTrue(committed().contains(row), "another connection reads it as soon as the call returns");
        }
    }

    @Test
    void aWriteMadeInsideAnother_runsInItsTransaction() {
        int seen = db.writer().inTransaction(outer -> {
            outer.execute("INSERT INTO scratch (n) VALUES (1)");
            // a store that calls another store's write from inside its own: same transaction, no deadlock
            return db.writer().inTransaction(inner -> inner.createQuery("SELECT count(*) FROM scratch").mapTo(Integer.class).one());
        });
        assertEquals(1, seen);
        assertEquals(Set.of(1), committed());
    }

    @Test
    void aLoneWriteThatFails_leavesNothing() {
        assertThrows(IOException.class, () -> db.writer().useTransaction(h -> {
            h.execute("INSERT INTO scratch (n) VALUES (7)");
            throw new IOException("no");
        }));
        assertEquals(Set.of(), committed());
    }

    @Test
    void aStatementWhoseRowsAreBeingRead_canRunAgainMeanwhile() {
        db.writer().useHandle(h -> h.execute("INSERT INTO scratch (n) VALUES (1), (2), (3)"));
        String sql = "SELECT n FROM scratch WHERE n >= :from ORDER BY n";
        List<String> pairs = db.writer().inTransaction(h -> {
            List<String> out = new ArrayList<>();
            try (var outer = h.createQuery(sql).bind("from", 1).mapTo(Integer.class).stream()) {
                // the same SQL, while the outer statement's rows are still being read: a statement of its own
                outer.forEach(n -> out.add(n + ":" + h.createQuery(sql).bind("from", n).mapTo(Integer.class).list()));
            }
            return out;
        });
        assertEquals(List.of("1:[1, 2, 3]", "2:[2, 3]", "3:[3]"), pairs);
        // and the statement, kept prepared, still answers with new bindings
        assertEquals(List.of(3), db.writer().withHandle(h -> h.createQuery(sql).bind("from", 3).mapTo(Integer.class).list()));
    }

    @Test
    void afterClose_writesAreRefused() {
        db.close();
        assertThrows(IllegalStateException.class, () -> db.writer().useHandle(h -> h.execute("INSERT INTO scratch (n) VALUES (1)")));
        db = Database.openSqlite(dir); // for @AfterEach
    }
}
